import type { ExplorerSession, Outcome } from './session.js';

/** Table and column names, read once from information_schema, for completion. */
export interface Schema {
  /** Table name (schema-qualified outside `public`) -> its columns in order. */
  tables: Map<string, string[]>;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

const USER_SCHEMAS = `n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'`;

/** `\dt`: tables with their row estimate (planner statistics, or live tuples before an ANALYZE) and size. */
export const LIST_TABLES_SQL = `SELECT CASE WHEN n.nspname = 'public' THEN c.relname ELSE n.nspname || '.' || c.relname END AS "table",
  CASE WHEN c.reltuples >= 0 THEN c.reltuples::bigint ELSE coalesce(s.n_live_tup, 0) END AS rows_estimate,
  pg_size_pretty(pg_total_relation_size(c.oid)) AS size
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'p') AND ${USER_SCHEMAS}
ORDER BY 1`;

/** `\d table`: columns, types as Postgres writes them, nullability and defaults. */
export function describeTableSql(table: string): string {
  return `SELECT a.attname AS "column", format_type(a.atttypid, a.atttypmod) AS type,
  CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS nullable,
  pg_get_expr(d.adbin, d.adrelid) AS "default"
FROM pg_attribute a
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE a.attrelid = to_regclass(${literal(table)}) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum`;
}

const SCHEMA_SQL = `SELECT CASE WHEN c.table_schema = 'public' THEN c.table_name ELSE c.table_schema || '.' || c.table_name END AS table_name, c.column_name
FROM information_schema.columns c
WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, c.ordinal_position`;

export async function readSchema(session: ExplorerSession): Promise<Schema> {
  const outcome: Outcome = await session.run(SCHEMA_SQL, { cap: Number.MAX_SAFE_INTEGER });
  const tables = new Map<string, string[]>();
  if (outcome.kind !== 'rows') return { tables };
  for (const [table, column] of outcome.rows) {
    if (table == null || column == null) continue;
    const columns = tables.get(table) ?? [];
    columns.push(column);
    tables.set(table, columns);
  }
  return { tables };
}
