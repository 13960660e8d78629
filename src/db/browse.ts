import { sql, type RawBuilder } from 'kysely';
import type { DbHandle } from './connect.js';
import { UserError } from '../errors.js';
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
  /** Order by this column first (the paging key breaks ties); the table's key order when absent. */
  sort?: PageSort;
}

export interface PageSort {
  column: string;
  descending: boolean;
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
 * One page of rows in key order (the primary key, else the physical row id), or sorted by a
 * column with the key breaking ties, found by keyset: the cost of a page does not grow with how
 * deep in the table it is, and the table is never read whole into the app. A sort by a column
 * without an index costs the database one scan per page (a top-N sort), still without OFFSET.
 */
export async function fetchPage(handle: DbHandle, request: PageRequest): Promise<Page> {
  const keyColumns = await pagingKey(handle, request.table);
  if (keyColumns === null) return fetchViewPage(handle, request);
  const keyOf = (alias: string) => keyColumns.map((c) => (c === 'ctid' ? sql`${sql.id(alias)}.ctid` : sql.id(alias, c)));
  const keyExprs = keyOf('t');
  const keyTuple = sql`(${sql.join(keyExprs)})`;
  const keySelect = sql.join(keyExprs.map((expr, i) => sql`${expr} AS ${sql.ref(`__key${i}`)}`));
  const from = request.from;
  const keyValue = (key: readonly unknown[]) => sql`(${sql.join(key.map((v, i) => (keyColumns[i] === 'ctid' ? sql`${v}::tid` : sql`${v}`)))})`;
  // Pages before a row, and the last page, are read in reverse order and turned back.
  const reversed = from.kind === 'end' || from.kind === 'before';
  const sort = request.sort;
  const sortExpr = sort ? await sortExpression(handle, request.table, sort.column) : null;
  let position: RawBuilder<unknown> = sql`true`;
  let anchor: RawBuilder<unknown> = sql``;
  if (from.kind !== 'start' && from.kind !== 'end') {
    // Ascending in key (or sort) order: after and at look forward, before looks back; a descending sort flips that.
    const forward = (from.kind !== 'before') !== (sort?.descending ?? false);
    const op = sql.raw(forward ? (from.kind === 'at' ? '>=' : '>') : from.kind === 'at' ? '<=' : '<');
    const keyCompare = sql`${keyTuple} ${op} ${keyValue(from.key)}`;
    if (sortExpr === null) position = keyCompare;
    else {
      // The sort value of the row paged from is read from the table, so no value makes a round trip through JavaScript.
      const anchorKey = sql`(${sql.join(keyOf('a'))}) = ${keyValue(from.key)}`;
      anchor = sql`, (SELECT ${sortExpr('a')} AS v FROM ${sql.table(request.table)} AS a WHERE ${anchorKey}) AS anchor`;
      position = sortedPosition(sortExpr('t'), keyCompare, forward);
    }
  }
  const descending = reversed !== (sort?.descending ?? false);
  const keyOrder = keyExprs.map((expr) => (descending ? sql`${expr} DESC` : sql`${expr}`));
  const order = sql.join(sortExpr === null ? keyOrder : [descending ? sql`${sortExpr('t')} DESC NULLS FIRST` : sql`${sortExpr('t')} ASC NULLS LAST`, ...keyOrder]);
  const result = await sql<Record<string, unknown>>`
    SELECT t.*, ${keySelect} FROM ${sql.table(request.table)} AS t ${anchor}
     WHERE ${filterCondition(request.filter)} AND ${position}
     ORDER BY ${order} LIMIT ${request.limit}`.execute(handle.db);
  const columns = await tableColumns(handle, request.table);
  const ordered = reversed ? [...result.rows].reverse() : result.rows;
  return {
    columns,
    rows: ordered.map((row) => columns.map((c) => row[c])),
    keys: ordered.map((row) => keyColumns.map((_, i) => row[`__key${i}`])),
  };
}

/**
 * Rows on the `forward` side of the anchor in the ascending order `value NULLS LAST, key`
 * (`keyCompare` already looks the same way). Nulls need their own cases: `>` and `<` say
 * nothing about them.
 */
function sortedPosition(value: RawBuilder<unknown>, keyCompare: RawBuilder<unknown>, forward: boolean): RawBuilder<unknown> {
  return forward
    ? sql`CASE WHEN anchor.v IS NULL THEN (${value} IS NULL AND ${keyCompare}) ELSE (${value} > anchor.v OR (${value} = anchor.v AND ${keyCompare}) OR ${value} IS NULL) END`
    : sql`CASE WHEN anchor.v IS NULL THEN (${value} IS NOT NULL OR ${keyCompare}) ELSE (${value} < anchor.v OR (${value} = anchor.v AND ${keyCompare})) END`;
}

// Type categories PostgreSQL orders by value: numbers, strings, dates, booleans, intervals, enums, bits, addresses.
const ORDERED_CATEGORIES = new Set(['N', 'S', 'D', 'B', 'T', 'E', 'V', 'I']);

/** How to sort by `column`: by its value, or by its text for types without an order (json, arrays of those...). */
async function sortExpression(handle: DbHandle, table: string, column: string): Promise<(alias: string) => RawBuilder<unknown>> {
  const result = await sql<{ typcategory: string; typname: string }>`
    SELECT ty.typcategory, ty.typname FROM pg_attribute a JOIN pg_type ty ON ty.oid = a.atttypid
     WHERE a.attrelid = ${`public.${quoteIdent(table)}`}::regclass AND a.attname = ${column} AND NOT a.attisdropped`.execute(handle.db);
  const type = result.rows[0];
  if (type === undefined) throw new UserError(`${table} has no column ${column}`);
  const ordered = ORDERED_CATEGORIES.has(type.typcategory) || type.typname === 'uuid';
  return (alias) => (ordered ? sql.id(alias, column) : sql`${sql.id(alias, column)}::text`);
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
  const byPosition = columns.map((_, i) => sql.raw(String(i + 1)));
  const sort = request.sort;
  const sortBy = sort ? (await sortExpression(handle, request.table, sort.column))('t') : null;
  const order = sql.join(sortBy === null || sort === undefined ? byPosition : [sort.descending ? sql`${sortBy} DESC NULLS FIRST` : sql`${sortBy} ASC NULLS LAST`, ...byPosition]);
  const result = await sql<Record<string, unknown>>`
    SELECT t.* FROM ${sql.table(request.table)} AS t WHERE ${filterCondition(request.filter)}
     ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`.execute(handle.db);
  return { columns, rows: result.rows.map((row) => columns.map((c) => row[c])), keys: result.rows.map((_, i) => [offset + i]) };
}
