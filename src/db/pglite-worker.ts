import { PGlite } from '@electric-sql/pglite';
import { parentPort, workerData } from 'node:worker_threads';
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread.js';
import { PGLITE_PARSERS } from './value-parsers.js';

/**
 * The embedded database on a thread of its own (pglite-thread.ts): PGlite runs each statement
 * synchronously, so on the UI thread a long one would freeze the screen and could not be stopped.
 * Requests are answered one at a time, in order.
 */
const port = parentPort!;
const { dir, loadDataDir } = workerData as ThreadStart;

/** An error as plain data: PGlite's DatabaseError fields (code, position, detail, hint...) kept. */
function plain(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const fields: Record<string, unknown> = { message: error.message };
  for (const [key, value] of Object.entries(error)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return fields;
}

async function answer(pglite: PGlite, request: ThreadRequest): Promise<unknown> {
  switch (request.op) {
    case 'query':
      return await pglite.query(request.text, request.params, request.options);
    case 'exec':
      return await pglite.exec(request.text);
    case 'close':
      await pglite.close();
      return null;
  }
}

try {
  const pglite = await PGlite.create(dir, { parsers: PGLITE_PARSERS, loadDataDir });
  const inTransaction = () => !pglite.closed && pglite.isInTransaction();
  let queue = Promise.resolve();
  port.on('message', (request: ThreadRequest) => {
    queue = queue.then(async () => {
      let reply: ThreadReply;
      try {
        reply = { id: request.id, ok: true, value: await answer(pglite, request), inTransaction: inTransaction() };
      } catch (error) {
        reply = { id: request.id, ok: false, error: plain(error), inTransaction: inTransaction() };
      }
      port.postMessage(reply);
      if (request.op === 'close') port.close();
    });
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: plain(error) });
}
