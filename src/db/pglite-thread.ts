import type { PGlite, QueryOptions, Results } from '@electric-sql/pglite';
import { Worker } from 'node:worker_threads';

/** What the app asks of an embedded database: PGlite itself, or PGlite on its own thread. */
export type EmbeddedPostgres = Pick<PGlite, 'query' | 'exec' | 'isInTransaction' | 'close'>;

export interface ThreadStart {
  dir: string;
  loadDataDir?: Blob;
}

type ThreadAsk = { op: 'query'; text: string; params: unknown[]; options?: QueryOptions } | { op: 'exec'; text: string } | { op: 'close' };

export type ThreadRequest = { id: number } & ThreadAsk;

export type ThreadReply = { id: number; inTransaction: boolean } & ({ ok: true; value: unknown } | { ok: false; error: Record<string, unknown> });

type ThreadHello = { ready: true } | { ready: false; error: Record<string, unknown> };

/** The SQLSTATE and text a server gives a cancelled statement, so callers treat both alike. */
const QUERY_CANCELED = '57014';

function rebuilt(fields: Record<string, unknown>): Error {
  return Object.assign(new Error(String(fields['message'])), fields);
}

/**
 * PGlite on a worker thread, with PGlite's own query/exec: the TUI's thread stays free to draw
 * and to take Ctrl+C while a statement runs, and `interrupt()` can stop a statement PGlite cannot
 * cancel (it has no second connection): the thread is ended and the folder opened again, as after
 * a crash; the statement's transaction is rolled back by recovery.
 */
export class PGliteThread implements EmbeddedPostgres {
  readonly #dir: string;
  #worker!: Worker;
  #ready!: Promise<void>;
  #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #inTransaction = false;

  private constructor(dir: string, loadDataDir: Blob | undefined) {
    this.#dir = dir;
    this.#spawn(loadDataDir);
  }

  /** Opens the database at `dir` (a folder; memory:// could not be opened again after an interrupt). */
  static async open(dir: string, loadDataDir?: Blob): Promise<PGliteThread> {
    const thread = new PGliteThread(dir, loadDataDir);
    await thread.#ready;
    return thread;
  }

  #spawn(loadDataDir?: Blob): void {
    const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: { dir: this.#dir, loadDataDir } satisfies ThreadStart });
    this.#worker = worker;
    this.#ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (message: ThreadHello | ThreadReply) => {
        if ('ready' in message) {
          if (message.ready) resolve();
          else reject(rebuilt(message.error));
          return;
        }
        const waiter = this.#pending.get(message.id);
        this.#pending.delete(message.id);
        this.#inTransaction = message.inTransaction;
        if (message.ok) waiter?.resolve(message.value);
        else waiter?.reject(rebuilt(message.error));
      });
      worker.on('error', (error) => {
        reject(error);
        this.#rejectAll(error);
      });
      worker.on('exit', (code) => {
        const ended = new Error(`the embedded database thread ended (exit code ${code})`);
        reject(ended);
        if (this.#worker === worker) this.#rejectAll(ended);
      });
    });
    // A start that fails is reported to whoever waits next; never an unhandled rejection.
    this.#ready.catch(() => undefined);
  }

  #rejectAll(error: Error): void {
    const waiters = [...this.#pending.values()];
    this.#pending.clear();
    for (const waiter of waiters) waiter.reject(error);
  }

  async #send<T>(request: ThreadAsk): Promise<T> {
    // An interrupt may replace the thread while this waits: wait for the one that is current.
    let ready: Promise<void>;
    do {
      ready = this.#ready;
      await ready;
    } while (ready !== this.#ready);
    const id = ++this.#nextId;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  query<T>(text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
    return this.#send({ op: 'query', text, params, options });
  }

  exec(text: string): Promise<Results[]> {
    return this.#send({ op: 'exec', text });
  }

  isInTransaction(): boolean {
    return this.#inTransaction;
  }

  /**
   * Stops the running statement: its caller gets the error a server gives a cancelled
   * statement, and the database is open again when this resolves.
   */
  async interrupt(): Promise<void> {
    const old = this.#worker;
    // The folder is never open twice: the old thread is gone before the new one opens it.
    this.#ready = old.terminate().then(() => undefined);
    const cancelled = Object.assign(new Error('canceling statement due to user request'), { code: QUERY_CANCELED });
    this.#rejectAll(cancelled);
    this.#inTransaction = false;
    await this.#ready;
    this.#spawn();
    await this.#ready;
  }

  async close(): Promise<void> {
    await this.#send({ op: 'close' });
    await this.#worker.terminate();
  }
}
