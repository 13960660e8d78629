import { parentPort } from 'node:worker_threads';
import { RecordEncoder } from './encoded.js';
import { parseRegion } from './region-parser.js';

/**
 * A parse thread of the parallel reader: decodes, parses, validates and numbers the regions it is
 * sent, in order, with its own string table (the reader maps its numbers to the shared ones).
 */
const encoder = new RecordEncoder();
const port = parentPort;
if (port === null) throw new Error('parse-worker runs as a worker thread');
port.on('message', (bytes: Uint8Array) => {
  const result = parseRegion(bytes, encoder);
  if (result === null) port.postMessage(null);
  else port.postMessage(result, [result.ints.buffer as ArrayBuffer, result.floats.buffer as ArrayBuffer]);
});
