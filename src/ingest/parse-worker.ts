import { parentPort } from 'node:worker_threads';
import { RegionLines, transferList } from './region-lines.js';
import type { RegionRequest } from './region-parser.js';

/**
 * A parse thread of the parallel reader: decodes, parses, validates and numbers the regions it is
 * sent, in order, with its own string table (the reader maps its numbers to the shared ones), and
 * formats their COPY lines when asked to.
 */
const regions = new RegionLines();
const port = parentPort;
if (port === null) throw new Error('parse-worker runs as a worker thread');
port.on('message', ({ bytes, lineSuffix }: RegionRequest) => {
  const result = regions.parse(bytes, lineSuffix);
  if (result === null) port.postMessage(null);
  else port.postMessage(result, transferList(result));
});
