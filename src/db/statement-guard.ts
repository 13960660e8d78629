import type { EmbeddedPostgres } from './pglite-thread.js';
import pg from 'pg';

/**
 * Cancelling a load when its signal aborts. Once aborted, every statement but a ROLLBACK is
 * refused, so the work fails at its next statement and rolls back. A statement already running
 * is cancelled on a server (pg_cancel_backend from a second connection: the statement errors,
 * its transaction is rolled back). PGlite cannot cancel one: it runs on this thread, so the
 * signal is only seen once the statement ends, and the refusal takes over from there.
 */

const ROLLBACK = /^\s*rollback\b/i;

export class StatementRefused extends Error {
  override readonly name = 'StatementRefused';
  constructor() {
    super('interrupted: statement not sent');
  }
}

function check(signal: AbortSignal, text: string): void {
  if (signal.aborted && !ROLLBACK.test(text)) throw new StatementRefused();
}

/** pg's query takes a text, a config ({ text }) or a submittable (cursor, COPY stream) with a text. */
function textOf(query: unknown): string {
  if (typeof query === 'string') return query;
  const text = (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}

/**
 * Every client of the pool refuses statements once `signal` aborts; on abort, the statements its
 * clients run are cancelled, and again every CANCEL_REPEAT_MS until `stop` (a statement sent just
 * before the abort may reach the server after the first cancel).
 */
export function guardServerPool(pool: pg.Pool, url: string, signal: AbortSignal): { stop(): void } {
  const clients = new Set<pg.PoolClient>();
  pool.on('connect', (client) => {
    clients.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      check(signal, textOf(args[0]));
      return query(...args);
    };
  });
  pool.on('remove', (client) => clients.delete(client));
  let timer: NodeJS.Timeout | null = null;
  const cancel = () => {
    const pids = [...clients].map((c) => (c as unknown as { processID?: number }).processID).filter((pid): pid is number => typeof pid === 'number');
    if (pids.length > 0) void cancelBackends(url, pids);
  };
  const onAbort = () => {
    cancel();
    timer = setInterval(cancel, CANCEL_REPEAT_MS);
    timer.unref();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return {
    stop() {
      signal.removeEventListener('abort', onAbort);
      if (timer !== null) clearInterval(timer);
    },
  };
}

const CANCEL_REPEAT_MS = 500;

async function cancelBackends(url: string, pids: number[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  // An error here (the server gone too) leaves the load to fail on its own connection.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT pg_cancel_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
  } catch {
    // Nothing more to do: the refusal of the next statement still stops the load.
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * PGlite's query and exec (every statement of the app goes through one of them) refuse
 * statements once `signal` aborts. Before each, the event loop turns once, so a signal that
 * arrived during the previous statement is handled first.
 */
export function guardPglite(pglite: EmbeddedPostgres, signal: AbortSignal): void {
  const query = pglite.query.bind(pglite);
  const exec = pglite.exec.bind(pglite);
  const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
  pglite.query = (async (text: string, params?: unknown[], options?: object) => {
    await turn();
    check(signal, text);
    return query(text, params, options);
  }) as EmbeddedPostgres['query'];
  pglite.exec = (async (text: string, options?: object) => {
    await turn();
    check(signal, text);
    return exec(text, options);
  }) as EmbeddedPostgres['exec'];
}
