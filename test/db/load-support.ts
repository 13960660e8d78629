import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from '../../src/db/connect.js';
import { loadObservations, type LoadOptions, type LoadSummary } from '../../src/db/load.js';
import { readObservations } from '../../src/ingest/reader.js';

export const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
export const sample = join(shared, 'youtube_playlist.json');
export const reference = join(shared, 'reference-output');

/** Reads `file` with the real reader and loads it in one transaction. */
export async function ingestFile(handle: DbHandle, file: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const reader = readObservations(file);
  return loadObservations(handle, { sourceFile: file, batches: reader, sha256: () => 'test', readCounts: () => reader.counts, deduplicated: true }, options);
}

export function tempDir(prefix = 'cm-tui-db-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes record groups as JSON-array files named part-<i>.json; returns their paths. */
export function writeParts(dir: string, parts: unknown[][]): string[] {
  return parts.map((records, i) => {
    const path = join(dir, `part-${i}.json`);
    writeFileSync(path, JSON.stringify(records));
    return path;
  });
}

export function readRecords(file: string): Record<string, unknown>[] {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
}

/** mulberry32: a seeded generator, so a failing split or order can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** Cuts `records` at `count - 1` random points into contiguous parts. */
export function randomCuts<T>(records: readonly T[], count: number, random: () => number): T[][] {
  const cuts = new Set<number>();
  while (cuts.size < count - 1) cuts.add(1 + Math.floor(random() * (records.length - 1)));
  const points = [0, ...[...cuts].sort((a, b) => a - b), records.length];
  return points.slice(1).map((end, i) => records.slice(points[i], end));
}
