/** Writes a synthetic feed (and optionally its catalog) to disk, streamed with backpressure. */
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Catalog, catalogChunks } from './catalog.js';
import { emptyStats, feedRecords, type FeedRecord, type FeedStats } from './feed.js';
import { jsonArrayChunks, ndjsonChunks } from './serialize.js';
import { video } from './videos.js';

export interface GenerateOptions {
  rows: number;
  out: string;
  seed?: number;
  ndjson?: boolean;
  /** Also write the catalog the feed's videos are drawn from, as cm_track.csv. */
  catalogOut?: string;
  tracks?: number;
  /** Also write the right answer for a matcher: `video_id,isrc,cm_track,version` per video (needs catalogOut). */
  truthOut?: string;
  /** Share of bad records in the feed and bad rows in the catalog. */
  badShare?: number;
  /** Distinct videos to draw from (default: about one per 50 records). */
  videos?: number;
  /** Overrides of the simulation's shape (the demo wants few playlists over several days). */
  playlists?: number;
  snapshotsPerDay?: number;
  onProgress?: (progress: { stage: 'catalog' | 'feed'; done: number; total: number }) => void;
}

export interface GenerateResult {
  feed: FeedStats & { path: string; bytes: number; seconds: number };
  catalog: { path: string; tracks: number; badRows: number; bytes: number; seconds: number } | null;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_BAD_SHARE = 0.005;

/** Catalog size when none is asked for: large enough that videos rarely share a track. */
export function defaultTracks(rows: number): number {
  return Math.max(1000, Math.round(rows / 10));
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const badShare = options.badShare ?? DEFAULT_BAD_SHARE;
  const catalog = new Catalog(seed, options.tracks ?? defaultTracks(options.rows), badShare);
  const progress = options.onProgress;

  let catalogResult: GenerateResult['catalog'] = null;
  if (options.catalogOut) {
    const started = performance.now();
    let done = 0;
    const chunks = function* (): Generator<string> {
      for (const chunk of catalogChunks(catalog)) {
        yield chunk;
        done = Math.min(catalog.tracks, done + countLines(chunk));
        progress?.({ stage: 'catalog', done, total: catalog.tracks });
      }
    };
    await writeAtomically(chunks(), options.catalogOut);
    let badRows = 0;
    for (let i = 0; i < catalog.tracks; i++) if (catalog.isBad(i)) badRows++;
    const seconds = (performance.now() - started) / 1000;
    catalogResult = { path: options.catalogOut, tracks: catalog.tracks, badRows, bytes: (await stat(options.catalogOut)).size, seconds };
  }

  const started = performance.now();
  const stats = emptyStats();
  // Bounded by the number of distinct videos, not records.
  const newVideos: number[] = [];
  const onNewVideo = options.truthOut ? (j: number) => void newVideos.push(j) : undefined;
  const feedOptions = { rows: options.rows, seed, catalog, badShare, videos: options.videos, playlists: options.playlists, snapshotsPerDay: options.snapshotsPerDay, onNewVideo };
  const records = counted(feedRecords(feedOptions, stats), (done) =>
    progress?.({ stage: 'feed', done, total: options.rows }),
  );
  await writeAtomically(options.ndjson ? ndjsonChunks(records) : jsonArrayChunks(records), options.out);
  const seconds = (performance.now() - started) / 1000;
  if (options.truthOut) await writeAtomically(truthChunks(catalog, newVideos), options.truthOut);
  return { feed: { ...stats, path: options.out, bytes: (await stat(options.out)).size, seconds }, catalog: catalogResult };
}

function* counted(records: Iterable<FeedRecord>, report: (done: number) => void): Generator<FeedRecord> {
  let done = 0;
  for (const record of records) {
    yield record;
    if (++done % 10_000 === 0) report(done);
  }
  report(done);
}

export const TRUTH_HEADER = 'video_id,isrc,cm_track,version\n';

/** Per video of the feed, the catalog row it is an upload of (isrc empty when it has none). */
function* truthChunks(catalog: Catalog, videos: number[]): Generator<string> {
  let chunk = TRUTH_HEADER;
  for (const j of videos) {
    const v = video(catalog, j);
    const t = v.catalogIndex === null ? null : catalog.track(v.catalogIndex);
    chunk += t ? `${v.videoId},${t.isrc},${t.cmTrack},${t.version ?? ''}\n` : `${v.videoId},,,\n`;
    if (chunk.length >= 1 << 18) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Streams chunks to `path` through a temporary file, so a failed run never leaves half a file. */
async function writeAtomically(chunks: Iterable<string>, path: string): Promise<void> {
  const partial = `${path}.partial-${process.pid}`;
  try {
    await pipeline(Readable.from(chunks), createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
