import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** SHA-256 of bytes given in order. */
export interface FileHash {
  /** Undefined at once unless the thread has fallen MAX_QUEUED chunks behind: then a promise (bounded memory). */
  update(chunk: Uint8Array): Promise<void> | undefined;
  /** The hex digest, once every chunk is given. */
  digest(): Promise<string>;
  /** Stops the thread, if any (always, also after digest). */
  close(): Promise<void>;
}

/** Chunks the thread may have queued before update waits (256 KiB each). */
const MAX_QUEUED = 16;

/**
 * The parallel reader's hash of what it reads (ingest_runs.sha256). Compiled, it runs in a thread
 * of its own, fed copies of the chunks: 0.34 s of CPU per 640 MB off the reader's thread, the
 * load's critical path once the parse thread ran native code. From TypeScript sources (tests) it
 * hashes on this thread.
 */
export function fileHash(): FileHash {
  if (!import.meta.url.endsWith('.js')) {
    const hash = createHash('sha256');
    return { update: (chunk) => void hash.update(chunk), digest: async () => hash.digest('hex'), close: async () => undefined };
  }
  const worker = new Worker(new URL('./hash-worker.js', import.meta.url));
  worker.unref();
  let queued = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;
  let done: { resolve: (hex: string) => void; reject: (error: Error) => void } | null = null;
  const digest = new Promise<string>((resolve, reject) => (done = { resolve, reject }));
  digest.catch(() => undefined);
  const fail = (error: Error): void => {
    failure ??= error;
    done?.reject(failure);
    wake?.();
  };
  worker.on('message', (reply: string | null) => {
    if (reply !== null) done?.resolve(reply);
    else if (--queued <= MAX_QUEUED) wake?.();
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`hash worker exited with code ${code}`)));
  return {
    update(chunk) {
      if (failure !== null) return Promise.reject(failure);
      // Copied (the reader goes on using the chunk).
      worker.postMessage(chunk);
      if (++queued <= MAX_QUEUED) return undefined;
      return new Promise<void>((resolve) => (wake = resolve)).then(() => {
        if (failure !== null) throw failure;
      });
    },
    digest: () => {
      worker.postMessage(null);
      return digest;
    },
    close: async () => {
      failure ??= new Error('hash worker closed');
      await worker.terminate();
    },
  };
}
