import { CatalogIndex, type CatalogRow } from './catalog-index.js';
import { evidenceFor, FEATURES, videoEvidence, type Evidence } from './evidence.js';
import { groupRecordings } from './groups.js';
import { groupScore, probabilities, type Model } from './model.js';
import { SHIPPED_MODEL } from './model-weights.js';
import { recommend, type Recommendation } from './recommendation.js';
import { scoreCandidates, type ScoredCandidate } from './score.js';
import { words } from './text.js';
import { DECORATION_WORDS, parseVideo, type MediaItemText, type ParsedVideo } from './title.js';
import { strongestAgainst, waterfallText } from './waterfall.js';

/** How many blocked rows Fuse.js scores per media item. */
export const BLOCK_LIMIT = 8;
/** Recordings kept per media item unless told otherwise. */
export const DEFAULT_TOP = 5;

/** One recording the media item may be: its catalog rows and the evidence about it. */
export interface RecordingEvidence {
  /** Representative first (the ISRC an accept records), then the other ISRCs of the same recording. */
  rows: ScoredCandidate[];
  evidence: Evidence;
}

/** A recording with its confidence. */
export interface RecordingCandidate extends RecordingEvidence {
  /** Model score: log-odds of this recording against "none of them". */
  score: number;
  /** P(this recording is the media item's). */
  confidence: number;
  /** The evidence with how much each piece moved the score, in words. */
  waterfall: string;
}

export interface MediaItemMatch<T extends MediaItemText = MediaItemText> {
  item: T;
  parsed: ParsedVideo;
  /** Best first, at most `top` recordings. */
  recordings: RecordingCandidate[];
  recommendation: Recommendation;
}

/** Builds the index while the catalog streams in; `onProgress` gets the rows read so far. */
export async function buildIndex(rows: AsyncIterable<CatalogRow> | Iterable<CatalogRow>, onProgress?: (rows: number) => void): Promise<CatalogIndex> {
  const index = new CatalogIndex();
  for await (const row of rows) {
    index.add(row);
    if (onProgress && index.size % 50_000 === 0) onProgress(index.size);
  }
  index.seal();
  onProgress?.(index.size);
  return index;
}

/** The words a media item is blocked on: its title, artist_name and track_title, minus decorations. */
export function blockingWords(parsed: ParsedVideo): string[] {
  return words(parsed.text).filter((w) => !DECORATION_WORDS.has(w));
}

/** Every recording blocking finds for the item, with its evidence: what the model is fitted on and applied to. */
export function recordingEvidence(index: CatalogIndex, parsed: ParsedVideo): RecordingEvidence[] {
  const scored = scoreCandidates(parsed, index.block(blockingWords(parsed), BLOCK_LIMIT));
  const about = videoEvidence(parsed);
  return groupRecordings(scored, (entry) => index.registrantEvidence(entry)).map(({ rows, registrant }) => ({
    rows,
    evidence: evidenceFor(about, rows[0]!, registrant, rows.length),
  }));
}

/** Applies the model: each recording's confidence, best first, the first `top` with their waterfall. */
export function rankRecordings(model: Model, recordings: readonly RecordingEvidence[], top = recordings.length): RecordingCandidate[] {
  const scores = recordings.map((r) => groupScore(model, r.evidence.values));
  const confidence = probabilities(scores);
  return recordings
    .map((r, i) => ({ ...r, score: scores[i]!, confidence: confidence[i]!, waterfall: '' }))
    .sort((a, b) => b.confidence - a.confidence || (a.rows[0]!.isrc < b.rows[0]!.isrc ? -1 : 1))
    .slice(0, top)
    .map((r) => ({ ...r, waterfall: waterfallText(model, r.evidence, r.score, r.confidence, recordings.length) }));
}

/** The recommendation for ranked recordings (best first). */
export function recommendationFor(model: Model, ranked: readonly RecordingCandidate[]): Recommendation {
  const edit = FEATURES.indexOf('edit_row');
  return recommend(
    ranked.map((r) => {
      const row = r.rows[0]!;
      return {
        isrc: row.isrc,
        title: row.entry.title,
        artist: row.entry.artists[0] ?? '',
        confidence: r.confidence,
        caveat: r.evidence.values[edit] === 1 ? `the row is an ${r.evidence.notes[edit]} and the video is not` : null,
        against: strongestAgainst(model, r.evidence),
      };
    }),
  );
}

export function matchItem<T extends MediaItemText>(index: CatalogIndex, item: T, top: number, model: Model = SHIPPED_MODEL): MediaItemMatch<T> {
  const parsed = parseVideo(item);
  const recordings = rankRecordings(model, recordingEvidence(index, parsed), top);
  return { item, parsed, recordings, recommendation: recommendationFor(model, recordings) };
}
