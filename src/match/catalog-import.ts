import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import type { DbHandle } from '../db/connect.js';
import { UserError } from '../errors.js';
import { CatalogHeaderError, readCatalogCsv } from './catalog-csv.js';
import { copyLine } from '../db/copy-csv.js';
import { storableText } from '../ingest/raw-nul.js';

export interface CatalogDeadLetter {
  /** The line of the file, header included. */
  recordIndex: number;
  reason: string;
  rawText: string;
}

/** The first `limit` dead letters filed for a catalog file (re-imports file none twice). */
export async function catalogDeadLetters(handle: DbHandle, file: string, limit = 200): Promise<CatalogDeadLetter[]> {
  const rows = await handle.db
    .selectFrom('dead_letters')
    .select(['record_index', 'reason', 'raw_text'])
    .where('source_file', '=', resolve(file))
    .orderBy('record_index')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ recordIndex: Number(r.record_index), reason: r.reason, rawText: r.raw_text ?? '' }));
}

export interface CatalogImportSummary {
  file: string;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows repeating an earlier row of the file exactly. */
  duplicates: number;
  deadLetters: number;
  /** Dead letters by reason, the ISRC-specific part left out ("no isrc": 3). */
  deadLetterReasons: Record<string, number>;
  elapsedMs: number;
}

const STAGING_COLUMNS = ['line', 'isrc', 'cm_track', 'track', 'cm_artist', 'artist', 'raw', 'reason'] as const;

/**
 * `cm-tui isrc`: streams cm_track.csv into a staging table with one COPY, then in the same
 * transaction upserts the good rows into isrc_lookup by isrc and files the bad ones (no isrc,
 * bad pattern, malformed CSV, the same isrc again with other values) as dead letters.
 * Re-importing a file changes nothing and adds no dead letter twice.
 */
export async function importCatalog(handle: DbHandle, path: string, onProgress?: (rows: number) => void, signal?: AbortSignal): Promise<CatalogImportSummary> {
  const started = performance.now();
  const file = resolve(path);
  try {
    await access(file);
  } catch {
    throw new UserError(`cannot read ${path}: no such file`);
  }
  let rowsRead = 0;
  async function* staged(): AsyncGenerator<string> {
    let chunk = '';
    for await (const record of readCatalogCsv(file)) {
      // Thrown inside the transaction: it rolls back and nothing is written.
      if (signal?.aborted) throw new Error('cancelled: nothing was written');
      rowsRead++;
      if (rowsRead % 50_000 === 0) onProgress?.(rowsRead);
      chunk +=
        record.kind === 'row'
          ? copyLine([record.line, record.row.isrc, record.row.cm_track, record.row.track, record.row.cm_artist, record.row.artist, null, null])
          : copyLine([record.line, null, null, null, null, null, storableText(record.raw), record.reason]);
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk !== '') yield chunk;
  }

  return handle.session(async (session) => {
    await session.exec('BEGIN');
    try {
      await session.exec(`CREATE TEMP TABLE isrc_import (line bigint, isrc text, cm_track bigint, track text, cm_artist bigint, artist text, raw text, reason text) ON COMMIT DROP`);
      try {
        await session.copyCsv('isrc_import', STAGING_COLUMNS, staged());
      } catch (error) {
        if (error instanceof CatalogHeaderError) throw new UserError(error.message);
        throw error;
      }
      onProgress?.(rowsRead);
      const db = session.db;
      await sql`CREATE INDEX ON isrc_import (isrc, line)`.execute(db);
      // The first row of an isrc wins; a later one with other values is a dead letter.
      await sql`
        UPDATE isrc_import s SET reason = 'duplicate isrc ' || s.isrc || ' with other values than line ' || f.line
        FROM (SELECT DISTINCT ON (isrc) * FROM isrc_import WHERE reason IS NULL ORDER BY isrc, line) f
        WHERE s.isrc = f.isrc AND s.line > f.line AND s.reason IS NULL
          AND (s.cm_track, s.track, s.cm_artist, s.artist) IS DISTINCT FROM (f.cm_track, f.track, f.cm_artist, f.artist)`.execute(db);
      // Bad rows keep their raw text; a good row repeated with other values is shown as its fields.
      await sql`UPDATE isrc_import SET raw = concat_ws(',', cm_track, track, isrc, cm_artist, artist) WHERE raw IS NULL AND reason IS NOT NULL`.execute(db);
      const counts = await sql<{ inserted: number; updated: number }>`
        WITH upserted AS (
          INSERT INTO isrc_lookup (isrc, cm_track, track, cm_artist, artist)
          SELECT DISTINCT ON (isrc) isrc, cm_track, track, cm_artist, artist FROM isrc_import WHERE reason IS NULL ORDER BY isrc, line
          ON CONFLICT (isrc) DO UPDATE SET cm_track = excluded.cm_track, track = excluded.track, cm_artist = excluded.cm_artist, artist = excluded.artist
          WHERE (isrc_lookup.cm_track, isrc_lookup.track, isrc_lookup.cm_artist, isrc_lookup.artist)
            IS DISTINCT FROM (excluded.cm_track, excluded.track, excluded.cm_artist, excluded.artist)
          RETURNING (xmax = 0) AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated FROM upserted`.execute(db);
      const good = await sql<{ distinct_isrcs: number; good_rows: number }>`
        SELECT count(DISTINCT isrc)::int AS distinct_isrcs, count(*)::int AS good_rows FROM isrc_import WHERE reason IS NULL`.execute(db);
      await sql`
        INSERT INTO dead_letters (source_file, record_index, raw_text, reason)
        SELECT ${file}, s.line, s.raw, s.reason FROM isrc_import s
        WHERE s.reason IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM dead_letters d
          WHERE d.source_file = ${file} AND d.record_index = s.line AND d.raw_text = s.raw AND d.reason = s.reason)
        ON CONFLICT DO NOTHING`.execute(db);
      const reasons = await sql<{ reason: string; n: number }>`
        SELECT CASE
            WHEN reason LIKE 'duplicate isrc%' THEN 'duplicate isrc with other values'
            WHEN reason LIKE 'isrc %' THEN 'isrc does not match the pattern'
            WHEN reason LIKE 'malformed CSV%' THEN 'malformed CSV'
            WHEN reason = 'no isrc' THEN 'no isrc'
            WHEN reason LIKE '%NUL character%' THEN 'NUL character'
            ELSE 'cm_track or cm_artist not an integer' END AS reason, count(*)::int AS n
        FROM isrc_import WHERE reason IS NOT NULL GROUP BY 1 ORDER BY 1`.execute(db);
      await session.exec('COMMIT');
      const { inserted = 0, updated = 0 } = counts.rows[0] ?? {};
      const { distinct_isrcs = 0, good_rows = 0 } = good.rows[0] ?? {};
      const deadLetterReasons = Object.fromEntries(reasons.rows.map((r) => [r.reason, r.n]));
      return {
        file,
        rowsRead,
        inserted,
        updated,
        unchanged: distinct_isrcs - inserted - updated,
        duplicates: good_rows - distinct_isrcs,
        deadLetters: reasons.rows.reduce((sum, r) => sum + r.n, 0),
        deadLetterReasons,
        elapsedMs: performance.now() - started,
      };
    } catch (error) {
      await session.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
