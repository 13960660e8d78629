import { sql } from 'kysely';
import { storableText } from '../ingest/raw-nul.js';
import { ModelBuilder } from '../model/builder.js';
import type { DeadLetter, Granularity } from '../model/observation.js';
import { CHANGE_LOGS, DB_COLUMN_NAMES, ENTITY_TABLES, MODEL_TABLES, type Cell, type ModelTableName, type TableDefinition } from '../model/tables.js';
import type { DbSession } from './connect.js';
import { copyLine } from './copy-csv.js';
import { isEncoded, ObservationLines, type LoadBatch } from '../record/copy-lines.js';
import { OBSERVATION_COLUMNS } from '../record/fields.js';
import { dropIndexes, dropObservationIndexes } from './observation-indexes.js';
import { quoteIdent } from './identifiers.js';
import { ON_DEAD_LETTER_CONFLICT } from './dead-letters.js';

/**
 * The first load into an empty database (README, "What an ingest into a database guarantees"): with nothing
 * stored there is nothing to compare with, so the model is built on the client by the same
 * normaliser `ingest --no-db` uses (ModelBuilder; tests hold it equal to the SQL recomputation)
 * while the observations stream by COPY straight into playlist_observations, its indexes dropped
 * and built again at the end. The entity tables and change logs then go in by COPY with the
 * builder's ids. Everything stays inside the caller's transaction: a failure anywhere leaves the
 * database empty again.
 *
 * The SQL path stages the rows and reads them again to insert, group and recompute; this path
 * reads them once. The observation lines come ready-made from the parallel reader's parse
 * threads once this path is chosen (onLineSuffix), off this thread, the busiest.
 */

/** Dead letters are sent between observation COPYs once this much text waits (bounded memory). */
const DEAD_LETTER_BUFFER = 4 << 20;
const ROWS_PER_CHUNK = 2000;
const DEAD_LETTER_COLUMNS = ['ingest_run_id', 'source_file', 'record_index', 'raw_text', 'reason'];

/** Every table this path fills, and the observation log: all must be empty for it. */
const MUST_BE_EMPTY = ['playlist_observations', ...MODEL_TABLES.map((t) => t.name)];

async function isEmpty(session: DbSession): Promise<boolean> {
  const probes = MUST_BE_EMPTY.map((table) => `NOT EXISTS (SELECT 1 FROM ${table})`).join(' AND ');
  const result = await sql<{ empty: boolean }>`SELECT ${sql.raw(probes)} AS empty`.execute(session.db);
  return result.rows[0]?.empty === true;
}

/**
 * True, with the tables locked to commit, when every table of the model is empty. Writers of the
 * model tables wait for this transaction; readers of the observation log too (they would see it
 * half built), as in the bulk path. The observation log is locked first, as every load touches
 * it first, so a concurrent load cannot deadlock with this one.
 */
export async function claimEmptyDatabase(session: DbSession): Promise<boolean> {
  if (!(await isEmpty(session))) return false;
  await session.exec('LOCK TABLE playlist_observations IN ACCESS EXCLUSIVE MODE');
  await session.exec(`LOCK TABLE ${MODEL_TABLES.map((t) => t.name).join(', ')} IN SHARE ROW EXCLUSIVE MODE`);
  // Checked again under the locks: a load that committed in between made it non-empty.
  return isEmpty(session);
}

export interface FirstLoadInput {
  sourceFile: string;
  batches: AsyncIterable<LoadBatch> | Iterable<LoadBatch>;
  runId: number;
  granularity: Granularity;
  onCopied: (observations: number) => void;
  /** Told the suffix of the observation lines: batches whose copyLines end in it are sent as they are. */
  onLineSuffix?: (suffix: string) => void;
  /** Called after each step, with the observations sent: the load's phases. */
  phase: (name: 'staged' | 'observations' | 'entities' | 'change-logs', observations: number) => Promise<void>;
}

export interface FirstLoadResult {
  sent: number;
  deadLetters: number;
  rows: Record<ModelTableName, number>;
}

export async function firstLoad(session: DbSession, input: FirstLoadInput): Promise<FirstLoadResult> {
  const rebuild = await dropObservationIndexes(session);
  const builder = new ModelBuilder(input.granularity);
  // COPY's text format: the server reads it with less work than CSV, and the parse threads make it.
  const lines = new ObservationLines(undefined, 'text');
  const iterator = asyncIterator(input.batches);
  const runSuffix = `\t${input.runId}`;
  input.onLineSuffix?.(runSuffix);
  /** Observations sent in lines formatted by the reader. */
  let preformatted = 0;
  let deadLetterText = '';
  let deadLetters = 0;
  let finished = false;
  await session.exec(`CREATE TEMP TABLE cm_first_dead_letters ON COMMIT DROP AS SELECT ${DEAD_LETTER_COLUMNS.join(', ')} FROM dead_letters WITH NO DATA`);
  // One COPY for all observations, unless the dead letters waiting grow past their buffer: then
  // the COPY ends, they are sent, and another COPY carries on (one statement at a time per connection).
  while (!finished) {
    await session.copyText('playlist_observations', [...OBSERVATION_COLUMNS, 'ingest_run_id'], (async function* () {
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) {
          finished = true;
          return;
        }
        const { observations } = next.value;
        let text: string | Uint8Array;
        if (isEncoded(observations)) {
          builder.addEncoded(observations);
          const ready = 'copyLines' in next.value ? next.value.copyLines : undefined;
          if (ready?.suffix === runSuffix) {
            text = ready.bytes;
            preformatted += observations.count;
          } else text = lines.format(observations, '', runSuffix);
        } else {
          builder.addAll(observations);
          text = lines.format(observations, '', runSuffix);
        }
        for (const letter of next.value.deadLetters) deadLetterText += deadLetterLine(input.runId, letter);
        deadLetters += next.value.deadLetters.length;
        input.onCopied(lines.sent + preformatted);
        if (text.length > 0) yield text;
        if (deadLetterText.length > DEAD_LETTER_BUFFER) return;
      }
    })());
    if (deadLetterText !== '') await session.copyCsv('cm_first_dead_letters', DEAD_LETTER_COLUMNS, [deadLetterText]);
    deadLetterText = '';
  }
  // Staged, then stored once each: an earlier load of the file may have stored them (dead-letters.ts).
  if (deadLetters > 0) {
    await session.exec(`INSERT INTO dead_letters (${DEAD_LETTER_COLUMNS.join(', ')}) SELECT * FROM cm_first_dead_letters ${ON_DEAD_LETTER_CONFLICT}`);
  }
  const sent = lines.sent + preformatted;
  await input.phase('staged', sent);
  await rebuild();
  // Statistics for what follows and for the next load's plans (PGlite has no autovacuum).
  await session.exec('ANALYZE playlist_observations');
  await input.phase('observations', sent);

  const tables = builder.finish();
  const rows = {} as Record<ModelTableName, number>;
  for (const table of ENTITY_TABLES) {
    rows[table.name] = await copyRows(session, table, tables[table.name]);
    // The ids came from the builder: the next load's inserts continue after them.
    if (rows[table.name] > 0) await sql`SELECT setval(pg_get_serial_sequence(${table.name}, 'id'), ${rows[table.name]})`.execute(session.db);
  }
  await input.phase('entities', sent);
  // A foreign key checks each copied row on its own; added again after the COPY, it checks them
  // all in one join. The indexes too are built afterwards.
  const foreignKeys = await dropForeignKeys(session, CHANGE_LOGS.map((t) => t.name));
  for (const table of CHANGE_LOGS) {
    const rebuildIndexes = await dropIndexes(session, table.name);
    rows[table.name] = await copyRows(session, table, tables[table.name]);
    await rebuildIndexes();
  }
  for (const key of foreignKeys) await session.exec(`ALTER TABLE ${key.table} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition}`);
  await input.phase('change-logs', sent);
  return { sent, deadLetters, rows };
}

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

async function dropForeignKeys(session: DbSession, tables: readonly string[]): Promise<ForeignKey[]> {
  const keys = await sql<ForeignKey>`SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(${sql.raw(`ARRAY[${tables.map((t) => `'${t}'::regclass`).join(', ')}]`)})
    ORDER BY conrelid, conname`.execute(session.db);
  for (const key of keys.rows) await session.exec(`ALTER TABLE ${key.table} DROP CONSTRAINT ${quoteIdent(key.name)}`);
  return keys.rows;
}


function deadLetterLine(runId: number, letter: DeadLetter): string {
  return copyLine([runId, letter.sourceFile, letter.recordIndex, storableText(letter.rawText), letter.reason]);
}

/** COPYs a model table's rows (cells in the table's CSV column order); returns how many. */
async function copyRows(session: DbSession, table: TableDefinition, rows: Iterable<Cell[]>): Promise<number> {
  let count = 0;
  await session.copyCsv(table.name, table.columns.map((c) => DB_COLUMN_NAMES[c] ?? c), (function* () {
    let text = '';
    let lines = 0;
    for (const row of rows) {
      text += copyLine(row);
      count++;
      if (++lines === ROWS_PER_CHUNK) {
        yield text;
        text = '';
        lines = 0;
      }
    }
    if (text !== '') yield text;
  })());
  return count;
}

function asyncIterator<T>(items: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in items) return items[Symbol.asyncIterator]();
  const sync = items[Symbol.iterator]();
  return { next: async () => sync.next() };
}
