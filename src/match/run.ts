import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { sql } from 'kysely';
import type { DbHandle } from '../db/connect.js';
import { copyLine } from '../db/copy-csv.js';
import { buildIndex, matchItem, type MediaItemMatch } from './matcher.js';
import { applyAutoAccept, catalogFromDb, countAutoAcceptable, mediaItemPage, type AutoAcceptRule, type StoredMediaItem } from './store.js';

export interface MatchRunOptions {
  top: number;
  autoAccept?: AutoAcceptRule;
  candidatesOut?: string;
  reviewer: string;
  onProgress?: (stage: 'catalog' | 'media items', done: number) => void;
  /** Aborting stops the run between pages; the transaction rolls back, the stored candidates stay as they were. */
  signal?: AbortSignal;
  /** Told once the candidates are committed (before auto-accept). */
  onCandidatesStored?: () => void;
  /** Told how many media items auto-accept would decide, before it does. */
  onAutoAcceptPlan?: (count: number) => void;
}

export interface MatchRunSummary {
  catalogRows: number;
  mediaItems: number;
  withCandidates: number;
  candidates: number;
  autoAccepted: number | null;
  elapsedMs: number;
  /** Where the time went: reading and indexing the catalog, scoring, storing, auto-accept. */
  stageMs: { catalog: number; scoring: number; storing: number; autoAccept: number };
}

const PAGE = 2_000;
const CANDIDATE_COLUMNS = ['media_item_id', 'rank', 'isrc', 'score', 'title_score', 'artist_score', 'flags', 'reading_title', 'reading_artists'] as const;
export const CANDIDATES_FILE_HEADER = 'video_id,rank,isrc,score,title_score,artist_score,flags\n';

/**
 * `cm-tui match`: indexes isrc_lookup, matches every media item page by page, replaces the
 * stored candidates of the matched items in one transaction, writes the candidates file, then
 * auto-accepts when asked. Decisions are never touched, only appended to.
 */
export async function runMatch(handle: DbHandle, options: MatchRunOptions): Promise<MatchRunSummary> {
  const started = performance.now();
  const index = await buildIndex(catalogFromDb(handle.db), (n) => options.onProgress?.('catalog', n));
  const stageMs = { catalog: performance.now() - started, scoring: 0, storing: 0, autoAccept: 0 };
  const file = options.candidatesOut ? createWriteStream(`${options.candidatesOut}.partial`) : null;
  const write = async (text: string) => {
    if (file && !file.write(text)) await once(file, 'drain');
  };
  let mediaItems = 0;
  let withCandidates = 0;
  let candidates = 0;
  try {
    await write(CANDIDATES_FILE_HEADER);
    await handle.session(async (session) => {
      await session.exec('BEGIN');
      try {
        await session.exec(`CREATE TEMP TABLE match_run_items (media_item_id bigint PRIMARY KEY) ON COMMIT DROP;
          CREATE TEMP TABLE match_run_candidates (LIKE isrc_candidates INCLUDING DEFAULTS) ON COMMIT DROP;`);
        for (let after = 0; ; ) {
          if (options.signal?.aborted) throw new Error('cancelled: the candidates are as they were');
          const page = await mediaItemPage(session.db, after, PAGE);
          if (page.length === 0) break;
          after = page[page.length - 1]!.mediaItemId;
          const scoringStarted = performance.now();
          const matches = page.map((item) => matchItem(index, item, options.top));
          stageMs.scoring += performance.now() - scoringStarted;
          await session.copyCsv('match_run_items', ['media_item_id'], lines(matches.map((m) => [m.item.mediaItemId])));
          await session.copyCsv('match_run_candidates', CANDIDATE_COLUMNS, lines(matches.flatMap(candidateRows)));
          for (const m of matches) {
            if (m.candidates.length > 0) withCandidates++;
            candidates += m.candidates.length;
            for (const [i, c] of m.candidates.entries()) await write(copyLine([m.item.videoId, i + 1, c.isrc, c.score, c.titleScore, c.artistScore, c.flags.join(';') || null]));
          }
          mediaItems += page.length;
          options.onProgress?.('media items', mediaItems);
        }
        // Another match run may be replacing the same items: wait for it, so the DELETE (a new
        // snapshot) sees its rows and the INSERT never collides with them.
        await sql`LOCK TABLE isrc_candidates IN SHARE ROW EXCLUSIVE MODE`.execute(session.db);
        await sql`DELETE FROM isrc_candidates c USING match_run_items i WHERE c.media_item_id = i.media_item_id`.execute(session.db);
        await sql`INSERT INTO isrc_candidates SELECT * FROM match_run_candidates`.execute(session.db);
        await session.exec('COMMIT');
        options.onCandidatesStored?.();
      } catch (error) {
        await session.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    if (file && options.candidatesOut) {
      file.end();
      await once(file, 'finish');
      await rename(`${options.candidatesOut}.partial`, options.candidatesOut);
    }
  } catch (error) {
    if (file && options.candidatesOut) {
      file.destroy();
      await rm(`${options.candidatesOut}.partial`, { force: true });
    }
    throw error;
  }
  stageMs.storing = performance.now() - started - stageMs.catalog - stageMs.scoring;
  let autoAccepted: number | null = null;
  const autoStarted = performance.now();
  if (options.autoAccept) {
    const rule = options.autoAccept;
    options.onAutoAcceptPlan?.(await countAutoAcceptable(handle.db, rule));
    autoAccepted = await applyAutoAccept(handle.db, rule, options.reviewer);
  }
  stageMs.autoAccept = performance.now() - autoStarted;
  return { catalogRows: index.size, mediaItems, withCandidates, candidates, autoAccepted, elapsedMs: performance.now() - started, stageMs };
}

function candidateRows(m: MediaItemMatch<StoredMediaItem>): (string | number)[][] {
  return m.candidates.map((c, i) => [m.item.mediaItemId, i + 1, c.isrc, c.score, c.titleScore, c.artistScore, c.flags.join(';'), c.reading.title, c.reading.artists.join('; ')]);
}

async function* lines(rows: readonly (readonly (string | number)[])[]): AsyncGenerator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += copyLine(row);
    if (chunk.length > 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}
