import Fuse from 'fuse.js';
import type { BlockedCandidate, CatalogEntry } from './catalog-index.js';
import { isStrong, type VersionFlag } from './flags.js';
import type { ParsedVideo, TitleReading } from './title.js';

/** A catalog row scored against a media item, with the parts the review screen explains. */
export interface ScoredCandidate {
  isrc: string;
  /** In [0,1], 1 = certain. */
  score: number;
  titleScore: number;
  artistScore: number;
  /**
   * Why the score is what it is: `catalog:remix` (the row is a remix, the video is not),
   * `video:live` (the video is live, the row is not), `both:live`, `artist:in-title` (the row's
   * artist appears only in the video's text), `artist:unknown` (the video names no artist).
   */
  flags: string[];
  /** The reading of the video title that gave this score. */
  reading: TitleReading;
  /** The catalog row scored. */
  entry: CatalogEntry;
}

/**
 * Title times the square root of artist: a wrong title sinks the score as much as it should, a
 * half-right artist (one name of two) keeps a right title under the auto-accept bar, and a video
 * that names no artist (0.5) scores at most 0.71.
 */
export function combine(titleScore: number, artistScore: number): number {
  return titleScore * Math.sqrt(artistScore);
}
/** Artist score when the video names no artist and the row's artist is nowhere in its text. */
export const UNKNOWN_ARTIST = 0.5;
/** Artist score when the row's artist appears in the video's text but not where a reading put the artist. */
export const ARTIST_IN_TEXT = 0.9;
export const STRONG_MISMATCH = 0.6;
export const WEAK_MISMATCH = 0.95;
const FEATURED_DISCOUNT = 0.9;
const CREDIT_PART_DISCOUNT = 0.85;

// Past 0.4 the strings share little; a low threshold lets bitap give up early, which is most of its cost.
const FUSE_OPTIONS = { ignoreLocation: true, threshold: 0.4, isCaseSensitive: true } as const;

/**
 * Similarity of two folded strings: Fuse.js both ways round (so one word is not a whole title),
 * scaled by how many words they share, so "saint rocket" is not "saint rowan" and "find the
 * shadow" is not "tiger in the shadow"; the same words in another order ("capaldi lewis") count fully.
 */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a === '' || b === '') return 0;
  const shared = wordOverlap(a, b);
  if (shared === 1) return 1;
  const forward = Fuse.match(a, b, FUSE_OPTIONS).score ?? 1;
  const backward = Fuse.match(b, a, FUSE_OPTIONS).score ?? 1;
  return Math.max(shared, (1 - (forward + backward) / 2) * (0.5 + 0.5 * shared));
}

/** Dice coefficient of the two strings' word sets. */
function wordOverlap(a: string, b: string): number {
  const left = new Set(a.split(' '));
  const right = new Set(b.split(' '));
  let common = 0;
  for (const word of left) if (right.has(word)) common++;
  return (2 * common) / (left.size + right.size);
}

export function containsWords(text: string, phrase: string): boolean {
  return phrase.length >= 3 && ` ${text} `.includes(` ${phrase} `);
}

/** Scores each blocked row against every reading of the video, keeping its best; best first. */
export function scoreCandidates(video: ParsedVideo, blocked: readonly BlockedCandidate[]): ScoredCandidate[] {
  const memo = new Map<string, number>();
  const sim = (a: string, b: string) => {
    const key = `${a}\u0000${b}`;
    let value = memo.get(key);
    if (value === undefined) memo.set(key, (value = similarity(a, b)));
    return value;
  };
  const scored: ScoredCandidate[] = [];
  for (const { entry } of blocked) {
    // The row's whole artist credit (its first name) found in the video's text...
    const credit = entry.artists[0] ?? '';
    const creditInText = containsWords(video.text, credit);
    let best: ScoredCandidate | null = null;
    for (const reading of video.readings) {
      // ...counts only outside the words this reading takes as the title or the artist.
      const artistElsewhere = creditInText && !containsWords(reading.title, credit) && !reading.artists.some((name) => containsWords(name, credit));
      const titleScore = sim(reading.title, entry.title);
      const why: string[] = [];
      const videoFlags = new Set<VersionFlag>([...video.flags, ...reading.flags]);
      let penalty = 1;
      for (const flag of entry.flags) {
        if (videoFlags.has(flag)) why.push(`both:${flag}`);
        else {
          why.push(`catalog:${flag}`);
          penalty *= isStrong(flag) ? STRONG_MISMATCH : WEAK_MISMATCH;
        }
      }
      for (const flag of videoFlags) {
        if (entry.flags.includes(flag)) continue;
        why.push(`video:${flag}`);
        penalty *= isStrong(flag) ? STRONG_MISMATCH : WEAK_MISMATCH;
      }
      // With a perfect artist this reading would score title x penalty: skip the artist work when that cannot win.
      if (best && round(titleScore * penalty) <= best.score) continue;
      let artistScore = 0;
      if (reading.artists.includes(credit)) artistScore = 1;
      else {
        // One artist of a duo ("Yara & Valentina") is not the duo: names split off the row's credit count less.
        entry.artists.forEach((rowArtist, i) => {
          const discount = i === 0 ? 1 : CREDIT_PART_DISCOUNT;
          for (const videoArtist of reading.artists) artistScore = Math.max(artistScore, discount * sim(videoArtist, rowArtist));
          for (const featured of video.featured) artistScore = Math.max(artistScore, discount * FEATURED_DISCOUNT * sim(featured, rowArtist));
        });
      }
      const artistNotes: string[] = [];
      if (artistElsewhere && artistScore < ARTIST_IN_TEXT) {
        artistScore = ARTIST_IN_TEXT;
        artistNotes.push('artist:in-title');
      } else if (reading.artists.length === 0 && artistScore < UNKNOWN_ARTIST) {
        artistScore = UNKNOWN_ARTIST;
        artistNotes.push('artist:unknown');
      }
      why.unshift(...artistNotes);
      const score = round(combine(titleScore, artistScore) * penalty);
      if (!best || score > best.score) best = { isrc: entry.isrc, score, titleScore: round(titleScore), artistScore: round(artistScore), flags: why, reading, entry };
    }
    if (best) scored.push(best);
  }
  return scored.sort((a, b) => b.score - a.score || a.isrc.localeCompare(b.isrc));
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
