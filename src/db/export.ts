import { sql, type Kysely } from 'kysely';
import { join } from 'node:path';
import { OutputFolder } from '../csv/output-folder.js';
import { UserError } from '../errors.js';
import { DB_COLUMN_NAMES, MODEL_TABLES, type Cell } from '../model/tables.js';
import type { DbHandle } from './connect.js';
import type { Database } from './schema.js';
import { quoteIdent } from './identifiers.js';

export interface ExportedTable {
  table: string;
  path: string;
  rows: number;
}

export interface ExportProgress {
  table: string;
  /** Rows written so far for this table. */
  rows: number;
  done: boolean;
}

export interface ExportOptions {
  onProgress?: (progress: ExportProgress) => void;
  /** Rows fetched per round trip from the cursor. */
  chunkSize?: number;
  /** Escape cells a spreadsheet would run as formulas (see OutputFolder). */
  safeFormulas?: boolean;
}

/** The eight model tables: what `export` writes with no --tables, equal to `ingest --out`. */
export const DEFAULT_EXPORT_TABLES: readonly string[] = MODEL_TABLES.map((t) => t.name);

const CSV_TIMESTAMP = `'YYYY-MM-DD HH24:MI:SS.US'`;

/** Tables and views of the public schema, by name. */
export async function listExportableTables(db: DbHandle | Kysely<Database>): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' ORDER BY table_name`.execute(kyselyOf(db));
  return result.rows.map((r) => r.name);
}

/**
 * Writes each table to `<outDir>/<table>.csv` (model tables under their CSV file names and
 * columns), streamed through a cursor, every file renamed into place only when all are written.
 * On a handle all tables are read in one REPEATABLE READ snapshot, so they agree with each other.
 */
export async function exportTables(handle: DbHandle, tables: readonly string[], outDir: string, options: ExportOptions = {}): Promise<ExportedTable[]> {
  await checkTables(handle.db, tables);
  const folder = await OutputFolder.open(outDir, { safeFormulas: options.safeFormulas });
  try {
    const written = await handle.session((session) =>
      session.db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute((trx) => writeTables(trx, tables, folder, options)),
    );
    await folder.commit();
    return written;
  } catch (error) {
    await folder.discard();
    throw error;
  }
}

/** Unknown names are a user error listing the valid ones. */
export async function checkTables(db: DbHandle | Kysely<Database>, tables: readonly string[]): Promise<void> {
  const known = await listExportableTables(db);
  const unknown = tables.filter((t) => !known.includes(t));
  if (unknown.length > 0) {
    throw new UserError(`unknown table${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; valid: ${known.join(', ')}`);
  }
}

/** Streams tables into staged files of `folder` through `db` (a transaction or session sees its own rows). */
export async function writeTables(db: Kysely<Database>, tables: readonly string[], folder: OutputFolder, options: ExportOptions = {}): Promise<ExportedTable[]> {
  const written: ExportedTable[] = [];
  for (const table of tables) {
    const plan = await exportPlan(db, table);
    const query = sql.raw(plan.query).compile(db);
    let rows = 0;
    options.onProgress?.({ table, rows, done: false });
    async function* cells(): AsyncGenerator<Cell[]> {
      for await (const chunk of db.getExecutor().stream<Record<string, unknown>>(query, options.chunkSize ?? 2000)) {
        for (const row of chunk.rows) yield plan.columns.map((_, i) => toCell(row[`c${i}`]));
        rows += chunk.rows.length;
        options.onProgress?.({ table, rows, done: false });
      }
    }
    const count = await folder.writeCsv(plan.file, plan.columns, cells());
    options.onProgress?.({ table, rows: count, done: true });
    written.push({ table, path: join(folder.dir, plan.file), rows: count });
  }
  return written;
}

interface ExportPlan {
  file: string;
  columns: string[];
  /** Selects the columns as c0, c1, ... in order. */
  query: string;
}


async function exportPlan(db: Kysely<Database>, table: string): Promise<ExportPlan> {
  const described = await sql<{ name: string; type: string; pk: number | null }>`
    SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
      array_position(i.indkey::int2[], a.attnum) AS pk
    FROM pg_attribute a
    LEFT JOIN pg_index i ON i.indrelid = a.attrelid AND i.indisprimary
    WHERE a.attrelid = ${`public.${quoteIdent(table)}`}::regclass AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY a.attnum`.execute(db);
  const byName = new Map(described.rows.map((r) => [r.name, r]));
  const model = MODEL_TABLES.find((t) => t.name === table);
  // Model tables: the CSV names (playlist_name, media_cover_url) over the database's (name, cover_url).
  const columns = model ? [...model.columns] : described.rows.map((r) => r.name);
  const selects = columns.map((column, i) => {
    const dbColumn = model ? (DB_COLUMN_NAMES[column] ?? column) : column;
    const type = byName.get(dbColumn)?.type;
    const expr = type === 'timestamp without time zone' ? `to_char(${quoteIdent(dbColumn)}, ${CSV_TIMESTAMP})` : `${quoteIdent(dbColumn)}`;
    return `${expr} AS c${i}`;
  });
  const key = described.rows.filter((r) => r.pk !== null).sort((a, b) => (a.pk ?? 0) - (b.pk ?? 0));
  const order = key.length > 0 ? ` ORDER BY ${key.map((r) => quoteIdent(r.name)).join(', ')}` : '';
  return { file: model?.file ?? `${table}.csv`, columns, query: `SELECT ${selects.join(', ')} FROM public.${quoteIdent(table)}${order}` };
}

function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  return JSON.stringify(value);
}

function kyselyOf(db: DbHandle | Kysely<Database>): Kysely<Database> {
  return 'session' in db ? db.db : db;
}
