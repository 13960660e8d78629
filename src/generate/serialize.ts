/**
 * Feed records to text, in chunks. The JSON array is laid out like the sample (4-space indent,
 * one field per line, no trailing newline) so byte sizes are comparable; NDJSON is compact.
 */
import { FIELDS, type FeedRecord } from './feed.js';

// Names, urls and titles repeat in every snapshot: quoting each once saves a third of the time.
const quoted = new Map<string, string>();

function value(v: string | number | null | undefined, field: string): string {
  if (typeof v !== 'string') return v === null || v === undefined ? 'null' : String(v);
  if (field === 'timestp') return JSON.stringify(v);
  let q = quoted.get(v);
  if (q === undefined) {
    if (quoted.size >= 100_000) quoted.clear();
    q = JSON.stringify(v);
    quoted.set(v, q);
  }
  return q;
}

function pretty(record: FeedRecord): string {
  let text = '    {';
  let first = true;
  for (const field of FIELDS) {
    if (!(field in record)) continue;
    text += `${first ? '' : ','}\n        "${field}": ${value(record[field], field)}`;
    first = false;
  }
  return `${text}\n    }`;
}

function compact(record: FeedRecord): string {
  let text = '{';
  let first = true;
  for (const field of FIELDS) {
    if (!(field in record)) continue;
    text += `${first ? '' : ','}"${field}":${value(record[field], field)}`;
    first = false;
  }
  return `${text}}`;
}

export function* jsonArrayChunks(records: Iterable<FeedRecord>, chunkBytes = 1 << 18): Generator<string> {
  let chunk = '[';
  let first = true;
  for (const record of records) {
    chunk += `${first ? '\n' : ',\n'}${pretty(record)}`;
    first = false;
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${first ? ']' : '\n]'}`;
}

export function* ndjsonChunks(records: Iterable<FeedRecord>, chunkBytes = 1 << 18): Generator<string> {
  let chunk = '';
  for (const record of records) {
    chunk += `${compact(record)}\n`;
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
