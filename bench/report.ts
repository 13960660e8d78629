/** The results as markdown, and their place in BENCHMARKS.md (marked blocks, so prose around them stays). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface Row {
  step: string;
  status: 'ok' | 'failed' | 'skipped' | 'cached';
  records?: number;
  wallSeconds?: number;
  peakRssMb?: number | null;
  cpuSeconds?: number | null;
  note?: string;
}

const int = (n: number): string => Math.round(n).toLocaleString('en-US');

export function table(rows: Row[]): string {
  const lines = ['| step | status | records | wall s | records/s | CPU s | peak RSS MB | notes |', '|---|---|---:|---:|---:|---:|---:|---|'];
  for (const r of rows) {
    const timed = r.wallSeconds !== undefined && (r.status === 'ok' || r.status === 'cached');
    lines.push(
      `| ${r.step} | ${r.status} | ${r.records !== undefined ? int(r.records) : ''} | ${timed ? r.wallSeconds!.toFixed(1) : ''} | ` +
        `${timed && r.records ? int(r.records / r.wallSeconds!) : ''} | ${timed && r.cpuSeconds != null ? r.cpuSeconds.toFixed(1) : ''} | ${timed && r.peakRssMb != null ? int(r.peakRssMb) : ''} | ${(r.note ?? '').replace(/\|/g, '\\|')} |`,
    );
  }
  return lines.join('\n');
}

const END = '<!-- bench:end -->';

/** Replaces the block `key` in the document, or inserts it before the end marker. */
export function upsertBlock(doc: string, key: string, body: string): string {
  const start = `<!-- bench:${key}:start -->`;
  const stop = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${body.trim()}\n${stop}`;
  const from = doc.indexOf(start);
  const to = doc.indexOf(stop);
  if (from !== -1 && to > from) return doc.slice(0, from) + block + doc.slice(to + stop.length);
  const end = doc.indexOf(END);
  if (end === -1) return `${doc.trimEnd()}\n\n${block}\n\n${END}\n`;
  return `${doc.slice(0, end)}${block}\n\n${doc.slice(end)}`;
}

export function writeBlocks(path: string, blocks: [string, string][], template: string): void {
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : template;
  for (const [key, body] of blocks) doc = upsertBlock(doc, key, body);
  writeFileSync(path, doc);
}
