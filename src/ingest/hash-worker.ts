import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';

/** The parallel reader's SHA-256 (file-hash.ts): chunks in file order, each acknowledged, then null for the hex digest. */
const port = parentPort;
if (port === null) throw new Error('hash-worker runs as a worker thread');
const hash = createHash('sha256');
port.on('message', (chunk: Uint8Array | null) => {
  if (chunk === null) port.postMessage(hash.digest('hex'));
  else {
    hash.update(chunk);
    port.postMessage(null);
  }
});
