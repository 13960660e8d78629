import type { Node } from 'libpg-query';
import { firstKeyword } from './statement.js';

/**
 * What the read-only explorer lets through, decided by what each statement is as PostgreSQL's
 * own grammar (libpg_query) parses it, not by its first word: a read-only transaction alone
 * does not stop SET, RESET, DISCARD, BEGIN READ WRITE, COPY TO a file, VACUUM, ALTER SYSTEM or
 * functions such as set_config() and pg_terminate_backend().
 */

/** Why a text may not run read-only, or a syntax error found while parsing it. */
export type Verdict =
  | { kind: 'reading' }
  | { kind: 'refused'; reason: string }
  | { kind: 'syntax'; message: string; position: number | null };

const READING_STATEMENTS = 'only SELECT, VALUES, TABLE, EXPLAIN and SHOW run';

/**
 * Functions named pg_* act on the server (pg_terminate_backend, pg_reload_conf, pg_read_file,
 * pg_advisory_lock, pg_notify...): none runs except these, which only read the catalog, sizes
 * and types, or wait.
 */
const ALLOWED_PG_FUNCTIONS = new Set([
  'pg_backend_pid',
  'pg_column_size',
  'pg_database_size',
  'pg_describe_object',
  'pg_encoding_to_char',
  'pg_function_is_visible',
  'pg_get_constraintdef',
  'pg_get_expr',
  'pg_get_function_arguments',
  'pg_get_function_identity_arguments',
  'pg_get_function_result',
  'pg_get_functiondef',
  'pg_get_indexdef',
  'pg_get_keywords',
  'pg_get_partkeydef',
  'pg_get_ruledef',
  'pg_get_serial_sequence',
  'pg_get_statisticsobjdef',
  'pg_get_triggerdef',
  'pg_get_userbyid',
  'pg_get_viewdef',
  'pg_has_role',
  'pg_identify_object',
  'pg_indexes_size',
  'pg_input_error_info',
  'pg_input_is_valid',
  'pg_is_in_recovery',
  'pg_postmaster_start_time',
  'pg_relation_size',
  'pg_size_bytes',
  'pg_size_pretty',
  'pg_sleep',
  'pg_sleep_for',
  'pg_sleep_until',
  'pg_table_is_visible',
  'pg_table_size',
  'pg_tablespace_size',
  'pg_total_relation_size',
  'pg_type_is_visible',
  'pg_typeof',
]);

/**
 * Outside pg_*: functions that change the session or sequences, reach files or other servers,
 * or run SQL given as text (which this check never sees).
 */
const REFUSED_FUNCTIONS = new Set([
  'set_config',
  'nextval',
  'setval',
  'loread',
  'lowrite',
  'query_to_xml',
  'query_to_xmlschema',
  'query_to_xml_and_xmlschema',
  'cursor_to_xml',
  'cursor_to_xmlschema',
  'ts_stat',
]);

const REFUSED_PREFIXES = ['lo_', 'dblink'];

/** Whether a reading query may call the function (its name without schema, lower case). */
export function functionAllowed(name: string): boolean {
  if (name.startsWith('pg_')) return ALLOWED_PG_FUNCTIONS.has(name);
  return !REFUSED_FUNCTIONS.has(name) && !REFUSED_PREFIXES.some((prefix) => name.startsWith(prefix));
}

type Tree = Record<string, unknown>;

const DATA_CHANGING = new Map([
  ['InsertStmt', 'INSERT'],
  ['UpdateStmt', 'UPDATE'],
  ['DeleteStmt', 'DELETE'],
  ['MergeStmt', 'MERGE'],
]);

/**
 * The first thing inside a reading statement that is not reading, anywhere in its tree. For a
 * plan only (EXPLAIN without ANALYZE) nothing runs, but functions are still held to the list.
 */
function nestedRefusal(tree: unknown, planOnly = false): string | null {
  if (Array.isArray(tree)) {
    for (const item of tree) {
      const found = nestedRefusal(item, planOnly);
      if (found) return found;
    }
    return null;
  }
  if (tree === null || typeof tree !== 'object') return null;
  for (const [key, value] of Object.entries(tree as Tree)) {
    const changes = DATA_CHANGING.get(key);
    if (changes && !planOnly) return `${changes} inside WITH refused, it changes data`;
    if (key === 'intoClause' && !planOnly) return 'SELECT INTO refused, it creates a table';
    if (key === 'lockingClause' && !planOnly) return 'FOR UPDATE/SHARE refused, it locks rows';
    if (key === 'FuncCall') {
      const parts = ((value as Tree).funcname as { String: { sval: string } }[]).map((p) => p.String.sval);
      const name = parts.at(-1)!.toLowerCase();
      if (!functionAllowed(name)) return `${parts.join('.')}() refused, it may act beyond reading`;
    }
    const found = nestedRefusal(value, planOnly);
    if (found) return found;
  }
  return null;
}

/** What EXPLAIN can show a plan of, by the names the user typed. */
const EXPLAINABLE = new Map([
  ['SelectStmt', 'SELECT'],
  ...DATA_CHANGING,
  ['CreateTableAsStmt', 'CREATE TABLE AS'],
  ['ExecuteStmt', 'EXECUTE'],
  ['DeclareCursorStmt', 'DECLARE'],
]);

/** EXPLAIN runs its statement only with ANALYZE (ANALYZE false/off/0 does not). */
function explainAnalyzes(options: unknown): boolean {
  return ((options ?? []) as { DefElem: { defname: string; arg?: Tree } }[]).some(({ DefElem: option }) => {
    if (option.defname !== 'analyze') return false;
    const arg = option.arg as { String?: { sval: string }; A_Const?: { ival?: { ival?: number } } } | undefined;
    const value = arg?.String?.sval ?? (arg?.A_Const ? String(arg.A_Const.ival?.ival ?? 0) : 'true');
    return !/^(false|off|0|no)$/i.test(value);
  });
}

/** Why one parsed statement may not run read-only, or null. `label` names it as typed. */
function statementRefusal(stmt: Node, label: string): string | null {
  const [type, body] = Object.entries(stmt)[0] as [string, Tree];
  switch (type) {
    case 'SelectStmt':
    case 'VariableShowStmt':
      return nestedRefusal(body);
    case 'ExplainStmt': {
      if (!explainAnalyzes(body.options)) return nestedRefusal(body, true);
      const query = body.query as Node;
      const inner = statementRefusal(query, EXPLAINABLE.get(Object.keys(query)[0]!) ?? 'its statement');
      return inner === null ? null : `EXPLAIN ANALYZE runs it: ${inner}`;
    }
    case 'VariableSetStmt':
    case 'DiscardStmt':
      return `${label} refused, it would change the session's settings`;
    case 'TransactionStmt':
      return `${label} refused, each statement runs in its own read-only transaction`;
    default:
      return `${label} refused, ${READING_STATEMENTS}`;
  }
}

/**
 * Parses `text` (one or more statements) and says whether every statement only reads. Nothing
 * is run: the caller runs the text only when all of it passed.
 */
export async function checkReading(text: string): Promise<Verdict> {
  if (text.trim() === '') return { kind: 'reading' };
  // Loaded on the first check: the parser's WASM compiles on import, which no other screen needs.
  const { parse } = await import('libpg-query');
  let stmts: { stmt?: Node; stmt_location?: number; stmt_len?: number }[];
  try {
    stmts = (await parse(text)).stmts ?? [];
  } catch (error) {
    const details = (error as { sqlDetails?: { message: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (error instanceof Error ? error.message : String(error));
    const at = details?.cursorPosition;
    return { kind: 'syntax', message, position: at === undefined || at < 0 ? null : at + 1 };
  }
  for (const { stmt, stmt_location: start = 0, stmt_len: length } of stmts) {
    if (!stmt) continue;
    const source = text.slice(start, length === undefined || length === 0 ? undefined : start + length);
    const reason = statementRefusal(stmt, firstKeyword(source) || 'this statement');
    if (reason !== null) return { kind: 'refused', reason };
  }
  return { kind: 'reading' };
}
