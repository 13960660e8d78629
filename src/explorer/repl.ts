import { homedir } from 'node:os';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';
import { describeTableSql, LIST_TABLES_SQL, readSchema, type Schema } from './catalog.js';
import { completions, type Completion } from './completion.js';
import { exportResult } from './export.js';
import type { History } from './history.js';
import { listSavedQueries, loadSavedQuery, savedQueryDir } from './saved.js';
import { DEFAULT_CAP, type ExplorerSession, type Outcome, type RunOptions } from './session.js';
import { firstKeyword, splitStatements } from './statement.js';

/** What one line typed at the prompt produced. */
export type Reply =
  | { kind: 'outcome'; outcome: Outcome }
  /** A meta-command's message (help, export summary, mode change). */
  | { kind: 'info'; lines: string[] }
  /** A meta-command used wrongly (unknown table, missing argument): shown in place like an error. */
  | { kind: 'problem'; text: string }
  | { kind: 'quit' };

export const HELP_LINES = [
  '\\dt                       tables with row estimates and sizes',
  '\\d TABLE                  columns and types of TABLE',
  '\\i NAME [key=value ...]   run the saved query sql/NAME.sql; values fill :\'key\' placeholders',
  '\\i                        list the saved queries',
  '\\export FILE.csv          write the last result as CSV (re-runs a plain query when only part is held)',
  '\\write [on|off]           toggle writes; the explorer starts read-only (prompt ro / rw)',
  '\\?                        this help        \\q  leave',
  'Anything else is SQL. Explorer screen: ⏎ runs a statement ending in ; (else a new line), Alt+⏎',
  'runs it as it is. Piped to cm-tui sql: one statement per line, a trailing ; optional.',
];

const DDL = new Set(['CREATE', 'ALTER', 'DROP', 'TRUNCATE', 'COMMENT']);

export interface ReplOptions {
  history?: History | null;
  /** Where `\i` finds saved queries. */
  sqlDir?: string;
  /** Where a relative `\export` path goes. */
  cwd?: string;
  cap?: number;
  /**
   * A screen that scrolls: the last statement of an input keeps its cursor open and returns its
   * first rows (`session.fetchMore` reads on); otherwise results are read to the end.
   */
  lazy?: boolean;
}

/**
 * The SQL explorer without a terminal: meta-commands, statements, history, the last result and
 * the schema snapshot for completion. The TUI and `cm-tui sql` on a pipe both drive it.
 */
export class Repl {
  readonly session: ExplorerSession;
  readonly history: History | null;
  #sqlDir: string;
  #cwd: string;
  #cap: number;
  #lazy: boolean;
  #schema: Schema = { tables: new Map() };
  #savedNames: string[];
  #last: Extract<Outcome, { kind: 'rows' }> | null = null;

  constructor(session: ExplorerSession, options: ReplOptions = {}) {
    this.session = session;
    this.history = options.history ?? null;
    this.#sqlDir = options.sqlDir ?? savedQueryDir();
    this.#cwd = options.cwd ?? process.cwd();
    this.#cap = options.cap ?? DEFAULT_CAP;
    this.#lazy = options.lazy ?? false;
    this.#savedNames = listSavedQueries(this.#sqlDir).map((q) => q.name);
  }

  get prompt(): string {
    return `${this.session.mode}=> `;
  }

  get lastResult(): Extract<Outcome, { kind: 'rows' }> | null {
    return this.#last;
  }

  get schema(): Schema {
    return this.#schema;
  }

  /** Reads table and column names once (and again after DDL) for completion. */
  async refreshSchema(): Promise<void> {
    this.#schema = await readSchema(this.session);
  }

  complete(lineBeforeCursor: string): Completion {
    return completions(lineBeforeCursor, this.#schema, this.#savedNames);
  }

  /** Runs what was typed at the prompt and records it in the history. */
  async submit(input: string, options: RunOptions = {}): Promise<Reply> {
    const text = input.trim();
    if (text === '') return { kind: 'info', lines: [] };
    this.history?.add(text);
    return text.startsWith('\\') ? this.#meta(text, options) : this.#statements(text, options);
  }

  async #statements(text: string, options: RunOptions): Promise<Reply> {
    // Read-only: every statement must pass before any runs.
    const refused = await this.session.refusal(text);
    if (refused) return { kind: 'outcome', outcome: refused };
    let outcome: Outcome | null = null;
    const statements = splitStatements(text);
    for (const [i, statement] of statements.entries()) {
      const last = i === statements.length - 1;
      outcome = this.#lazy && last ? await this.session.start(statement, { cap: this.#cap, ...options }) : await this.session.run(statement, { cap: this.#cap, ...options });
      if (outcome.kind === 'error') break;
      this.#last = outcome;
      if (DDL.has(firstKeyword(statement))) await this.refreshSchema();
    }
    return outcome ? { kind: 'outcome', outcome } : { kind: 'info', lines: [] };
  }

  async #meta(text: string, options: RunOptions): Promise<Reply> {
    const [command = '', ...args] = text.split(/\s+/);
    switch (command) {
      case '\\?':
        return { kind: 'info', lines: HELP_LINES };
      case '\\q':
        return { kind: 'quit' };
      case '\\dt':
        return this.#statements(LIST_TABLES_SQL, options);
      case '\\d': {
        if (args.length === 0) return this.#statements(LIST_TABLES_SQL, options);
        const reply = await this.#statements(describeTableSql(args.join(' ')), options);
        if (reply.kind === 'outcome' && reply.outcome.kind === 'rows' && reply.outcome.rowCount === 0) {
          return { kind: 'problem', text: `Did not find any relation named "${args.join(' ')}".` };
        }
        return reply;
      }
      case '\\write': {
        const on = args[0] === undefined ? this.session.mode === 'ro' : /^(on|true|1|yes)$/i.test(args[0]);
        try {
          await this.session.setMode(on ? 'rw' : 'ro');
        } catch (error) {
          if (error instanceof UserError) return { kind: 'problem', text: error.message };
          throw error;
        }
        return { kind: 'info', lines: [on ? 'writes allowed (rw): statements can change data' : 'read-only (ro): statements cannot change data'] };
      }
      case '\\i':
        return this.#include(args, options);
      case '\\export':
        return this.#export(args.join(' '));
      default:
        return { kind: 'problem', text: `unknown command ${command}: \\? lists the commands` };
    }
  }

  async #include(args: string[], options: RunOptions): Promise<Reply> {
    const [name, ...pairs] = args;
    if (name === undefined) {
      const saved = listSavedQueries(this.#sqlDir);
      return { kind: 'info', lines: saved.map((q) => `${q.name}${q.params.map((p) => ` ${p}=…`).join('')}  ${q.description}`) };
    }
    const values: Record<string, string> = {};
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return { kind: 'problem', text: `expected key=value after the query name, got '${pair}'` };
      values[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    const loaded = loadSavedQuery(name, values, this.#sqlDir);
    if ('problem' in loaded) return { kind: 'problem', text: loaded.problem };
    return this.#statements(loaded.sql, options);
  }

  async #export(target: string): Promise<Reply> {
    if (target === '') return { kind: 'problem', text: 'usage: \\export FILE.csv' };
    const last = this.#last;
    if (!last || last.columns.length === 0) return { kind: 'problem', text: 'no result to export yet: run a query first' };
    const file = resolve(this.#cwd, target.replace(/^~(?=\/|$)/, homedir()));
    try {
      const written = await exportResult(this.session, last, file);
      const how = written.source === 're-run' ? ' (query re-run to write every row)' : written.source === 'held rows only' ? ' (only the held rows: a command is never re-run)' : '';
      return { kind: 'info', lines: [`wrote ${written.rows.toLocaleString('en-US')} rows to ${written.file}${how}`] };
    } catch (error) {
      return { kind: 'problem', text: `cannot export to ${file}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
