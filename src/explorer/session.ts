import { sql } from 'kysely';
import type { DbHandle, DbSession } from '../db/connect.js';
import type { ArrayChunk } from '../db/pglite-driver.js';
import { UserError } from '../errors.js';
import { checkReading } from './read-only.js';
import { isStreamable, trimStatement } from './statement.js';
import { valueText } from './values.js';

export type Mode = 'ro' | 'rw';
export type Cell = string | null;
export type ErrorOutcome = Extract<Outcome, { kind: 'error' }>;

/** What one statement produced. Errors from Postgres are values: the REPL keeps running. */
export type Outcome =
  | {
      kind: 'rows';
      sql: string;
      /** Column names as the database gave them (a name may repeat); empty for a command without a result. */
      columns: string[];
      /** Per column: the driver gave numbers (for right alignment); numeric and int8 text is not guessed. */
      numeric: boolean[];
      /** The first `cap` rows, as text (null kept apart). */
      rows: Cell[][];
      /** Every row the statement returned, also past the cap. */
      rowCount: number;
      /** Rows were counted to the end; false after a cancel or while `more`. */
      complete: boolean;
      /** The statement's cursor is still open (results of `start`): `fetchMore` reads the next rows. */
      more: boolean;
      /** `SELECT`, `DELETE`, ...; with `affected` for commands that change rows. */
      command: string;
      affected: number | null;
      ms: number;
    }
  | { kind: 'error'; sql: string; message: string; code: string | null; position: number | null; detail: string | null; hint: string | null; ms: number };

export interface RunOptions {
  /** Rows kept for display; the count continues past it. */
  cap?: number;
  /** Called after each chunk with the rows counted so far. */
  onProgress?: (rowCount: number) => void;
}

/** What cancel did: a server cancels the statement; PGlite can only stop between fetched chunks. */
export type CancelResult = 'cancelled' | 'between-chunks' | 'idle';

/** The next rows of an open result; `more` false once its cursor is exhausted (and closed). */
export interface MoreRows {
  rows: Cell[][];
  more: boolean;
}

/**
 * A result whose cursor stays open while the screen shows it: the session's connection (and, on
 * PGlite, the database) stays borrowed until `release` lets the holding work finish.
 */
interface OpenResult {
  rows: AsyncIterator<ArrayChunk>;
  release: () => void;
  held: Promise<unknown>;
}

export const DEFAULT_CAP = 1000;
/** Rows per FETCH: also what a started result reads at first and each time more are needed. */
export const CHUNK = 500;
const QUERY_CANCELED = '57014';
const READ_ONLY_SQL_TRANSACTION = '25006';
const SYNTAX_ERROR = '42601';
const NO_ACTIVE_SQL_TRANSACTION = '25P01';
/** How the explorer screen and a piped `cm-tui sql` switch writes on. */
export const WRITE_TOGGLE_HINT = '\\write allows writes';

/** A connection held for the explorer: `use` runs work on it with the session's access mode in force. */
interface Lease {
  use<T>(work: (session: DbSession) => Promise<T>): Promise<T>;
  setMode(mode: Mode): Promise<void>;
  backendPid: number | null;
  close(): Promise<void>;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

const readOnlySql = (mode: Mode) => `SET default_transaction_read_only = ${mode === 'ro' ? 'on' : 'off'}`;

/**
 * On a server the explorer keeps one pooled connection for its lifetime: its SET and BEGIN carry
 * over between statements and another connection can cancel it by backend pid.
 */
async function serverLease(handle: DbHandle, mode: Mode): Promise<Lease> {
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let ready!: (session: DbSession) => void;
  let failed!: (error: unknown) => void;
  const opened = new Promise<DbSession>((resolve, reject) => {
    ready = resolve;
    failed = reject;
  });
  const held = handle
    .session(async (session) => {
      ready(session);
      await finished;
    })
    .catch(failed);
  const session = await opened;
  await session.exec(readOnlySql(mode));
  const pid = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(session.db);
  let queue: Promise<unknown> = Promise.resolve();
  const lease: Lease = {
    backendPid: pid.rows[0]?.pid ?? null,
    use(work) {
      const next = queue.then(() => work(session));
      queue = next.catch(() => undefined);
      return next;
    },
    async setMode(next) {
      await lease.use((s) => s.exec(readOnlySql(next)));
    },
    async close() {
      finish();
      await held;
    },
  };
  return lease;
}

/**
 * PGlite is one connection shared with the rest of the app, so the explorer borrows it per
 * statement (holding it would freeze every other screen) and sets its access mode each time.
 */
function embeddedLease(handle: DbHandle, initial: Mode): Lease {
  let mode = initial;
  return {
    backendPid: null,
    use(work) {
      return handle.session(async (session) => {
        // In an aborted transaction SET fails; the user's ROLLBACK must still get through.
        await session.exec(readOnlySql(mode)).catch(() => undefined);
        try {
          return await work(session);
        } finally {
          await session.exec('RESET default_transaction_read_only').catch(() => undefined);
        }
      });
    },
    async setMode(next) {
      mode = next;
    },
    async close() {},
  };
}

function pgError(error: unknown, statement: string, ms: number): Outcome {
  const e = (error ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof e[key] === 'string' && e[key] !== '' ? (e[key] as string) : null);
  // PGlite reports the position within the DECLARE ... CURSOR FOR wrapper: shift it back.
  const wrapper = text('query');
  const offset = wrapper !== null && wrapper !== statement ? Math.max(0, wrapper.indexOf(statement)) : 0;
  const position = text('position');
  return {
    kind: 'error',
    sql: statement,
    message: error instanceof Error ? error.message : String(error),
    code: text('code'),
    position: position === null ? null : Number(position) - offset,
    detail: text('detail'),
    hint: text('hint'),
    ms,
  };
}

/** Per column: null until a non-null value is seen, then whether every value was a number. */
function noteNumbers(numeric: (boolean | null)[], row: readonly unknown[]): void {
  row.forEach((value, i) => {
    if (value !== null && value !== undefined) numeric[i] = (numeric[i] ?? true) && typeof value === 'number';
  });
}

/**
 * The explorer's database session: runs one statement at a time, read-only unless switched,
 * keeps the first rows of a result for display and counts the rest.
 */
export class ExplorerSession {
  #lease: Lease;
  #handle: DbHandle;
  #mode: Mode;
  #howToWrite: string;
  #running = false;
  #stopRequested = false;
  #open: OpenResult | null = null;

  private constructor(handle: DbHandle, lease: Lease, mode: Mode, howToWrite: string) {
    this.#handle = handle;
    this.#lease = lease;
    this.#mode = mode;
    this.#howToWrite = howToWrite;
  }

  /** `howToWrite` ends a refusal: what this front end offers to allow writes. */
  static async open(handle: DbHandle, options: { writable?: boolean; howToWrite?: string } = {}): Promise<ExplorerSession> {
    const mode: Mode = options.writable ? 'rw' : 'ro';
    const lease = handle.target.kind === 'server' ? await serverLease(handle, mode) : embeddedLease(handle, mode);
    return new ExplorerSession(handle, lease, mode, options.howToWrite ?? WRITE_TOGGLE_HINT);
  }

  /**
   * Read-only: why `text` (one statement or several) may not run, as an error outcome of one line
   * saying why and how to allow writes, or a syntax error; null when every statement only reads.
   * With writes allowed everything may run.
   */
  async refusal(text: string): Promise<ErrorOutcome | null> {
    if (this.#mode === 'rw') return null;
    const started = performance.now();
    const verdict = await checkReading(text);
    if (verdict.kind === 'reading') return null;
    const base = { kind: 'error' as const, sql: text, detail: null, hint: null, ms: performance.now() - started };
    if (verdict.kind === 'syntax') return { ...base, message: verdict.message, code: SYNTAX_ERROR, position: verdict.position };
    return { ...base, message: `read-only: ${verdict.reason}; ${this.#howToWrite}`, code: READ_ONLY_SQL_TRANSACTION, position: null };
  }

  get mode(): Mode {
    return this.#mode;
  }

  get running(): boolean {
    return this.#running;
  }

  /**
   * Switches writes on or off. Read-only again only outside a transaction: a transaction opened
   * with writes allowed would stay writable, and each read-only statement ends in a rollback.
   */
  async setMode(mode: Mode): Promise<void> {
    await this.closeResult();
    if (mode === 'ro' && this.#mode === 'rw' && (await this.#inTransaction())) {
      throw new UserError('a transaction is open: COMMIT or ROLLBACK it before \\write off');
    }
    await this.#lease.setMode(mode);
    this.#mode = mode;
  }

  /**
   * Whether the explorer's connection is inside a transaction block: a SAVEPOINT is refused only
   * outside one (an aborted block refuses it too, with another code).
   */
  async #inTransaction(): Promise<boolean> {
    return this.#lease.use(async (session) => {
      try {
        await session.exec('SAVEPOINT cm_explorer_probe');
      } catch (error) {
        return (error as { code?: string }).code !== NO_ACTIVE_SQL_TRANSACTION;
      }
      await session.exec('RELEASE SAVEPOINT cm_explorer_probe');
      return true;
    });
  }

  /**
   * Read-only: `work` runs in a READ ONLY transaction of its own that is rolled back after, so the
   * statement cannot be switched to writing and nothing it did stays, whatever a function it
   * calls sets for the session.
   */
  async #withinMode<T>(mode: Mode, session: DbSession, work: () => Promise<T>): Promise<T> {
    if (mode === 'rw') return work();
    await session.exec('BEGIN READ ONLY');
    try {
      return await work();
    } finally {
      await session.exec('ROLLBACK').catch(() => undefined);
    }
  }

  /** Runs one statement. Never throws for an SQL problem: the error comes back as an outcome. */
  async run(text: string, options: RunOptions = {}): Promise<Outcome> {
    await this.closeResult();
    const statement = trimStatement(text);
    const mode = this.#mode;
    const refused = await this.refusal(statement);
    if (refused) return refused;
    const cap = options.cap ?? DEFAULT_CAP;
    const started = performance.now();
    const rows: Cell[][] = [];
    let columns: string[] = [];
    let numeric: (boolean | null)[] = [];
    let rowCount = 0;
    const take = (fields: string[], batch: readonly unknown[][]) => {
      if (columns.length === 0 && fields.length > 0) {
        columns = fields;
        numeric = columns.map(() => null);
      }
      for (const row of batch) {
        if (rows.length < cap) {
          noteNumbers(numeric, row);
          rows.push(row.map(valueText));
        }
        rowCount++;
      }
    };
    this.#running = true;
    this.#stopRequested = false;
    try {
      return await this.#lease.use((session) => this.#withinMode(mode, session, async () => {
        if (isStreamable(statement)) {
          for await (const chunk of session.streamArrays(statement, CHUNK)) {
            take(chunk.fields, chunk.rows);
            options.onProgress?.(rowCount);
            // PGlite resolves on microtasks only: let keys (Ctrl+C) and timers in between chunks.
            await yieldToEventLoop();
            if (this.#stopRequested) break;
          }
          const complete = !this.#stopRequested;
          return { kind: 'rows', sql: statement, columns, numeric: numeric.map((n) => n === true), rows, rowCount, complete, more: false, command: 'SELECT', affected: null, ms: performance.now() - started };
        }
        const result = await session.queryArrays(statement);
        take(result.fields, result.rows);
        const affected = result.affected;
        const command = statement.split(/\s+/, 1)[0]!.toUpperCase();
        return { kind: 'rows', sql: statement, columns, numeric: numeric.map((n) => n === true), rows, rowCount, complete: true, more: false, command, affected, ms: performance.now() - started };
      }));
    } catch (error) {
      const ms = performance.now() - started;
      // A cancel that arrived as a Postgres error still leaves the rows read so far worth showing.
      if (this.#stopRequested && (error as { code?: string }).code === QUERY_CANCELED && rowCount > 0) {
        return { kind: 'rows', sql: statement, columns, numeric: numeric.map((n) => n === true), rows, rowCount, complete: false, more: false, command: 'SELECT', affected: null, ms };
      }
      return pgError(error, statement, ms);
    } finally {
      this.#running = false;
    }
  }

  /**
   * Streams every row of a plain query to `onChunk` (for `\export` of a result larger than the
   * held rows); the next chunk is fetched only after `onChunk` resolves.
   */
  async forEachChunk(text: string, onChunk: (columns: string[], rows: Cell[][]) => Promise<void>): Promise<number> {
    await this.closeResult();
    const statement = trimStatement(text);
    const mode = this.#mode;
    const refused = await this.refusal(statement);
    if (refused) throw new UserError(refused.message);
    let total = 0;
    await this.#lease.use((session) =>
      this.#withinMode(mode, session, async () => {
        for await (const chunk of session.streamArrays(statement, CHUNK)) {
          total += chunk.rows.length;
          await onChunk(chunk.fields, chunk.rows.map((row) => row.map(valueText)));
        }
      }),
    );
    return total;
  }

  /**
   * Stops the running statement. On a server pg_cancel_backend from another connection interrupts
   * it mid-statement; an embedded database on its own thread is interrupted (the TUI's); one on
   * this thread can only stop at the next chunk of a streamed result.
   */
  async cancel(): Promise<CancelResult> {
    if (!this.#running) return 'idle';
    this.#stopRequested = true;
    const pid = this.#lease.backendPid;
    if (pid !== null) {
      await sql`SELECT pg_cancel_backend(${pid})`.execute(this.#handle.db);
      return 'cancelled';
    }
    if (this.#handle.interrupt === undefined) return 'between-chunks';
    await this.#handle.interrupt();
    return 'cancelled';
  }

  /**
   * Starts a statement for a screen that scrolls: a plain query returns with its first rows and
   * keeps its cursor open (`more`), so `fetchMore` reads on as far as the user scrolls and a
   * result of any size costs what was looked at. Anything else runs as `run` does.
   */
  async start(text: string, options: RunOptions = {}): Promise<Outcome> {
    const statement = trimStatement(text);
    if (!isStreamable(statement)) return this.run(statement, options);
    await this.closeResult();
    const mode = this.#mode;
    const refused = await this.refusal(statement);
    if (refused) return refused;
    const started = performance.now();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let handOver!: (rows: AsyncIterator<ArrayChunk>) => void;
    let fail!: (error: unknown) => void;
    const ready = new Promise<AsyncIterator<ArrayChunk>>((resolve, reject) => {
      handOver = resolve;
      fail = reject;
    });
    // The work holds the connection, inside the read-only transaction, until released.
    const held = this.#lease
      .use((session) =>
        this.#withinMode(mode, session, async () => {
          const rows = session.streamArrays(statement, CHUNK)[Symbol.asyncIterator]();
          handOver(rows);
          await released;
          await rows.return?.();
        }),
      )
      .catch((error: unknown) => fail(error));
    this.#running = true;
    this.#stopRequested = false;
    try {
      const rows = await ready;
      this.#open = { rows, release, held };
      const first = await rows.next();
      const chunk: ArrayChunk = first.done ? { fields: [], rows: [] } : first.value;
      const seen: (boolean | null)[] = chunk.fields.map(() => null);
      for (const row of chunk.rows) noteNumbers(seen, row);
      const numeric = seen.map((n) => n === true);
      // Ctrl+C while the first rows were read (PGlite cannot interrupt): keep them, read no more.
      const stopped = this.#stopRequested && chunk.rows.length === CHUNK;
      const more = chunk.rows.length === CHUNK && !stopped;
      if (!more) await this.closeResult();
      const cells = chunk.rows.map((row) => row.map(valueText));
      return { kind: 'rows', sql: statement, columns: chunk.fields, numeric, rows: cells, rowCount: cells.length, complete: !more && !stopped, more, command: 'SELECT', affected: null, ms: performance.now() - started };
    } catch (error) {
      await this.closeResult();
      return pgError(error, statement, performance.now() - started);
    } finally {
      this.#running = false;
    }
  }

  /**
   * The next rows of the result `start` left open, or null when none is open (another statement
   * ran since). An error (a division by zero at row 600) closes the result and is thrown.
   */
  async fetchMore(): Promise<MoreRows | null> {
    const open = this.#open;
    if (!open) return null;
    this.#running = true;
    try {
      const next = await open.rows.next();
      const rows = next.done ? [] : next.value.rows.map((row) => row.map(valueText));
      const more = rows.length === CHUNK;
      if (!more) await this.closeResult();
      return { rows, more };
    } catch (error) {
      await this.closeResult();
      throw error;
    } finally {
      this.#running = false;
    }
  }

  /** Closes the open result's cursor and gives the connection back; nothing when none is open. */
  async closeResult(): Promise<void> {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    open.release();
    await open.held;
  }

  async close(): Promise<void> {
    await this.closeResult();
    await this.#lease.close();
  }
}
