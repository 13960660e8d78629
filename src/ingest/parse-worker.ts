import { parentPort } from 'node:worker_threads';
import { RecordEncoder } from './encoded.js';
import { RegionLines, transferList } from './region-lines.js';
import { parseRegion, type RegionRequest } from './region-parser.js';

/**
 * A parse thread of the parallel reader: decodes, parses, validates and numbers the regions it is
 * sent, in order, with its own string table (the reader maps its numbers to the shared ones), and
 * formats their COPY lines when asked to.
 */
const encoder = new RecordEncoder();
const lines = new RegionLines();
const port = parentPort;
if (port === null) throw new Error('parse-worker runs as a worker thread');
port.on('message', ({ bytes, lineSuffix }: RegionRequest) => {
  const result = parseRegion(bytes, encoder);
  if (result === null) {
    port.postMessage(null);
    return;
  }
  if (lineSuffix !== null) lines.add(result, encoder.strings, lineSuffix);
  port.postMessage(result, transferList(result));
});
