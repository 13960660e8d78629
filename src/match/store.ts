import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CatalogRow } from './catalog-index.js';
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

export interface AutoAcceptRule {
  threshold: number;
  margin: number;
}

/** Top candidates at or above the threshold that lead the second by the margin, decided or not. */
function autoAcceptProposals(db: Kysely<Database>, rule: AutoAcceptRule): AutomaticProposals {
  // Scores are stored rounded to 4 decimals: compare the lead with that tolerance.
  const margin = rule.margin - 1e-9;
  return db
    .selectFrom('isrc_candidates as c1')
    .leftJoin('isrc_candidates as c2', (join) => join.onRef('c2.media_item_id', '=', 'c1.media_item_id').on('c2.rank', '=', 2))
    .where('c1.rank', '=', 1)
    .where('c1.score', '>=', rule.threshold)
    .where((eb) => eb.or([eb('c2.score', 'is', null), eb(sql<number>`c1.score - c2.score`, '>=', margin)]))
    .select(['c1.media_item_id', 'c1.isrc', 'c1.score']);
}

/** How many media items applyAutoAccept would decide now. */
export async function countAutoAcceptable(db: Kysely<Database>, rule: AutoAcceptRule): Promise<number> {
  const row = await undecidedProposals(db, autoAcceptProposals(db, rule)).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records an auto accept for each acceptable media item no decision was ever made for; returns how many. */
export async function applyAutoAccept(db: Kysely<Database>, rule: AutoAcceptRule, reviewer: string): Promise<number> {
  const note = `auto-accept: score >= ${rule.threshold}, lead >= ${rule.margin}`;
  return recordAutomaticDecisions(db, autoAcceptProposals(db, rule), { decision: 'accept', reviewer, note });
}
