import { sql } from 'kysely';
import type { DbHandle } from './connect.js';

export interface HomeCounts {
  observations: number;
  mediaItems: number;
  /** Null when no match run has produced candidates yet. */
  matches: { reviewed: number; pending: number } | null;
}

/**
 * The counts Home shows: how much data the database holds and how far review has come.
 * Reviewed: media items with an accept, reject or no match in force. Pending: media items with
 * candidates and none of those (deferred ones included).
 */
export async function homeCounts(handle: DbHandle): Promise<HomeCounts> {
  const result = await sql<{ observations: number; media_items: number; with_candidates: number; reviewed: number; pending: number }>`
    WITH decided AS (
      SELECT media_item_id FROM isrc_match_state WHERE decision IN ('accept', 'reject', 'no_match')
    )
    SELECT (SELECT count(*) FROM playlist_observations)::int8 AS observations,
           (SELECT count(*) FROM media_items)::int8 AS media_items,
           (SELECT count(DISTINCT media_item_id) FROM isrc_candidates)::int8 AS with_candidates,
           (SELECT count(*) FROM decided)::int8 AS reviewed,
           (SELECT count(DISTINCT c.media_item_id) FROM isrc_candidates c
             WHERE NOT EXISTS (SELECT 1 FROM decided d WHERE d.media_item_id = c.media_item_id))::int8 AS pending`.execute(handle.db);
  const row = result.rows[0]!;
  const matched = row.with_candidates > 0 || row.reviewed > 0;
  return { observations: row.observations, mediaItems: row.media_items, matches: matched ? { reviewed: row.reviewed, pending: row.pending } : null };
}
