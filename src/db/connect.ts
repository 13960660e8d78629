import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import Cursor from 'pg-cursor';
import { from as copyFromStream } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { lockTarget, type FolderLock } from './folder-lock.js';
import { UserError } from '../errors.js';
import { Mutex, PGliteConnection, PGliteDialect, type ArrayChunk, type ArrayResult } from './pglite-driver.js';
import { describeTarget, maskUrl, withoutSecrets, type DbTarget } from './target.js';
import type { Database } from './schema.js';
import type { DbHandle, DbSession } from './handle.js';
import { migrate } from './migrate.js';
import { templateFor } from './pglite-template.js';
import { guardPglite, guardServerPool } from './statement-guard.js';
import { PGliteThread, type EmbeddedPostgres } from './pglite-thread.js';
import { asText, PG_DATE, PG_INT8, PG_TIMESTAMP, PG_TIMESTAMPTZ, PGLITE_PARSERS, toNumber } from './value-parsers.js';

// The handle's types live in handle.ts (migrate.ts needs them too); callers import them from here.
export type { DbHandle, DbSession };

const PGLITE_COPY_CHUNK = 8 * 1024 * 1024;

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8) return toNumber;
    if (oid === PG_DATE || oid === PG_TIMESTAMP || oid === PG_TIMESTAMPTZ) return asText;
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * pg-cursor with rows as arrays; its read callback hands over the result, which has the columns
 * (but not once the cursor is done: a read then gives no rows and no result).
 */
async function* serverChunks(client: pg.PoolClient, text: string, chunkSize: number): AsyncGenerator<ArrayChunk> {
  const cursor = client.query(new Cursor<unknown[]>(text, undefined, { rowMode: 'array' }));
  let fields: string[] = [];
  try {
    for (let first = true; ; first = false) {
      const rows = await new Promise<unknown[][]>((resolve, reject) => {
        cursor.read(chunkSize, (error, rows, result: pg.QueryResult | undefined) => {
          if (error) reject(error);
          else {
            if (result !== undefined) fields = result.fields.map((f) => f.name);
            resolve(rows);
          }
        });
      });
      if (rows.length > 0 || first) yield { fields, rows };
      if (rows.length === 0) return;
    }
  } finally {
    await cursor.close().catch(() => undefined);
  }
}

function copySql(table: string, columns: readonly string[], from: string, format: CopyFormat): string {
  const quoted = columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  return `COPY ${table} (${quoted}) FROM ${from} WITH (FORMAT ${format})`;
}

type CopyFormat = 'csv' | 'text';
type Chunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

async function copyToServer(client: pg.PoolClient, sql: string, chunks: Chunks): Promise<void> {
  await pipeline(Readable.from(chunks), client.query(copyFromStream(sql)));
}

/** COPY from a blob per PGLITE_COPY_CHUNK bytes (chunks end at line ends), so memory stays bounded. */
async function copyToPglite(pglite: EmbeddedPostgres, sql: string, chunks: Chunks): Promise<void> {
  let parts: (string | Uint8Array)[] = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    await pglite.query(sql, [], { blob: new Blob(parts) });
    parts = [];
    size = 0;
  };
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size >= PGLITE_COPY_CHUNK) await flush();
  }
  await flush();
}

async function connectServer(target: Extract<DbTarget, { kind: 'server' }>, signal?: AbortSignal): Promise<DbHandle> {
  const pool = new pg.Pool({ connectionString: target.url, types: pgTypes, max: 4 });
  const guard = signal === undefined ? null : guardServerPool(pool, target.url, signal);
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new UserError(`cannot connect to ${maskUrl(target.url)}: ${serverMessage(error, target.url)}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  return {
    target,
    description: describeTarget(target),
    db,
    async session(work) {
      const client = await pool.connect();
      // A Kysely over this one client: its "pool" hands out the same client and never ends it.
      const single = { connect: async () => ({ query: client.query.bind(client), release() {} }), end: async () => {} };
      const sessionDb = new Kysely<Database>({ dialect: new PostgresDialect({ pool: single as unknown as pg.Pool, cursor: Cursor }) });
      let broken = false;
      // A checked-out client's socket error (terminated backend) is also thrown by the query in
      // flight; without a listener it would crash the process as an uncaught 'error' event.
      const onError = () => {
        broken = true;
      };
      client.on('error', onError);
      try {
        return await work({
          db: sessionDb,
          exec: async (sql) => {
            await client.query(sql);
          },
          queryArrays: async (text) => {
            const result = await client.query<unknown[]>({ text, rowMode: 'array' });
            const dml = ['INSERT', 'UPDATE', 'DELETE', 'MERGE'].includes(result.command);
            return { fields: result.fields.map((f) => f.name), rows: result.rows, affected: dml ? (result.rowCount ?? 0) : null };
          },
          streamArrays: (text, chunkSize) => serverChunks(client, text, chunkSize),
          copyCsv: (table, columns, chunks) => copyToServer(client, copySql(table, columns, 'STDIN', 'csv'), chunks),
          copyText: (table, columns, chunks) => copyToServer(client, copySql(table, columns, 'STDIN', 'text'), chunks),
        });
      } catch (error) {
        broken = true;
        throw error;
      } finally {
        client.off('error', onError);
        // A failed session may hold an aborted transaction or a dead socket: do not reuse it.
        client.release(broken);
      }
    },
    async close() {
      guard?.stop();
      await db.destroy();
      // Kysely ends the pool only if it ever used it; sessions take clients from it directly.
      if (!pool.ended) await pool.end();
    },
  };
}

/** `fresh`: an empty database, not the built template (the build makes the template so). */
async function connectEmbedded(target: Extract<DbTarget, { kind: 'embedded' }>, options: ConnectOptions & { fresh?: boolean } = {}): Promise<DbHandle> {
  const { signal, thread = false, fresh = false } = options;
  // memory:// is PGlite's in-memory database (tests, throwaway demos): it needs no lock.
  const lock = options.lock ?? lockTarget(target);
  let pglite: PGlite | PGliteThread;
  try {
    // A new folder starts from the built template when there is one (see pglite-template.ts);
    // asked only under the lock, so two first opens cannot both load it.
    const loadDataDir = fresh ? undefined : templateFor(target.dir);
    // An in-memory database could not be opened again after an interrupt: it stays on this
    // thread; so does one opened from TypeScript sources (tsx, vitest), which have no worker .js.
    const ownThread = thread && !target.dir.startsWith('memory://') && import.meta.url.endsWith('.js');
    pglite = ownThread ? await PGliteThread.open(target.dir, loadDataDir) : await PGlite.create(target.dir, { parsers: PGLITE_PARSERS, loadDataDir });
  } catch (error) {
    lock?.release();
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot open the embedded database at ${target.dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (signal !== undefined) guardPglite(pglite, signal);
  return embeddedHandle(target, pglite, lock);
}

/** An initialised, migrated in-memory database as a gzipped tarball (the build's template). */
export async function dumpFreshEmbedded(): Promise<Blob> {
  const handle = await connectEmbedded({ kind: 'embedded', dir: 'memory://' }, { fresh: true });
  try {
    await migrate(handle);
    return await handle.pglite!.dumpDataDir('gzip');
  } finally {
    await handle.close();
  }
}

function embeddedHandle(target: Extract<DbTarget, { kind: 'embedded' }>, pglite: PGlite | PGliteThread, lock: FolderLock | undefined): DbHandle {
  const connection = new PGliteConnection(pglite);
  const mutex = new Mutex();
  const db = new Kysely<Database>({ dialect: new PGliteDialect(connection, mutex) });
  return {
    target,
    description: describeTarget(target),
    db,
    ...(pglite instanceof PGliteThread ? { interrupt: () => pglite.interrupt() } : { pglite }),
    async session(work) {
      const release = await mutex.lock();
      const sessionDb = new Kysely<Database>({ dialect: new PGliteDialect(connection, null) });
      try {
        return await work({
          db: sessionDb,
          exec: async (sql) => {
            await pglite.exec(sql);
          },
          queryArrays: (sql) => connection.queryArrays(sql),
          streamArrays: (sql, chunkSize) => connection.streamArrays(sql, chunkSize),
          copyCsv: (table, columns, chunks) => copyToPglite(pglite, copySql(table, columns, `'/dev/blob'`, 'csv'), chunks),
          copyText: (table, columns, chunks) => copyToPglite(pglite, copySql(table, columns, `'/dev/blob'`, 'text'), chunks),
        });
      } finally {
        release();
      }
    },
    async close() {
      try {
        await db.destroy();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export interface ConnectOptions {
  /** Taken by the caller earlier (the TUI, before its first frame): passes to the handle. */
  lock?: FolderLock;
  /** Once aborted, statements are refused and a running one cancelled (statement-guard.ts). */
  signal?: AbortSignal;
  /** An embedded folder runs on a thread of its own and `interrupt()` can stop a statement (the TUI). */
  thread?: boolean;
}

/**
 * Opens the target and brings its schema up to date (postgres_init/*.sql, idempotent). An
 * embedded folder is locked for this process until `close()` (see folder-lock.ts).
 */
export async function connect(target: DbTarget, options: ConnectOptions = {}): Promise<DbHandle> {
  const handle = target.kind === 'server' ? await connectServer(target, options.signal) : await connectEmbedded(target, options);
  try {
    await migrate(handle);
  } catch (error) {
    await handle.close().catch(() => undefined);
    if (error instanceof UserError || options.signal?.aborted === true) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`cannot prepare the schema in ${handle.description}: ${target.kind === 'server' ? withoutSecrets(message, target.url) : message}`);
  }
  return handle;
}

/** pg's error text for a failed connect, the URL's password masked should it appear. */
function serverMessage(error: unknown, url: string): string {
  const message = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || 'unknown error' : String(error);
  // pg parses the URL with WHATWG's parser, which a password holding / ? # @ : breaks.
  const hint = message === 'Invalid URL' ? ' (a password holding / ? # @ : % must be percent-encoded: / as %2F, @ as %40)' : '';
  return withoutSecrets(message, url) + hint;
}
