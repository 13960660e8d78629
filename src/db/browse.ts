import { sql, type RawBuilder } from 'kysely';
import type { DbHandle } from './connect.js';
import { quoteIdent } from './identifiers.js';

/** A table of the public schema as Preview lists it. */
export interface TableInfo {
  name: string;
  columns: string[];
  /** Exact row count. */
  rows: number;
}

/** Where a page starts: the ends of the table, or beside a known row (keyset paging). */
export type PageFrom =
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'after'; key: readonly unknown[] }
  | { kind: 'before'; key: readonly unknown[] }
  | { kind: 'at'; key: readonly unknown[] };

export interface PageRequest {
  table: string;
  /** Free text matched (ILIKE) against the whole row as text; empty or undefined for all rows. */
  filter?: string;
  limit: number;
  from: PageFrom;
}

export interface Page {
  columns: string[];
  rows: unknown[][];
  /** The paging key of each row, to ask for the page after or before it. */
  keys: unknown[][];
}

/** Tables and views of the public schema with their columns and exact row counts. */
export async function listTables(handle: DbHandle): Promise<TableInfo[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type IN ('BASE TABLE', 'VIEW')
     ORDER BY c.table_name, c.ordinal_position`.execute(handle.db);
  const byTable = new Map<string, string[]>();
  for (const row of columns.rows) {
    const list = byTable.get(row.table_name) ?? [];
    list.push(row.column_name);
    byTable.set(row.table_name, list);
  }
  const tables: TableInfo[] = [];
  for (const [name, cols] of byTable) tables.push({ name, columns: cols, rows: await countRows(handle, name) });
  return tables;
}

/** Rows of `table`, those matching `filter` when given. */
export async function countRows(handle: DbHandle, table: string, filter?: string): Promise<number> {
  const result = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM ${sql.table(table)} AS t WHERE ${filterCondition(filter)}`.execute(handle.db);
  return result.rows[0]?.n ?? 0;
}

/**
 * One page of rows in key order (the primary key, else the physical row id), found by keyset:
 * the cost of a page does not grow with how deep in the table it is, and the table is never
 * read whole.
 */
export async function fetchPage(handle: DbHandle, request: PageRequest): Promise<Page> {
  const keyColumns = await pagingKey(handle, request.table);
  if (keyColumns === null) return fetchViewPage(handle, request);
  const keyExprs = keyColumns.map((c) => (c === 'ctid' ? sql`t.ctid` : sql`t.${sql.ref(c)}`));
  const keyTuple = sql`(${sql.join(keyExprs)})`;
  const keySelect = sql.join(keyExprs.map((expr, i) => sql`${expr} AS ${sql.ref(`__key${i}`)}`));
  const from = request.from;
  const descending = from.kind === 'end' || from.kind === 'before';
  const keyValue = (key: readonly unknown[]) => sql`(${sql.join(key.map((v, i) => (keyColumns[i] === 'ctid' ? sql`${v}::tid` : sql`${v}`)))})`;
  const position: RawBuilder<unknown> =
    from.kind === 'after' ? sql`${keyTuple} > ${keyValue(from.key)}` : from.kind === 'before' ? sql`${keyTuple} < ${keyValue(from.key)}` : from.kind === 'at' ? sql`${keyTuple} >= ${keyValue(from.key)}` : sql`true`;
  const order = sql.join(keyExprs.map((expr) => (descending ? sql`${expr} DESC` : sql`${expr}`)));
  const result = await sql<Record<string, unknown>>`
    SELECT t.*, ${keySelect} FROM ${sql.table(request.table)} AS t
     WHERE ${filterCondition(request.filter)} AND ${position}
     ORDER BY ${order} LIMIT ${request.limit}`.execute(handle.db);
  const columns = await tableColumns(handle, request.table);
  const ordered = descending ? [...result.rows].reverse() : result.rows;
  return {
    columns,
    rows: ordered.map((row) => columns.map((c) => row[c])),
    keys: ordered.map((row) => keyColumns.map((_, i) => row[`__key${i}`])),
  };
}

function filterCondition(filter: string | undefined): RawBuilder<unknown> {
  if (filter === undefined || filter === '') return sql`true`;
  // The text is matched literally: % and _ typed by the user are not wildcards.
  const escaped = filter.replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`t::text ILIKE ${`%${escaped}%`}`;
}

async function tableColumns(handle: DbHandle, table: string): Promise<string[]> {
  const result = await sql<{ column_name: string }>`
    SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`.execute(handle.db);
  return result.rows.map((r) => r.column_name);
}

/** The primary key columns, `ctid` for a table without one, null for a view (no row id). */
async function pagingKey(handle: DbHandle, table: string): Promise<string[] | null> {
  const kind = await sql<{ relkind: string }>`SELECT relkind FROM pg_class WHERE oid = ${`public.${quoteIdent(table)}`}::regclass`.execute(handle.db);
  if (kind.rows[0]?.relkind !== 'r' && kind.rows[0]?.relkind !== 'p') return null;
  const result = await sql<{ column_name: string }>`
    SELECT a.attname AS column_name
      FROM pg_index i
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = ${`public.${quoteIdent(table)}`}::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey, a.attnum)`.execute(handle.db);
  return result.rows.length > 0 ? result.rows.map((r) => r.column_name) : ['ctid'];
}


/**
 * A view has no key to seek by: its pages are found by position (OFFSET) in an order over all
 * its columns, so they are stable between requests. The key of a row is its position. Cost grows
 * with the offset, which is fine for the views cm-tui ships (one row per media item at most).
 */
async function fetchViewPage(handle: DbHandle, request: PageRequest): Promise<Page> {
  const columns = await tableColumns(handle, request.table);
  const position = (key: readonly unknown[]) => Number(key[0]);
  const from = request.from;
  let offset: number;
  let limit = request.limit;
  if (from.kind === 'start') offset = 0;
  else if (from.kind === 'after') offset = position(from.key) + 1;
  else if (from.kind === 'at') offset = position(from.key);
  else if (from.kind === 'before') {
    offset = Math.max(0, position(from.key) - request.limit);
    limit = position(from.key) - offset;
  } else offset = Math.max(0, (await countRows(handle, request.table, request.filter)) - request.limit);
  const order = sql.join(columns.map((_, i) => sql.raw(String(i + 1))));
  const result = await sql<Record<string, unknown>>`
    SELECT t.* FROM ${sql.table(request.table)} AS t WHERE ${filterCondition(request.filter)}
     ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(handle.db);
  return { columns, rows: result.rows.map((row) => columns.map((c) => row[c])), keys: result.rows.map((_, i) => [offset + i]) };
}
