import { sql, type Kysely } from 'kysely';
import { storableText } from '../ingest/raw-nul.js';
import type { DeadLetter, Granularity } from '../model/observation.js';
import { MODEL_TABLES, type ModelTableName } from '../model/tables.js';
import { UserError } from '../errors.js';
import type { DbHandle, DbSession } from './connect.js';
import type { Database } from './schema.js';
import { copyLine } from './copy-csv.js';
import { deleteStaleSql, insertNewSql, latestSql, LOG_SPECS, newRowsSql } from './changelogs.js';
import { claimEmptyDatabase, firstLoad } from './first-load.js';
import { ON_DEAD_LETTER_CONFLICT } from './dead-letters.js';
import { dropObservationIndexes } from './observation-indexes.js';
import { ObservationLines, type LoadBatch } from '../record/copy-lines.js';
import { OBSERVATION_COLUMNS, VALUE_COLUMNS } from '../record/fields.js';
import { FEED_RECORD_ARGUMENTS, stagingColumns } from '../record/sql.js';
import { hashInShard, playlistHash, type Shard } from '../shard.js';

export type { LoadBatch } from '../record/copy-lines.js';

export interface LoadInput {
  /** Shown in ingest_runs.source_file. */
  sourceFile: string;
  batches: AsyncIterable<LoadBatch> | Iterable<LoadBatch>;
  /** The file's sha256, asked for once the batches are read (it may be computed alongside). */
  sha256: () => Promise<string> | string;
  /** The reader's final counts, asked for once the batches are read. */
  readCounts?: () => { recordsRead: number; duplicates: number };
  /**
   * No two observations share a key (playlist, video, timestp): the reader's dedupe guarantees
   * it. Only then may a load into an empty database take the first-load path (first-load.ts).
   */
  deduplicated?: boolean;
}

export type LoadPhase = 'staged' | 'observations' | 'entities' | 'change-logs' | 'before-commit';

export interface LoadProgress {
  phase: 'copy' | LoadPhase;
  /** Observations sent to the database so far (this shard's only). */
  observations: number;
}

export interface LoadOptions {
  granularity?: Granularity;
  shard?: Shard;
  onProgress?: (progress: LoadProgress) => void;
  /** Runs inside the transaction after each phase: tests inject failures or kill the connection here. */
  onPhase?: (phase: LoadPhase, session: DbSession, runId: number) => Promise<void> | void;
  /**
   * Called when the load starts taking batches' copyLines (EncodedBatch) that end in `suffix`:
   * a first load, whose COPY lines the parse threads can format. Batches without them still do.
   */
  onCopyLines?: (suffix: string) => void;
  /** Derive the model in SQL even into an empty database (tests compare it with the first-load path). */
  deriveInSql?: boolean;
}

export interface TableChange {
  added: number;
  removed: number;
}

export interface LoadSummary {
  runId: number;
  granularity: Granularity;
  /** Set when the stored granularity differed: every key's change logs were recomputed. */
  granularityChangedFrom: string | null;
  observations: { sent: number; inserted: number; alreadyPresent: number; conflicts: number };
  /** Dead letters stored: the reader's plus conflicts with observations already in the database. */
  deadLetters: number;
  tables: Record<ModelTableName, TableChange>;
  /** Keys whose change logs were recomputed. */
  recomputed: { playlists: number; mediaItems: number };
  /** The observations went in with the table's indexes dropped and built again (the bulk path). */
  indexesRebuilt: boolean;
  /** The database was empty: the model was built on the client and copied in (first-load.ts). */
  firstLoad: boolean;
}

// Advisory lock classes (two-int form): playlist slots, and one lock for the shared media items.
const PLAYLIST_SLOT_LOCK = 74_211_002;
const MEDIA_ITEM_LOCK = 74_211_003;
const BULK_DECISION_LOCK = 74_211_004;
/** Playlists map to this many lock slots: enough for parallel shards, few enough for the lock table. */
export const PLAYLIST_LOCK_SLOTS = 64;

const WORK_MEM = '256MB';

const STAGE_COLUMNS = ['kind', 'record_index', 'source_file', 'raw_text', 'reason', ...OBSERVATION_COLUMNS];

/**
 * Loads one file's observations as ONE transaction on one connection (README, "What an ingest into a database guarantees"):
 * COPY into a temp staging table, insert the new observations, dead-letter conflicts with the
 * database, upsert the entities, recompute the change logs of the touched keys, commit. Any
 * failure rolls everything back, so a re-run completes.
 */
export async function loadObservations(handle: DbHandle, input: LoadInput, options: LoadOptions = {}): Promise<LoadSummary> {
  const granularity = options.granularity ?? 'day';
  return handle.session(async (session) => {
    await session.exec('BEGIN');
    try {
      const summary = await loadInTransaction(session, input, options, granularity);
      await options.onPhase?.('before-commit', session, summary.runId);
      await session.exec('COMMIT');
      return summary;
    } catch (error) {
      // The connection may be gone (terminated backend): the server rolls back by itself then.
      await session.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

async function loadInTransaction(session: DbSession, input: LoadInput, options: LoadOptions, granularity: Granularity): Promise<LoadSummary> {
  const { db } = session;
  // Sorts of a whole file's observations stay in memory instead of spilling to disk.
  await session.exec(`SET LOCAL work_mem = '${WORK_MEM}'`);
  const phase = async (name: LoadPhase, observations: number) => {
    options.onProgress?.({ phase: name, observations });
    await options.onPhase?.(name, session, runId);
  };

  const run = await sql<{ id: number }>`INSERT INTO ingest_runs (source_file, sha256, granularity)
    VALUES (${input.sourceFile}, '', ${granularity}) RETURNING id`.execute(db);
  const runId = run.rows[0]!.id;

  // The advisory lock, held to commit, makes loads without --shard take their turn before
  // reading the tables, so two of them never both find the database empty, nor deadlock
  // upgrading to the bulk path's table lock.
  if (options.shard === undefined) {
    await sql`SELECT pg_advisory_xact_lock(${BULK_DECISION_LOCK}::int8)`.execute(db);
    if (input.deduplicated === true && options.deriveInSql !== true && (await claimEmptyDatabase(session))) {
      return loadIntoEmptyDatabase(session, input, options, runId, granularity, phase);
    }
  }

  // The ids in the stage use the collation of the stored ones (C since the schema says so; a
  // database created before keeps its default), so joins between them need no COLLATE clause.
  const idCollation = await sql<{ c: string | null }>`SELECT collation_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name = 'playlist_observations' AND column_name = 'playlist_source_id'`.execute(db);
  const id = idCollation.rows[0]?.c === 'C' ? 'text COLLATE "C"' : 'text';
  await session.exec(`CREATE TEMP TABLE cm_stage (
    kind char(1) NOT NULL, record_index bigint, source_file text, raw_text text, reason text,
    ${stagingColumns(id)}) ON COMMIT DROP`);
  const lines = new ObservationLines(options.shard);
  async function* chunks(): AsyncGenerator<string | Uint8Array> {
    for await (const batch of input.batches) {
      const observations = lines.format(batch.observations, 'o,,,,,', '');
      let deadLetters = '';
      for (const d of batch.deadLetters) {
        if (options.shard && !deadLetterInShard(d, options.shard)) continue;
        deadLetters += copyLine(['d', d.recordIndex, d.sourceFile, storableText(d.rawText), d.reason, ...OBSERVATION_COLUMNS.map(() => null)]);
      }
      options.onProgress?.({ phase: 'copy', observations: lines.sent });
      if (observations.length > 0) yield observations;
      if (deadLetters !== '') yield deadLetters;
    }
  }
  await session.copyCsv('cm_stage', STAGE_COLUMNS, chunks());
  const sent = lines.sent;
  const slots = new Set([...lines.playlistHashes].map((hash) => hash % PLAYLIST_LOCK_SLOTS));
  // Temp tables get no autovacuum statistics: without them the joins below plan as if it were tiny.
  await session.exec('ANALYZE cm_stage (kind, playlist_source_id, video_source_id, channel_id, artist_name)');
  await phase('staged', sent);

  // Never with --shard: concurrent workers would queue on the table lock one after another.
  const bulkInserted = options.shard === undefined && (await bulkLoadFits(db, sent)) ? await insertObservationsInBulk(session, runId, sent) : null;
  const insertedCount = bulkInserted ?? (await insertObservations(session, runId));

  // Classified after the insert: a concurrent load's row is visible here once it committed.
  // A staged observation whose key is stored with other values is a conflict: the stored one wins.
  const differing = VALUE_COLUMNS.map((c) => `CASE WHEN s.${c} IS DISTINCT FROM o.${c} THEN '${c}' END`).join(', ');
  // Every staged observation new: nothing to classify (the common case, and a join saved).
  const conflicts = insertedCount === sent ? { numAffectedRows: 0n } : await sql`WITH conflict AS (
      DELETE FROM cm_stage s USING playlist_observations o
      WHERE s.kind = 'o' AND o.source = 'YOUTUBE' AND o.playlist_source_id = s.playlist_source_id
        AND o.video_source_id = s.video_source_id AND o.timestp = s.timestp
        AND (${sql.raw(VALUE_COLUMNS.map((c) => `s.${c}`).join(', '))}) IS DISTINCT FROM (${sql.raw(VALUE_COLUMNS.map((c) => `o.${c}`).join(', '))})
      RETURNING s.*, concat_ws(', ', ${sql.raw(differing)}) AS fields, o.ingest_run_id AS stored_by)
    INSERT INTO dead_letters (ingest_run_id, source_file, record_index, raw_text, reason)
    SELECT ${runId}::bigint, ${input.sourceFile}, NULL, json_build_object(${sql.raw(FEED_RECORD_ARGUMENTS)})::text,
      'conflict: same playlist_id, video_id and timestp already loaded' ||
        CASE WHEN stored_by IS NULL THEN '' ELSE ' by ingest run ' || stored_by END ||
        ' with other ' || fields || ' (the stored one is kept)'
    FROM conflict ${sql.raw(ON_DEAD_LETTER_CONFLICT)}`.execute(db);
  const conflictCount = Number(conflicts.numAffectedRows ?? 0n);
  const storedReaderDeadLetters = await sql`INSERT INTO dead_letters (ingest_run_id, source_file, record_index, raw_text, reason)
    SELECT ${runId}::bigint, source_file, record_index, raw_text, reason FROM cm_stage WHERE kind = 'd' ${sql.raw(ON_DEAD_LETTER_CONFLICT)}`.execute(db);
  await phase('observations', sent);

  const tables = Object.fromEntries(MODEL_TABLES.map((t) => [t.name, { added: 0, removed: 0 }])) as Record<ModelTableName, TableChange>;
  // The staged observations' keys in one pass (a million rows become some ten thousand): the
  // entity inserts and touched keys below read this instead of scanning the stage six times.
  await session.exec(`CREATE TEMP TABLE cm_stage_keys ON COMMIT DROP AS
    SELECT playlist_source_id, video_source_id, NULLIF(channel_id, '') AS channel_id, NULLIF(artist_name, '') AS artist_name,
      min(date_trunc('${granularity}', timestp)) AS from_ts
    FROM cm_stage WHERE kind = 'o' GROUP BY 1, 2, 3, 4`);
  await session.exec('ANALYZE cm_stage_keys');
  // Entities, each sorted so concurrent shards insert shared keys in one order; byte order, as
  // the first-load path numbers them (ModelBuilder), so a first load gets the same ids either way.
  const entityInserts: [ModelTableName, string][] = [
    ['users', `INSERT INTO users (source, source_id) SELECT 'YOUTUBE', k FROM (SELECT DISTINCT channel_id AS k FROM cm_stage_keys) d WHERE k IS NOT NULL ORDER BY k COLLATE "C" ON CONFLICT DO NOTHING`],
    ['playlists', `INSERT INTO playlists (source, source_id) SELECT 'YOUTUBE', k FROM (SELECT DISTINCT playlist_source_id AS k FROM cm_stage_keys) d ORDER BY k ON CONFLICT DO NOTHING`],
    ['media_items', `INSERT INTO media_items (source, source_id) SELECT 'YOUTUBE', k FROM (SELECT DISTINCT video_source_id AS k FROM cm_stage_keys) d ORDER BY k ON CONFLICT DO NOTHING`],
    ['artists', `INSERT INTO artists (name) SELECT k FROM (SELECT DISTINCT artist_name AS k FROM cm_stage_keys) d WHERE k IS NOT NULL ORDER BY k COLLATE "C" ON CONFLICT DO NOTHING`],
  ];
  for (const [table, text] of entityInserts) tables[table].added = await affected(db, text);
  await phase('entities', sent);

  const previous = await storedGranularity(db, granularity);
  const recomputeAll = previous !== granularity;
  // Per touched key, the first bucket this load brought observations for (see changelogs.ts).
  const touchedSql = (entity: 'playlists' | 'media_items', natural: 'playlist_source_id' | 'video_source_id') =>
    recomputeAll
      ? `SELECT e.id, e.source_id, '-infinity'::timestamp AS from_ts FROM ${entity} e WHERE e.source = 'YOUTUBE'`
      : `SELECT e.id, e.source_id, s.from_ts FROM ${entity} e
         JOIN (SELECT ${natural} AS k, min(from_ts) AS from_ts FROM cm_stage_keys GROUP BY 1) s
           ON s.k = e.source_id
         WHERE e.source = 'YOUTUBE'`;
  await session.exec(`CREATE TEMP TABLE cm_touched_playlists ON COMMIT DROP AS ${touchedSql('playlists', 'playlist_source_id')}`);
  await session.exec(`CREATE TEMP TABLE cm_touched_media_items ON COMMIT DROP AS ${touchedSql('media_items', 'video_source_id')}`);
  await session.exec('ANALYZE cm_touched_playlists; ANALYZE cm_touched_media_items');
  const touched = await sql<{ playlists: number; media_items: number }>`SELECT
    (SELECT count(*) FROM cm_touched_playlists) AS playlists, (SELECT count(*) FROM cm_touched_media_items) AS media_items`.execute(db);

  // Playlist-keyed logs: only loads touching the same playlist slots wait for each other.
  const lockSlots = recomputeAll ? [...Array(PLAYLIST_LOCK_SLOTS).keys()] : [...slots].sort((a, b) => a - b);
  for (const slot of lockSlots) await sql`SELECT pg_advisory_xact_lock(${PLAYLIST_SLOT_LOCK}::int, ${slot}::int)`.execute(db);
  await latestTimes(session, 'cm_touched_playlists', granularity);
  for (const spec of LOG_SPECS.filter((s) => s.touched === 'cm_touched_playlists')) {
    await recompute(db, spec, granularity, tables);
  }
  // Media items are shared by all shards: one lock, taken last and held to commit, so each
  // recomputation sees every observation committed before it (READ COMMITTED, fresh snapshot).
  await sql`SELECT pg_advisory_xact_lock(${MEDIA_ITEM_LOCK}::int, 0)`.execute(db);
  for (const spec of LOG_SPECS.filter((s) => s.touched === 'cm_touched_media_items')) {
    await recompute(db, spec, granularity, tables);
  }
  await phase('change-logs', sent);

  const deadLetters = Number(storedReaderDeadLetters.numAffectedRows ?? 0n) + conflictCount;
  await finishRun(db, runId, input, { sent, inserted: insertedCount, conflicts: conflictCount, deadLetters });
  return {
    runId,
    granularity,
    granularityChangedFrom: recomputeAll ? previous : null,
    observations: { sent, inserted: insertedCount, alreadyPresent: sent - insertedCount - conflictCount, conflicts: conflictCount },
    deadLetters,
    tables,
    recomputed: { playlists: touched.rows[0]!.playlists, mediaItems: touched.rows[0]!.media_items },
    indexesRebuilt: bulkInserted !== null,
    firstLoad: false,
  };
}

/** The first-load path (first-load.ts), with the bookkeeping of any load around it. */
async function loadIntoEmptyDatabase(
  session: DbSession,
  input: LoadInput,
  options: LoadOptions,
  runId: number,
  granularity: Granularity,
  phase: (name: LoadPhase, observations: number) => Promise<void>,
): Promise<LoadSummary> {
  const { db } = session;
  const loaded = await firstLoad(session, {
    sourceFile: input.sourceFile,
    batches: input.batches,
    runId,
    granularity,
    onCopied: (observations) => options.onProgress?.({ phase: 'copy', observations }),
    onLineSuffix: options.onCopyLines,
    phase,
  });
  const previous = await storedGranularity(db, granularity);
  await finishRun(db, runId, input, { sent: loaded.sent, inserted: loaded.sent, conflicts: 0, deadLetters: loaded.deadLetters });
  const tables = Object.fromEntries(MODEL_TABLES.map((t) => [t.name, { added: loaded.rows[t.name], removed: 0 }])) as Record<ModelTableName, TableChange>;
  return {
    runId,
    granularity,
    granularityChangedFrom: previous !== granularity ? previous : null,
    observations: { sent: loaded.sent, inserted: loaded.sent, alreadyPresent: 0, conflicts: 0 },
    deadLetters: loaded.deadLetters,
    tables,
    recomputed: { playlists: loaded.rows.playlists, mediaItems: loaded.rows.media_items },
    indexesRebuilt: true,
    firstLoad: true,
  };
}

/** Completes the run's ingest_runs row: the reader's counts and what this load stored. */
async function finishRun(
  db: Kysely<Database>,
  runId: number,
  input: LoadInput,
  stored: { sent: number; inserted: number; conflicts: number; deadLetters: number },
): Promise<void> {
  const counts = input.readCounts?.();
  // Observations already stored with the same values count as duplicates, like the reader's.
  const alreadyStored = stored.sent - stored.inserted - stored.conflicts;
  await sql`UPDATE ingest_runs SET sha256 = ${await input.sha256()}, finished_at = now(),
      records_read = ${counts?.recordsRead ?? stored.sent}, valid = ${stored.sent - stored.conflicts},
      duplicates = ${(counts?.duplicates ?? 0) + alreadyStored}, dead_letters = ${stored.deadLetters}, inserted = ${stored.inserted}
    WHERE id = ${runId}`.execute(db);
}

const UNIQUE_VIOLATION = '23505';

/**
 * The staged observations whose key is not stored yet, in key order (index locality; concurrent
 * loads of overlapping files meet their rows in one order). A plain INSERT behind an anti-join
 * is about twice as fast as ON CONFLICT's speculative insertion per row; should a concurrent load
 * (or a key twice in the stage) make it hit an existing key anyway, it is redone with ON CONFLICT
 * DO NOTHING. Rows skipped either way are classified afterwards like any stored key.
 */
async function insertObservations(session: DbSession, runId: number): Promise<number> {
  const columns = OBSERVATION_COLUMNS.join(', ');
  const select = `SELECT 'YOUTUBE', ${columns}, ${runId}::bigint FROM cm_stage s WHERE s.kind = 'o'`;
  const order = 'ORDER BY playlist_source_id, video_source_id, timestp';
  await session.exec('SAVEPOINT cm_insert_observations');
  try {
    const inserted = await affected(session.db, `INSERT INTO playlist_observations (source, ${columns}, ingest_run_id)
      ${select} AND NOT EXISTS (SELECT 1 FROM playlist_observations o WHERE o.source = 'YOUTUBE'
        AND o.playlist_source_id = s.playlist_source_id AND o.video_source_id = s.video_source_id AND o.timestp = s.timestp)
      ${order}`);
    await session.exec('RELEASE SAVEPOINT cm_insert_observations');
    return inserted;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await session.exec('ROLLBACK TO SAVEPOINT cm_insert_observations');
    return affected(session.db, `INSERT INTO playlist_observations (source, ${columns}, ingest_run_id) ${select} ${order} ON CONFLICT DO NOTHING`);
  }
}

/**
 * Whether this load brings more observations than are stored: then dropping the observation
 * table's indexes and building them again after the insert (one sort each) is cheaper than
 * maintaining them row by row. Counted exactly (bounded by `sent`): the statistics are no guide,
 * since an ANALYZE or index build in a rolled-back load leaves n_live_tup and reltuples inflated.
 */
async function bulkLoadFits(db: Kysely<Database>, sent: number): Promise<boolean> {
  if (sent === 0) return false;
  const stored = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM (SELECT 1 FROM playlist_observations LIMIT ${sent}) x`.execute(db);
  return (stored.rows[0]?.n ?? 0) < sent;
}

/**
 * The bulk path: under an ACCESS EXCLUSIVE lock on the observation table (held to commit, so
 * readers wait for a first load instead of seeing it half built), its indexes are dropped, the
 * new observations inserted behind an anti-join, and the indexes built again from their stored
 * definitions. DDL is transactional: any failure, here or later, restores the indexes with the
 * rollback. A duplicate key (which the reader's dedupe rules out) fails the unique index build;
 * the savepoint then puts the indexes back and the row-by-row path handles it. Returns null when
 * the caller is to insert row by row.
 */
async function insertObservationsInBulk(session: DbSession, runId: number, sent: number): Promise<number | null> {
  const { db } = session;
  await session.exec('LOCK TABLE playlist_observations IN ACCESS EXCLUSIVE MODE');
  // Exact under the lock, and bounded: at most `sent` rows are counted.
  const stored = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM (SELECT 1 FROM playlist_observations LIMIT ${sent}) x`.execute(db);
  if ((stored.rows[0]?.n ?? 0) >= sent) return null;
  await session.exec('SAVEPOINT cm_bulk_observations');
  try {
    const rebuild = await dropObservationIndexes(session);
    const columns = OBSERVATION_COLUMNS.join(', ');
    // No ORDER BY: the index builds sort; the anti-join hashes the (smaller) stored rows.
    const inserted = await affected(db, `INSERT INTO playlist_observations (source, ${columns}, ingest_run_id)
      SELECT 'YOUTUBE', ${columns}, ${runId}::bigint FROM cm_stage s WHERE s.kind = 'o'
        AND NOT EXISTS (SELECT 1 FROM playlist_observations o WHERE o.source = 'YOUTUBE'
          AND o.playlist_source_id = s.playlist_source_id AND o.video_source_id = s.video_source_id AND o.timestp = s.timestp)`);
    await rebuild();
    // Statistics for the change-log queries that follow (a first load leaves none: a quick sample).
    await session.exec('ANALYZE playlist_observations');
    await session.exec('RELEASE SAVEPOINT cm_bulk_observations');
    return inserted;
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    await session.exec('ROLLBACK TO SAVEPOINT cm_bulk_observations');
    return null;
  }
}

async function affected(db: Kysely<Database>, text: string): Promise<number> {
  const result = await sql.raw(text).execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

async function latestTimes(session: DbSession, touched: 'cm_touched_playlists', granularity: Granularity) {
  await session.exec(latestSql(touched, granularity));
  await session.exec(`ANALYZE ${touched.replace(/^cm_touched_/, 'cm_latest_')}`);
}

async function recompute(db: Kysely<Database>, spec: (typeof LOG_SPECS)[number], granularity: Granularity, tables: Record<ModelTableName, TableChange>) {
  await sql.raw(newRowsSql(spec, granularity)).execute(db);
  tables[spec.table].removed += await affected(db, deleteStaleSql(spec));
  tables[spec.table].added += await affected(db, insertNewSql(spec));
}

/**
 * The granularity the stored change logs were built with (seeded 'day' by the schema). A load
 * with the same one holds the row FOR SHARE, so no concurrent load can switch it midway; a load
 * that switches it takes the row FOR UPDATE and updates it.
 */
async function storedGranularity(db: Kysely<Database>, wanted: Granularity): Promise<string> {
  const seen = await sql<{ value: string }>`SELECT value FROM cm_settings WHERE name = 'granularity'`.execute(db);
  const before = seen.rows[0]?.value ?? null;
  if (before === wanted) {
    const held = await sql<{ value: string }>`SELECT value FROM cm_settings WHERE name = 'granularity' FOR SHARE`.execute(db);
    if (held.rows[0]?.value !== wanted) throw new UserError('a concurrent ingest changed the change-log granularity; run this ingest again');
    return wanted;
  }
  await sql`INSERT INTO cm_settings (name, value) VALUES ('granularity', ${wanted}) ON CONFLICT DO NOTHING`.execute(db);
  const held = await sql<{ value: string }>`SELECT value FROM cm_settings WHERE name = 'granularity' FOR UPDATE`.execute(db);
  await sql`UPDATE cm_settings SET value = ${wanted} WHERE name = 'granularity'`.execute(db);
  return held.rows[0]?.value ?? wanted;
}

/** Which shard stores a reader dead letter: its playlist's, when the raw record names one; else shard 1. */
function deadLetterInShard(deadLetter: DeadLetter, shard: Shard): boolean {
  let playlistId: unknown;
  try {
    playlistId = (JSON.parse(deadLetter.rawText) as { playlist_id?: unknown }).playlist_id;
  } catch {
    playlistId = undefined;
  }
  if (typeof playlistId !== 'string' || playlistId === '') return shard.k === 1;
  return hashInShard(playlistHash(playlistId), shard);
}
