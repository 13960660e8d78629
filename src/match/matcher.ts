import { CatalogIndex, type CatalogRow } from './catalog-index.js';
import { scoreCandidates, type ScoredCandidate } from './score.js';
import { words } from './text.js';
import { DECORATION_WORDS, parseVideo, type MediaItemText, type ParsedVideo } from './title.js';

/** How many blocked rows Fuse.js scores per media item. */
export const BLOCK_LIMIT = 8;

export interface MediaItemMatch<T extends MediaItemText = MediaItemText> {
  item: T;
  parsed: ParsedVideo;
  /** Best first, at most `top`. */
  candidates: ScoredCandidate[];
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

export function matchItem<T extends MediaItemText>(index: CatalogIndex, item: T, top: number): MediaItemMatch<T> {
  const parsed = parseVideo(item);
  const blocked = index.block(blockingWords(parsed), BLOCK_LIMIT);
  return { item, parsed, candidates: scoreCandidates(parsed, blocked).slice(0, top) };
}

/** Matches media items one by one (a stream in, a stream out). */
export async function* matchItems<T extends MediaItemText>(index: CatalogIndex, items: AsyncIterable<T> | Iterable<T>, top: number): AsyncGenerator<MediaItemMatch<T>> {
  for await (const item of items) yield matchItem(index, item, top);
}
