import type { Schema } from './catalog.js';

/** What Tab offers: candidates replacing `line.slice(start)` (the word being typed). */
export interface Completion {
  start: number;
  prefix: string;
  candidates: string[];
}

export const SQL_KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'GROUP BY', 'ORDER BY', 'HAVING', 'LIMIT', 'OFFSET', 'JOIN', 'LEFT JOIN', 'INNER JOIN',
  'ON', 'USING', 'AS', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'ILIKE', 'BETWEEN', 'DISTINCT', 'COUNT', 'SUM',
  'AVG', 'MIN', 'MAX', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'WITH', 'UNION', 'ALL', 'EXISTS', 'DESC', 'ASC',
  'INSERT INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE FROM', 'RETURNING', 'EXPLAIN', 'ANALYZE', 'COALESCE', 'OVER',
  'PARTITION BY', 'ROW_NUMBER', 'LATERAL', 'CREATE', 'TABLE', 'VIEW', 'DROP', 'ALTER', 'BEGIN', 'COMMIT', 'ROLLBACK',
];

const META_COMMANDS = ['\\dt', '\\d', '\\export', '\\i', '\\write', '\\?', '\\q'];
// After these words a table name comes next.
const TABLE_CONTEXT = new Set(['FROM', 'JOIN', 'INTO', 'UPDATE', 'TABLE', '\\D']);

const startsWithIgnoringCase = (text: string, prefix: string) => text.toLowerCase().startsWith(prefix.toLowerCase());
const unique = (items: string[]) => [...new Set(items)];

/** Tables named after FROM/JOIN in the line, with their aliases. */
function referencedTables(line: string, schema: Schema): Map<string, string> {
  const byAlias = new Map<string, string>();
  const known = new Map([...schema.tables.keys()].map((t) => [t.toLowerCase(), t]));
  const pattern = /\b(?:from|join|update|into)\s+([\w.]+)(?:\s+(?:as\s+)?(\w+))?/gi;
  for (const match of line.matchAll(pattern)) {
    const table = known.get(match[1]!.toLowerCase());
    if (!table) continue;
    byAlias.set(table.toLowerCase(), table);
    const alias = match[2];
    if (alias && !/^(where|join|left|right|inner|on|group|order|limit|set|values)$/i.test(alias)) byAlias.set(alias.toLowerCase(), table);
  }
  return byAlias;
}

/**
 * Candidates for the word before the cursor, from a schema snapshot: table names after
 * FROM/JOIN/INTO/UPDATE and `\d`, `alias.column` after a dot, saved query names after `\i`,
 * otherwise columns of the tables in the statement, then tables and keywords.
 */
export function completions(lineBeforeCursor: string, schema: Schema, savedQueries: readonly string[] = []): Completion {
  const word = /[\w.\\?]*$/.exec(lineBeforeCursor)?.[0] ?? '';
  const start = lineBeforeCursor.length - word.length;
  const before = lineBeforeCursor.slice(0, start);
  const filter = (items: string[]) => unique(items.filter((c) => startsWithIgnoringCase(c, word) && c.toLowerCase() !== word.toLowerCase()));

  if (start === 0 && word.startsWith('\\')) return { start, prefix: word, candidates: filter(META_COMMANDS) };
  if (/^\s*\\i\s+$/.test(before)) return { start, prefix: word, candidates: filter([...savedQueries]) };

  const tables = [...schema.tables.keys()];
  const previous = (/([\w\\]+)[\s,]*$/.exec(before)?.[1] ?? '').toUpperCase();
  if (TABLE_CONTEXT.has(previous) || /\bfrom\s+[\w.]+\s*,\s*$/i.test(before)) return { start, prefix: word, candidates: filter(tables) };

  const referenced = referencedTables(lineBeforeCursor, schema);
  const dot = word.lastIndexOf('.');
  if (dot > 0) {
    const qualifier = word.slice(0, dot);
    const table = referenced.get(qualifier.toLowerCase()) ?? tables.find((t) => t.toLowerCase() === qualifier.toLowerCase());
    const columns = table ? (schema.tables.get(table) ?? []) : [];
    return { start, prefix: word, candidates: filter(columns.map((c) => `${qualifier}.${c}`)) };
  }

  const lower = word !== '' && word === word.toLowerCase();
  const keywords = SQL_KEYWORDS.map((k) => (lower ? k.toLowerCase() : k));
  const inStatement = [...new Set(referenced.values())].flatMap((t) => schema.tables.get(t) ?? []);
  if (word === '') return { start, prefix: word, candidates: inStatement.length > 0 ? unique(inStatement) : [] };
  const allColumns = [...schema.tables.values()].flat();
  const ordered = inStatement.length > 0 ? [...inStatement, ...tables, ...keywords] : [...keywords, ...tables, ...allColumns];
  return { start, prefix: word, candidates: filter(ordered) };
}
