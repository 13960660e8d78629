import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CatalogRow } from './catalog-index.js';
import { acceptsAutomaticallySql, noMatchAutomaticallySql } from './recommendation.js';
import { recordAutomaticDecisions, undecidedProposals, type AutomaticProposals } from './decisions.js';
import type { MediaItemText } from './title.js';

/** A media item with its database id, as the latest metadata describes it. */
export interface StoredMediaItem extends MediaItemText {
  mediaItemId: number;
}

/** Streams the catalog out of isrc_lookup. */
export async function* catalogFromDb(db: Kysely<Database>, chunkSize = 10_000): AsyncGenerator<CatalogRow> {
  yield* db.selectFrom('isrc_lookup').select(['isrc', 'track', 'artist']).stream(chunkSize);
}

/**
 * Media items with the latest metadata (title, artist name, track title), `limit` at a time
 * after `afterId`, by id. Items without metadata have nothing to match and are left out.
 */
export async function mediaItemPage(db: Kysely<Database>, afterId: number, limit: number): Promise<StoredMediaItem[]> {
  const rows = await sql<{ id: number; video_id: string; title: string | null; artist_name: string | null; track_title: string | null }>`
    SELECT mi.id, mi.source_id AS video_id, m.primary_title AS title, a.name AS artist_name, m.secondary_title AS track_title
    FROM media_items mi
    JOIN LATERAL (
      SELECT primary_title, secondary_title, artist_id FROM media_item_metadata_log x
      WHERE x.media_item_id = mi.id ORDER BY x.ingest_timestamp DESC LIMIT 1
    ) m ON true
    LEFT JOIN artists a ON a.id = m.artist_id
    WHERE mi.id > ${afterId}
    ORDER BY mi.id
    LIMIT ${limit}`.execute(db);
  return rows.rows.map((r) => ({ mediaItemId: r.id, videoId: r.video_id, title: r.title ?? '', artistName: r.artist_name, trackTitle: r.track_title }));
}

/** One media item's latest metadata, or undefined. */
export async function storedMediaItem(db: Kysely<Database>, mediaItemId: number): Promise<StoredMediaItem | undefined> {
  const [item] = await mediaItemPage(db, mediaItemId - 1, 1);
  return item?.mediaItemId === mediaItemId ? item : undefined;
}

/** What a match run would read: catalog rows and media items (for the progress bar, and to refuse an empty catalog). */
export async function matchInputs(db: Kysely<Database>): Promise<{ catalogRows: number; mediaItems: number }> {
  const result = await sql<{ catalog_rows: number; media_items: number }>`
    SELECT (SELECT count(*) FROM isrc_lookup)::int AS catalog_rows, (SELECT count(*) FROM media_items)::int AS media_items`.execute(db);
  const row = result.rows[0]!;
  return { catalogRows: row.catalog_rows, mediaItems: row.media_items };
}

/** An automatic decision and its bar: accept where the recommendation's confidence reaches it, no match where none does. */
export interface AutomaticRule {
  decision: 'accept' | 'no_match';
  confidence: number;
}

/** The media items the rule proposes, from their stored recommendations, decided or not. */
function automaticProposals(db: Kysely<Database>, rule: AutomaticRule): AutomaticProposals {
  const query = db.selectFrom('isrc_recommendations as r');
  return rule.decision === 'accept'
    ? query.where(acceptsAutomaticallySql(rule.confidence)).select(['r.media_item_id', 'r.isrc', 'r.confidence as score'])
    : query.where(noMatchAutomaticallySql(rule.confidence)).select(['r.media_item_id', sql<string | null>`NULL::text`.as('isrc'), 'r.confidence as score']);
}

/** How many media items applyAutomatic would decide now. */
export async function countAutomatic(db: Kysely<Database>, rule: AutomaticRule): Promise<number> {
  const row = await undecidedProposals(db, automaticProposals(db, rule)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function automaticNote(rule: AutomaticRule): string {
  return rule.decision === 'accept' ? `auto-accept: confidence >= ${rule.confidence}` : `auto-no-match: no recording reaches confidence ${rule.confidence}`;
}

/** Records the rule's decision for each proposed media item no decision was ever made for; returns how many. */
export async function applyAutomatic(db: Kysely<Database>, rule: AutomaticRule, reviewer: string): Promise<number> {
  return recordAutomaticDecisions(db, automaticProposals(db, rule), { decision: rule.decision, reviewer, note: automaticNote(rule) });
}
