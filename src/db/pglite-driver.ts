import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type { EmbeddedPostgres } from './pglite-thread.js';

/**
 * A Kysely dialect over one PGlite instance. Written here (about a hundred lines) rather than
 * taken from kysely-pglite-dialect, which pins PGlite <= 0.4, or kysely-pglite, which brings a CLI.
 * PGlite is a single connection: a mutex hands it to one Kysely connection at a time, so a
 * transaction never interleaves with another caller's statements.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const acquired = this.#tail.then(() => release);
    this.#tail = this.#tail.then(() => next);
    return acquired;
  }
}

let cursorCounter = 0;

/** A statement's result for display: the columns as named (repeats kept, known without rows), rows as arrays. */
export interface ArrayResult {
  fields: string[];
  rows: unknown[][];
  /** Rows changed, for INSERT, UPDATE, DELETE and MERGE. */
  affected: number | null;
}

export interface ArrayChunk {
  fields: string[];
  rows: unknown[][];
}

export class PGliteConnection implements DatabaseConnection {
  inTransaction = false;

  constructor(readonly pglite: EmbeddedPostgres) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pglite.query<R>(query.sql, [...query.parameters]);
    return {
      rows: result.rows,
      numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
    };
  }

  /** Streams through a server-side cursor so a large result never sits in memory whole. */
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    for await (const chunk of this.streamChunks(query, chunkSize, 'object')) {
      if (chunk.rows.length === 0) break;
      yield { rows: chunk.rows as R[] };
    }
  }

  /** One statement, rows as arrays, with its column names (repeated names kept). */
  async queryArrays(sql: string): Promise<ArrayResult> {
    const result = await this.pglite.query<unknown[]>(sql, [], { rowMode: 'array' });
    return { fields: result.fields.map((f) => f.name), rows: result.rows, affected: result.affectedRows ?? null };
  }

  /** A query's rows as arrays through a cursor; the first chunk, maybe empty, names the columns. */
  async *streamArrays(sql: string, chunkSize: number): AsyncIterableIterator<ArrayChunk> {
    let first = true;
    for await (const chunk of this.streamChunks(CompiledQuery.raw(sql), chunkSize, 'array')) {
      if (chunk.rows.length > 0 || first) yield { fields: chunk.fields, rows: chunk.rows as unknown[][] };
      first = false;
    }
  }

  /** FETCH results of a cursor over the query, the last one empty. */
  private async *streamChunks(query: CompiledQuery, chunkSize: number, rowMode: 'object' | 'array'): AsyncIterableIterator<{ fields: string[]; rows: unknown[] }> {
    const cursor = `cm_cursor_${++cursorCounter}`;
    // PGlite knows its transaction state, also for a BEGIN sent as plain SQL by a session.
    const ownTransaction = !this.inTransaction && !this.pglite.isInTransaction();
    if (ownTransaction) await this.pglite.query('BEGIN');
    let failed = false;
    let open = false;
    try {
      await this.pglite.query(`DECLARE ${cursor} NO SCROLL CURSOR FOR ${query.sql}`, [...query.parameters]);
      open = true;
      for (;;) {
        const { rows, fields } = await this.pglite.query(`FETCH ${Math.max(1, Math.floor(chunkSize))} FROM ${cursor}`, [], { rowMode });
        yield { fields: fields.map((f) => f.name), rows };
        if (rows.length === 0) break;
      }
    } catch (error) {
      failed = true;
      throw error;
    } finally {
      if (ownTransaction) await this.pglite.query(failed ? 'ROLLBACK' : 'COMMIT');
      // Inside the caller's transaction: close exactly once (also on an early `break`); closing a
      // closed cursor would fail and abort that transaction.
      else if (open && !failed) await this.pglite.query(`CLOSE ${cursor}`);
    }
  }
}

class PGliteDriver implements Driver {
  readonly #connection: PGliteConnection;
  readonly #mutex: Mutex | null;
  readonly #releases = new Array<() => void>();

  /** `mutex` null: the caller already holds the instance (a session), so do not lock again. */
  constructor(connection: PGliteConnection, mutex: Mutex | null) {
    this.#connection = connection;
    this.#mutex = mutex;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    if (this.#mutex) this.#releases.push(await this.#mutex.lock());
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let sql = 'BEGIN';
    if (settings.isolationLevel) sql += ` ISOLATION LEVEL ${settings.isolationLevel}`;
    if (settings.accessMode) sql += ` ${settings.accessMode}`;
    await connection.executeQuery(CompiledQuery.raw(sql));
    this.#connection.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    this.#connection.inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('COMMIT'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    this.#connection.inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('ROLLBACK'));
  }

  async releaseConnection(): Promise<void> {
    this.#releases.shift()?.();
  }

  async destroy(): Promise<void> {}
}

export class PGliteDialect implements Dialect {
  constructor(
    readonly connection: PGliteConnection,
    readonly mutex: Mutex | null,
  ) {}

  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.connection, this.mutex);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
