import { once } from 'node:events';
import { parseFlags } from './flags.js';
import { stringify } from 'csv-stringify/sync';
import { UsageError, UserError } from '../errors.js';
import { connect } from '../db/connect.js';
import { resolveTarget } from '../db/target.js';
import { alignedHeader, alignedRows, alignedWidths, errorLines, summary } from '../explorer/format.js';
import { Repl, type Reply } from '../explorer/repl.js';
import { ExplorerSession, type Cell, type Outcome } from '../explorer/session.js';
import { isStreamable, splitStatements } from '../explorer/statement.js';
import type { Command } from './command.js';

const USAGE = `Usage: cm-tui sql [--db URL|PATH] [--csv] [--write] [QUERY]

With QUERY: runs it and prints the result, as an aligned table or, with --csv, as CSV for
scripts (streamed: any size). QUERY may also be a meta-command: '\\dt', '\\d TABLE',
'\\i NAME key=value'. An SQL error prints one line and exits 1.
Without QUERY on a terminal: opens the SQL explorer screen. Without QUERY on a pipe: reads
statements (separated by ;) and meta-commands from stdin, stopping at the first error (exit 1).
Read-only unless --write is given: only SELECT, VALUES, TABLE, EXPLAIN and SHOW run, each in
a read-only transaction, and every statement is checked before any runs.

Options:
  --csv           CSV output (header line, nulls as empty fields)
  --write         allow statements that change data
  --db URL|PATH   PostgreSQL URL or embedded data folder (default: DATABASE_URL, then the
                  embedded database in the user's data folder)`;

function parse(argv: string[]) {
  return parseFlags('sql', {
    args: argv,
    allowPositionals: true,
    options: { db: { type: 'string' }, csv: { type: 'boolean', default: false }, write: { type: 'boolean', default: false } },
  });
}

async function write(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, 'drain');
}

/** Prints a table chunk by chunk; aligned output takes its widths from the first chunk. */
class Printer {
  #widths: number[] | null = null;
  #rows = 0;
  constructor(readonly csv: boolean) {}

  async chunk(columns: string[], rows: Cell[][]): Promise<void> {
    if (this.#widths === null) {
      this.#widths = alignedWidths(columns, rows);
      await write(this.csv ? stringify([columns]) : alignedHeader(columns, this.#widths));
    }
    this.#rows += rows.length;
    if (rows.length > 0) await write(this.csv ? stringify(rows) : alignedRows(rows, this.#widths));
  }

  async end(): Promise<void> {
    if (!this.csv) await write(`(${this.#rows.toLocaleString('en-US')} ${this.#rows === 1 ? 'row' : 'rows'})\n`);
  }
}

function sqlError(outcome: Extract<Outcome, { kind: 'error' }>): UserError {
  return new UserError(errorLines(outcome)[0]!);
}

async function printOutcome(outcome: Outcome, csv: boolean): Promise<void> {
  if (outcome.kind === 'error') throw sqlError(outcome);
  if (outcome.columns.length === 0 && outcome.command !== 'SELECT') {
    // A command tag is not data: on stderr it keeps CSV output clean.
    (csv ? process.stderr : process.stdout).write(summary(outcome).split(' · ')[0] + '\n');
    return;
  }
  const printer = new Printer(csv);
  await printer.chunk(outcome.columns, outcome.rows);
  await printer.end();
}

/** Runs one statement and prints every row; plain queries stream so any size fits. */
async function runStatement(repl: Repl, statement: string, csv: boolean): Promise<void> {
  if (statement.startsWith('\\')) return printReply(await repl.submit(statement), csv);
  if (!isStreamable(statement)) return printOutcome(await repl.session.run(statement, { cap: Number.MAX_SAFE_INTEGER }), csv);
  const printer = new Printer(csv);
  try {
    await repl.session.forEachChunk(statement, (columns, rows) => printer.chunk(columns, rows));
  } catch (error) {
    const e = error as { message?: string };
    throw new UserError(`ERROR: ${e.message ?? String(error)}`);
  }
  await printer.end();
}

/** Read-only: the statements up to the next \write must all pass before any of them runs. */
async function refuseUnlessReading(session: ExplorerSession, statements: string[]): Promise<void> {
  for (const statement of statements) {
    if (/^\\write\b/.test(statement)) return;
    if (statement.startsWith('\\')) continue;
    const refused = await session.refusal(statement);
    if (refused) throw sqlError(refused);
  }
}

async function printReply(reply: Reply, csv: boolean): Promise<void> {
  if (reply.kind === 'outcome') return printOutcome(reply.outcome, csv);
  if (reply.kind === 'problem') throw new UserError(reply.text);
  if (reply.kind === 'info' && reply.lines.length > 0) await write(reply.lines.join('\n') + '\n');
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

const sqlCommand: Command = {
  name: 'sql',
  summary: 'run SQL (read-only by default): print a result as a table or CSV; no QUERY: the explorer',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parse(argv);
    const query = positionals.join(' ').trim();
    if (query === '' && process.stdin.isTTY) {
      if (values.csv || values.write) throw new UsageError('sql: --csv and --write need a QUERY or statements on stdin; in the explorer type \\write to allow writes');
      return (await import('./tui.js')).tuiCommand('explorer').run(values.db === undefined ? [] : ['--db', values.db]);
    }
    const script = query !== '' ? query : await readStdin();
    const handle = await connect(resolveTarget(values.db));
    const session = await ExplorerSession.open(handle, { writable: values.write, howToWrite: 'cm-tui sql --write allows writes' });
    try {
      const repl = new Repl(session);
      const statements = query !== '' && query.startsWith('\\') ? [query] : splitStatements(script);
      for (const [i, statement] of statements.entries()) {
        if (i === 0 || /^\\write\b/.test(statements[i - 1]!)) await refuseUnlessReading(session, statements.slice(i));
        if (i > 0 && !values.csv) await write('\n');
        await runStatement(repl, statement, values.csv ?? false);
      }
      return 0;
    } finally {
      await session.close();
      await handle.close();
    }
  },
};

export default sqlCommand;
