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

/**
 * An inverted index over the catalog's folded title words and artist words, built while the
 * catalog streams in. Blocking a media item enumerates only the rows of its rarer words (within a
 * budget) and ranks a shortlist of them with the common words, so its cost is bounded by the
 * candidates, not by the catalog size.
 */
export class CatalogIndex {
  private readonly entries: CatalogEntry[] = [];
  private readonly vocabulary = new Map<string, number>();
  /** Per word id: ascending row numbers whose title (plain key) or artist ("\u0001" key) holds the word. */
  private readonly postings: number[][] = [];
  private readonly titleWord: boolean[] = [];
  /** Each row's word ids, concatenated; row r's are at rowWordStart[r] .. rowWordStart[r + 1]. */
  private readonly rowWords: number[] = [];
  private readonly rowWordStart: number[] = [0];
  /** Parsed names and artist word ids per raw artist credit: rows of one artist share them. */
  private readonly artists = new Map<string, { names: string[]; ids: number[]; credit: ArtistRows }>();
  private readonly registrants = new RegistrantStats();
  private idfs = new Float64Array(0);
  private rowWeight: Float64Array | null = null;

  constructor(private readonly limits: BlockingLimits = DEFAULT_LIMITS) {}

  get size(): number {
    return this.entries.length;
  }

  add(row: CatalogRow): void {
    if (this.rowWeight) throw new Error('CatalogIndex: add() after the index was sealed');
    const credit = row.artist ?? '';
    let artist = this.artists.get(credit);
    if (!artist) {
      const names = artistNames(credit);
      const ids = [...new Set(names.flatMap((name) => words(name).map((word) => this.wordId(word, false))))];
      this.artists.set(credit, (artist = { names, ids, credit: newArtistRows() }));
    }
    const parsed = parseTrack(row.track ?? '', credit, artist.names);
    const rowNumber = this.entries.length;
    this.entries.push({ isrc: row.isrc, title: parsed.title, artists: artist.names, featured: parsed.featured, flags: parsed.flags, qualifiers: parsed.qualifiers, credit: artist.credit });
    this.registrants.add(artist.credit, row.isrc, parsed.qualifiers.length > 0 || parsed.flags.some(isStrong));
    const start = this.rowWords.length;
    const index = (id: number) => {
      for (let i = start; i < this.rowWords.length; i++) if (this.rowWords[i] === id) return;
      this.postings[id]!.push(rowNumber);
      this.rowWords.push(id);
    };
    for (const word of words(parsed.title)) index(this.wordId(word, true));
    for (const id of artist.ids) index(id);
    for (const name of parsed.featured) for (const word of words(name)) index(this.wordId(word, false));
    this.rowWordStart.push(this.rowWords.length);
  }

  /** How the row's registrant relates to its artist's other rows and to the registrant's other rows. */
  registrantEvidence(entry: CatalogEntry): RegistrantEvidence {
    return this.registrants.evidence(entry.credit, entry.isrc);
  }

  private wordId(word: string, title: boolean): number {
    const key = title ? word : `\u0001${word}`;
    let id = this.vocabulary.get(key);
    if (id === undefined) {
      id = this.postings.length;
      this.vocabulary.set(key, id);
      this.postings.push([]);
      this.titleWord.push(title);
    }
    return id;
  }

  /** Ends the loading phase: word weights (idf) and each row's total weight, computed once. */
  seal(): void {
    if (this.rowWeight) return;
    const rows = this.entries.length;
    this.idfs = Float64Array.from(this.postings, (list) => Math.log(1 + rows / list.length));
    const weight = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      let sum = 0;
      for (let i = this.rowWordStart[row]!; i < this.rowWordStart[row + 1]!; i++) sum += this.idfs[this.rowWords[i]!]!;
      weight[row] = sum;
    }
    this.rowWeight = weight;
    this.artists.clear();
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
    const ids = new Set<number>();
    for (const word of videoWords) {
      for (const key of [word, `\u0001${word}`]) {
        const id = this.vocabulary.get(key);
        if (id !== undefined) ids.add(id);
      }
    }
    const sorted = [...ids].sort((a, b) => this.postings[a]!.length - this.postings[b]!.length);
    const lists = sorted.map((id) => this.postings[id]!);
    const { rareRows, budget, pairWords, pairRows, shortlist } = this.limits;
    const candidates = new Set<number>();
    let enumerated = 0;
    let firstCommon = 0;
    for (; firstCommon < lists.length; firstCommon++) {
      const list = lists[firstCommon]!;
      if (list.length > rareRows || enumerated + list.length > budget) break;
      enumerated += list.length;
      for (const row of list) candidates.add(row);
    }
    // Rows with a title word and an artist word of the item (the rarest few of each), and rows
    // with the two rarest common words whatever their field.
    const common = sorted.slice(firstCommon).filter((id) => this.postings[id]!.length <= pairRows);
    const titles = common.filter((id) => this.titleWord[id]).slice(0, pairWords);
    const artists = common.filter((id) => !this.titleWord[id]).slice(0, pairWords);
    const pairs: [number, number][] = titles.flatMap((t) => artists.map((a): [number, number] => [t, a]));
    if (common.length >= 2) pairs.push([common[0]!, common[1]!]);
    for (const [a, b] of pairs) for (const row of intersect(this.postings[a]!, this.postings[b]!, shortlist)) candidates.add(row);
    const rowWeight = this.rowWeight!;
    const found: BlockedCandidate[] = [];
    for (const row of candidates) {
      let title = 0;
      let other = 0;
      for (let i = this.rowWordStart[row]!; i < this.rowWordStart[row + 1]!; i++) {
        const id = this.rowWords[i]!;
        if (!ids.has(id)) continue;
        if (this.titleWord[id]) title += this.idfs[id]!;
        else other += this.idfs[id]!;
      }
      if (title > 0) found.push({ entry: this.entries[row]!, blockScore: (title + other) / rowWeight[row]! });
    }
    found.sort((a, b) => b.blockScore - a.blockScore);
    return found.length > limit ? found.slice(0, limit) : found;
  }
}

/** Rows in both ascending lists, at most `max` of them: a merge, or binary search when one is much shorter. */
function intersect(a: readonly number[], b: readonly number[], max: number): number[] {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const out: number[] = [];
  if (long.length > 4 * short.length) {
    for (const row of short) if (sortedHas(long, row) && out.push(row) >= max) break;
    return out;
  }
  for (let i = 0, j = 0; i < short.length && j < long.length && out.length < max; ) {
    if (short[i]! < long[j]!) i++;
    else if (short[i]! > long[j]!) j++;
    else {
      out.push(short[i]!);
      i++;
      j++;
    }
  }
  return out;
}

function sortedHas(list: readonly number[], value: number): boolean {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = list[mid]!;
    if (at === value) return true;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
