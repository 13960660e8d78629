import type { PGlite } from '@electric-sql/pglite';
import type { Kysely } from 'kysely';
import type { ArrayChunk, ArrayResult } from './pglite-driver.js';
import type { Database } from './schema.js';
import type { DbTarget } from './target.js';

/** One connection held for a unit of work: a transaction, a COPY, a cursor. */
export interface DbSession {
  /** Kysely bound to this session's connection; `db.transaction()` runs on it too. */
  db: Kysely<Database>;
  /** Runs a multi-statement SQL text through the simple protocol (schema files, DO blocks). */
  exec(sql: string): Promise<void>;
  /**
   * Bulk load: CSV text chunks (RFC 4180, no header; text, or its UTF-8 bytes) streamed into
   * `table (columns)` with COPY. On a server this is COPY FROM STDIN with backpressure; on
   * PGlite, COPY from a blob per `PGLITE_COPY_CHUNK` bytes so memory stays bounded.
   */
  copyCsv(table: string, columns: readonly string[], chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void>;
  /** The same in COPY's text format (copyTextField in record/copy-format.ts): the server reads it with less work than CSV. */
  copyText(table: string, columns: readonly string[], chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void>;
  /**
   * One statement as the SQL explorer shows it: rows as arrays and the columns as named, so two
   * columns of one name stay two and a result without rows still has its header.
   */
  queryArrays(sql: string): Promise<ArrayResult>;
  /** A plain query the same way, in chunks through a cursor; the first chunk (maybe empty) always comes. */
  streamArrays(sql: string, chunkSize: number): AsyncIterable<ArrayChunk>;
}

export interface DbHandle {
  target: DbTarget;
  /** Safe to print: the password of a URL is masked. */
  description: string;
  db: Kysely<Database>;
  session<T>(work: (session: DbSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** The embedded instance, when it runs on this thread. */
  pglite?: PGlite;
  /** Stops the running statement where no second connection can cancel it (an embedded database on its own thread). */
  interrupt?(): Promise<void>;
}
