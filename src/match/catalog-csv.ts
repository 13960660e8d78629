import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import type { CatalogRow } from './catalog-index.js';

export const ISRC_PATTERN = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/;
const COLUMNS = ['cm_track', 'track', 'isrc', 'cm_artist', 'artist'] as const;

export interface CatalogCsvRow extends CatalogRow {
  cm_track: number | null;
  cm_artist: number | null;
}

/** One record of cm_track.csv: a row to load, or a bad one with the reason. `line` counts from 1, header included. */
export type CatalogRecord = { kind: 'row'; line: number; row: CatalogCsvRow } | { kind: 'bad'; line: number; raw: string; reason: string };

function integerOrNull(value: string | undefined, column: string): number | null | string {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) return `${column} is not a non-negative integer: ${JSON.stringify(text)}`;
  return Number(text);
}

/**
 * Streams cm_track.csv (header `cm_track,track,isrc,cm_artist,artist`, any column order).
 * Malformed CSV records are reported as bad rows and reading goes on.
 */
export async function* readCatalogCsv(path: string): AsyncGenerator<CatalogRecord> {
  const skipped: CatalogRecord[] = [];
  let lastSkippedLine = -1;
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      raw: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error, raw) => {
        // One broken quote can raise several errors on the same line: report the line once.
        const line = Number(error?.lines ?? 0);
        if (line === lastSkippedLine) return undefined;
        lastSkippedLine = line;
        skipped.push({ kind: 'bad', line, raw: raw ?? '', reason: `malformed CSV: ${error?.message ?? 'unreadable record'}` });
        return undefined;
      },
    }),
  );
  let positions: Record<(typeof COLUMNS)[number], number> | null = null;
  let header: string[] = [];
  let width = 0;
  for await (const record of parser as AsyncIterable<{ record: string[]; raw: string; info: { lines: number } }>) {
    yield* skipped.splice(0);
    const { record: fields, raw, info } = record;
    const line = info.lines;
    if (!positions) {
      header = fields.map((f) => f.trim().toLowerCase());
      const missing = COLUMNS.filter((c) => !header.includes(c));
      if (missing.length > 0) throw new CatalogHeaderError(`${path}: the header lacks ${missing.join(', ')} (expected ${COLUMNS.join(',')})`);
      width = fields.length;
      positions = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
      continue;
    }
    const bad = (reason: string): CatalogRecord => ({ kind: 'bad', line, raw: raw.replace(/\r?\n$/, ''), reason });
    if (fields.length !== width) {
      yield bad(`malformed CSV: ${fields.length} fields, expected ${width}`);
      continue;
    }
    // PostgreSQL text cannot hold U+0000: the row, not the whole load, is refused.
    const withNul = fields.findIndex((field) => field.includes('\0'));
    if (withNul !== -1) {
      yield bad(`${header[withNul] ?? `field ${withNul + 1}`}: contains a NUL character (U+0000), which the database cannot store`);
      continue;
    }
    const isrc = (fields[positions.isrc] ?? '').trim();
    if (isrc === '') {
      yield bad('no isrc');
      continue;
    }
    if (!ISRC_PATTERN.test(isrc)) {
      yield bad(`isrc ${JSON.stringify(isrc)} does not match ${ISRC_PATTERN.source}`);
      continue;
    }
    const cmTrack = integerOrNull(fields[positions.cm_track], 'cm_track');
    const cmArtist = integerOrNull(fields[positions.cm_artist], 'cm_artist');
    if (typeof cmTrack === 'string' || typeof cmArtist === 'string') {
      yield bad(typeof cmTrack === 'string' ? cmTrack : (cmArtist as string));
      continue;
    }
    const text = (value: string | undefined) => (value === undefined || value === '' ? null : value);
    yield { kind: 'row', line, row: { isrc, cm_track: cmTrack, track: text(fields[positions.track]), cm_artist: cmArtist, artist: text(fields[positions.artist]) } };
  }
  yield* skipped.splice(0);
}

/**
 * Whether a file starts with the catalog's header (its five columns, any order, quoted or not):
 * how the Import screen tells cm_track.csv from a playlist feed.
 */
export async function isCatalogCsv(path: string): Promise<boolean> {
  // Unreadable: not a catalog; the feed import reports why in its own words.
  const file = await open(path).catch(() => null);
  if (!file) return false;
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(4096), 0, 4096, 0);
    const [first = ''] = buffer.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').split(/\r?\n/);
    const header = first.split(',').map((f) => f.trim().replace(/^"(.*)"$/, '$1').toLowerCase());
    return COLUMNS.every((c) => header.includes(c));
  } finally {
    await file.close();
  }
}

/** The file is not a catalog at all (no header with the catalog's columns). */
export class CatalogHeaderError extends Error {}

/** Only the loadable rows, for the matcher and the evaluation. */
export async function* catalogRows(path: string): AsyncGenerator<CatalogCsvRow> {
  for await (const record of readCatalogCsv(path)) if (record.kind === 'row') yield record.row;
}
