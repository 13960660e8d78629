import { grown, StringColumn } from './columns.js';
import { isStrong } from './flags.js';
import { newArtistRows, RegistrantStats, type ArtistRows, type RegistrantEvidence } from './registrants.js';
import { artistNames, parseTrack, type ParsedTrack } from './title.js';
import { words } from './text.js';

/** A catalog row as isrc_lookup holds it. */
export interface CatalogRow {
  isrc: string;
  track: string | null;
  artist: string | null;
}

/** A catalog row ready for scoring: parsed once, strings shared between rows of the same artist. */
export interface CatalogEntry extends ParsedTrack {
  isrc: string;
  /** The rows of the same artist credit, by registrant (shared by those rows). */
  credit: ArtistRows;
}

/** An entry outside any index (a catalog search hit): its artist's rows are unknown. */
export function standaloneEntry(row: CatalogRow): CatalogEntry {
  return { isrc: row.isrc, ...parseTrack(row.track ?? '', row.artist ?? ''), credit: newArtistRows() };
}

export interface BlockedCandidate {
  entry: CatalogEntry;
  /** Share of the row's informative words (idf-weighted) found in the video's text. */
  blockScore: number;
}

/** Limits that keep blocking cheap per media item whatever the catalog size. */
export interface BlockingLimits {
  /** A word in at most this many rows is rare: all its rows are candidates. */
  rareRows: number;
  /** Rows enumerated from rare words per media item. */
  budget: number;
  /** Common title words and common artist words whose pairs give candidates (the rarest ones). */
  pairWords: number;
  /** A word in more rows than this is too common to pair (it only ranks). */
  pairRows: number;
  /** Candidates kept for ranking by the common words. */
  shortlist: number;
}

export const DEFAULT_LIMITS: BlockingLimits = { rareRows: 1500, budget: 10_000, pairWords: 2, pairRows: 30_000, shortlist: 400 };

/** Featured credits, version flags and qualifiers of a row: most rows have none. */
type Decorations = Pick<ParsedTrack, 'featured' | 'flags' | 'qualifiers'>;
const UNDECORATED: Decorations = { featured: [], flags: [], qualifiers: [] };

/** An artist credit of the catalog: its parsed names, their word ids (until sealed), and its rows by registrant. */
interface Artist {
  names: string[];
  ids: number[];
  credit: ArtistRows;
}

/**
 * An inverted index over the catalog's folded title words and artist words, built while the
 * catalog streams in. Blocking a media item enumerates only the rows of its rarer words (within a
 * budget) and ranks a shortlist of them with the common words, so its cost is bounded by the
 * candidates, not by the catalog size.
 *
 * Rows are held in columns (a million rows as a million objects cost the memory and garbage
 * collection of a million objects) and word lists in typed arrays; a row becomes a CatalogEntry
 * only when blocking returns it.
 */
export class CatalogIndex {
  private rows = 0;
  private readonly isrcs = new StringColumn();
  private readonly titles = new StringColumn();
  private rowArtist = new Int32Array(1024);
  private readonly decorated = new Map<number, Decorations>();
  private readonly artistList: Artist[] = [];
  /** Artist number per raw credit, while loading: rows of one artist share its parse. */
  private readonly artistByCredit = new Map<string, number>();
  private readonly titleVocabulary = new Map<string, number>();
  private readonly artistVocabulary = new Map<string, number>();
  private titleWords: boolean[] = [];
  /** Each row's word ids, concatenated; row r's are at rowWordStart[r] .. rowWordStart[r + 1]. */
  private rowWords = new Int32Array(4096);
  private rowWordCount = 0;
  private rowWordStart = new Int32Array(1024);
  private readonly registrants = new RegistrantStats();
  // Set by seal(): per word id, ascending row numbers whose title (title word) or artist holds it,
  // at postingRows[postingStart[id]] .. postingRows[postingStart[id + 1]].
  private postingStart = new Int32Array(0);
  private postingRows = new Int32Array(0);
  private titleWord = new Uint8Array(0);
  private idfs = new Float64Array(0);
  private rowWeight: Float64Array | null = null;
  // Per-call marks of block(): a word or row is in the current call's set when its mark is `stamp`.
  private wordMark = new Int32Array(0);
  private rowMark = new Int32Array(0);
  private stamp = 0;

  constructor(private readonly limits: BlockingLimits = DEFAULT_LIMITS) {}

  get size(): number {
    return this.rows;
  }

  add(row: CatalogRow): void {
    if (this.rowWeight) throw new Error('CatalogIndex: add() after the index was sealed');
    const credit = row.artist ?? '';
    let artistNumber = this.artistByCredit.get(credit);
    if (artistNumber === undefined) {
      const names = artistNames(credit);
      const ids = [...new Set(names.flatMap((name) => words(name).map((word) => this.wordId(word, false))))];
      artistNumber = this.artistList.push({ names, ids, credit: newArtistRows() }) - 1;
      this.artistByCredit.set(credit, artistNumber);
    }
    const artist = this.artistList[artistNumber]!;
    const parsed = parseTrack(row.track ?? '', credit, artist.names);
    const rowNumber = this.rows++;
    this.isrcs.push(row.isrc);
    this.titles.push(parsed.title);
    if (rowNumber >= this.rowArtist.length) this.rowArtist = grown(this.rowArtist);
    this.rowArtist[rowNumber] = artistNumber;
    if (parsed.featured.length > 0 || parsed.flags.length > 0 || parsed.qualifiers.length > 0) {
      this.decorated.set(rowNumber, { featured: parsed.featured, flags: parsed.flags, qualifiers: parsed.qualifiers });
    }
    this.registrants.add(artist.credit, row.isrc, parsed.qualifiers.length > 0 || parsed.flags.some(isStrong));
    const start = this.rowWordCount;
    const index = (id: number) => {
      for (let i = start; i < this.rowWordCount; i++) if (this.rowWords[i] === id) return;
      if (this.rowWordCount === this.rowWords.length) this.rowWords = grown(this.rowWords);
      this.rowWords[this.rowWordCount++] = id;
    };
    for (const word of words(parsed.title)) index(this.wordId(word, true));
    for (const id of artist.ids) index(id);
    for (const name of parsed.featured) for (const word of words(name)) index(this.wordId(word, false));
    if (rowNumber + 1 >= this.rowWordStart.length) this.rowWordStart = grown(this.rowWordStart);
    this.rowWordStart[rowNumber + 1] = this.rowWordCount;
  }

  /** How the row's registrant relates to its artist's other rows and to the registrant's other rows. */
  registrantEvidence(entry: CatalogEntry): RegistrantEvidence {
    return this.registrants.evidence(entry.credit, entry.isrc);
  }

  private wordId(word: string, title: boolean): number {
    const vocabulary = title ? this.titleVocabulary : this.artistVocabulary;
    let id = vocabulary.get(word);
    if (id === undefined) {
      id = this.titleWords.length;
      vocabulary.set(word, id);
      this.titleWords.push(title);
    }
    return id;
  }

  /** The row as scoring sees it. */
  private entry(row: number): CatalogEntry {
    const artist = this.artistList[this.rowArtist[row]!]!;
    const { featured, flags, qualifiers } = this.decorated.get(row) ?? UNDECORATED;
    return { isrc: this.isrcs.get(row), title: this.titles.get(row), artists: artist.names, featured, flags, qualifiers, credit: artist.credit };
  }

  /** Ends the loading phase: the word lists, word weights (idf) and each row's total weight, computed once. */
  seal(): void {
    if (this.rowWeight) return;
    const rows = this.rows;
    const wordCount = this.titleWords.length;
    this.rowWords = this.rowWords.slice(0, this.rowWordCount);
    this.rowWordStart = this.rowWordStart.slice(0, rows + 1);
    this.rowArtist = this.rowArtist.slice(0, rows);
    this.isrcs.trim();
    this.titles.trim();
    // Counting sort of (word, row) by word: rows are visited in order, so each list is ascending.
    const start = new Int32Array(wordCount + 1);
    for (const id of this.rowWords) start[id + 1]!++;
    for (let id = 0; id < wordCount; id++) start[id + 1]! += start[id]!;
    const fill = start.slice(0, wordCount);
    const postingRows = new Int32Array(this.rowWordCount);
    for (let row = 0; row < rows; row++) {
      for (let i = this.rowWordStart[row]!; i < this.rowWordStart[row + 1]!; i++) postingRows[fill[this.rowWords[i]!]!++] = row;
    }
    this.postingStart = start;
    this.postingRows = postingRows;
    this.titleWord = Uint8Array.from(this.titleWords, (t) => (t ? 1 : 0));
    this.titleWords = [];
    this.idfs = new Float64Array(wordCount);
    for (let id = 0; id < wordCount; id++) this.idfs[id] = Math.log(1 + rows / (start[id + 1]! - start[id]!));
    const weight = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      let sum = 0;
      for (let i = this.rowWordStart[row]!; i < this.rowWordStart[row + 1]!; i++) sum += this.idfs[this.rowWords[i]!]!;
      weight[row] = sum;
    }
    this.rowWeight = weight;
    this.wordMark = new Int32Array(wordCount);
    this.rowMark = new Int32Array(rows);
    this.artistByCredit.clear();
    for (const artist of this.artistList) artist.ids = [];
  }

  private postings(id: number): number {
    return this.postingStart[id + 1]! - this.postingStart[id]!;
  }

  /**
   * The rows sharing at least one title word with the media item's words, best `limit` by the
   * idf-weighted share of their words present. Candidates come from the item's rare words (all
   * their rows) and from pairs of its common words (rows holding both, e.g. an artist word and a
   * title word); each is then scored from its own few words. Cost: the rare words' rows plus a
   * few list merges, never the catalog.
   */
  block(videoWords: readonly string[], limit: number): BlockedCandidate[] {
    this.seal();
    const stamp = ++this.stamp;
    const { wordMark, rowMark, postingStart, postingRows, rowWords, rowWordStart, titleWord, idfs } = this;
    const ids: number[] = [];
    for (const word of videoWords) {
      for (const vocabulary of [this.titleVocabulary, this.artistVocabulary]) {
        const id = vocabulary.get(word);
        if (id !== undefined && wordMark[id] !== stamp) {
          wordMark[id] = stamp;
          ids.push(id);
        }
      }
    }
    // Rarest first; a stable sort keeps words of equal counts in the item's order.
    const sorted = ids.sort((a, b) => this.postings(a) - this.postings(b));
    const { rareRows, budget, pairWords, pairRows, shortlist } = this.limits;
    const candidates: number[] = [];
    const take = (row: number) => {
      if (rowMark[row] === stamp) return;
      rowMark[row] = stamp;
      candidates.push(row);
    };
    let enumerated = 0;
    let firstCommon = 0;
    for (; firstCommon < sorted.length; firstCommon++) {
      const id = sorted[firstCommon]!;
      const count = this.postings(id);
      if (count > rareRows || enumerated + count > budget) break;
      enumerated += count;
      for (let i = postingStart[id]!; i < postingStart[id + 1]!; i++) take(postingRows[i]!);
    }
    // Rows with a title word and an artist word of the item (the rarest few of each), and rows
    // with the two rarest common words whatever their field.
    const common = sorted.slice(firstCommon).filter((id) => this.postings(id) <= pairRows);
    const titles = common.filter((id) => titleWord[id] === 1).slice(0, pairWords);
    const artists = common.filter((id) => titleWord[id] === 0).slice(0, pairWords);
    const pairs: [number, number][] = titles.flatMap((t) => artists.map((a): [number, number] => [t, a]));
    if (common.length >= 2) pairs.push([common[0]!, common[1]!]);
    for (const [a, b] of pairs) intersect(postingRows, postingStart[a]!, postingStart[a + 1]!, postingStart[b]!, postingStart[b + 1]!, shortlist, take);
    // The best `limit` rows by block score, ties in the order found (as a stable sort would leave them).
    const rowWeight = this.rowWeight!;
    const bestRows: number[] = [];
    const bestScores: number[] = [];
    for (const row of candidates) {
      let title = 0;
      let other = 0;
      for (let i = rowWordStart[row]!; i < rowWordStart[row + 1]!; i++) {
        const id = rowWords[i]!;
        if (wordMark[id] !== stamp) continue;
        if (titleWord[id] === 1) title += idfs[id]!;
        else other += idfs[id]!;
      }
      if (title <= 0) continue;
      const score = (title + other) / rowWeight[row]!;
      if (bestRows.length === limit && score <= bestScores[limit - 1]!) continue;
      let at = bestRows.length;
      while (at > 0 && bestScores[at - 1]! < score) at--;
      bestRows.splice(at, 0, row);
      bestScores.splice(at, 0, score);
      if (bestRows.length > limit) {
        bestRows.pop();
        bestScores.pop();
      }
    }
    return bestRows.map((row, i) => ({ entry: this.entry(row), blockScore: bestScores[i]! }));
  }
}

/**
 * Rows in both ascending lists list[aFrom..aTo) and list[bFrom..bTo), at most `max` of them, each
 * handed to `take`: a merge, or binary search when one is much shorter.
 */
function intersect(list: Int32Array, aFrom: number, aTo: number, bFrom: number, bTo: number, max: number, take: (row: number) => void): void {
  const [sFrom, sTo, lFrom, lTo] = aTo - aFrom <= bTo - bFrom ? [aFrom, aTo, bFrom, bTo] : [bFrom, bTo, aFrom, aTo];
  let found = 0;
  if (lTo - lFrom > 4 * (sTo - sFrom)) {
    for (let i = sFrom; i < sTo; i++) {
      if (!sortedHas(list, lFrom, lTo, list[i]!)) continue;
      take(list[i]!);
      if (++found >= max) return;
    }
    return;
  }
  for (let i = sFrom, j = lFrom; i < sTo && j < lTo && found < max; ) {
    if (list[i]! < list[j]!) i++;
    else if (list[i]! > list[j]!) j++;
    else {
      take(list[i]!);
      found++;
      i++;
      j++;
    }
  }
}

function sortedHas(list: Int32Array, from: number, to: number, value: number): boolean {
  let lo = from;
  let hi = to - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = list[mid]!;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
