import type { CatalogEntry } from './catalog-index.js';
import { isStrong } from './flags.js';
import { nonRecordingMarker } from './qualifiers.js';
import type { RegistrantEvidence } from './registrants.js';
import { containsWords, type ScoredCandidate } from './score.js';
import type { ParsedVideo } from './title.js';

/**
 * The evidence the confidence is fitted on, one number per feature for a (video, catalog row)
 * pair. Order matters: the fitted weights follow it (src/match/model-weights.ts).
 */
export const FEATURES = [
  'title',
  'title_exact',
  'title_missing',
  'artist',
  'artist_exact',
  'artist_in_text',
  'artist_unknown',
  'artist_other',
  'featured_only',
  'version_row',
  'version_video',
  'edit_row',
  'qualifier_row',
  'non_recording',
  'credit_row',
  'credit_video',
  'registrant_shared',
  'registrant_alone',
  'registrant_versions',
  'duplicates',
] as const;
export type Feature = (typeof FEATURES)[number];

/** One pair's evidence: values in FEATURES order, and for some features the words that explain them. */
export interface Evidence {
  values: number[];
  notes: (string | null)[];
}

const at = Object.fromEntries(FEATURES.map((f, i) => [f, i])) as Record<Feature, number>;

/** Folded words of `phrase` all present in `text`: the video names what the row's qualifier says. */
function namedIn(text: string, phrase: string): boolean {
  const have = new Set(text.split(' '));
  return phrase.split(' ').every((w) => have.has(w));
}

/** A name the other side lists: the same folded name, or one contains the other as whole words. */
function sameName(a: string, b: string): boolean {
  return a === b || containsWords(a, b) || containsWords(b, a);
}

/** What the video says about itself whatever the row: computed once per media item. */
export interface VideoEvidence {
  video: ParsedVideo;
  /** A non-recording marker ("behind the scenes"), or null. */
  nonRecording: string | null;
  /** The featured credits by name (a credit listing several names only through its parts). */
  credits: string[];
}

export function videoEvidence(video: ParsedVideo): VideoEvidence {
  const credits = video.featured.filter((name) => !video.featured.some((other) => other !== name && containsWords(name, other)));
  return { video, nonRecording: nonRecordingMarker(video.text), credits };
}

/**
 * The evidence for one scored row. `duplicates` is the number of rows of its recording group;
 * `registrant` what the catalog says about the row's ISRC registrant.
 */
export function evidenceFor(about: VideoEvidence, candidate: ScoredCandidate, registrant: RegistrantEvidence, duplicates: number): Evidence {
  const { video } = about;
  const values = new Array<number>(FEATURES.length).fill(0);
  const notes = new Array<string | null>(FEATURES.length).fill(null);
  const set = (feature: Feature, value: number, note: string | null = null) => {
    values[at[feature]] = value;
    notes[at[feature]] = note;
  };
  const entry: CatalogEntry = candidate.entry;
  set('title', candidate.titleScore);
  set('title_exact', candidate.reading.title === entry.title ? 1 : 0);
  // Share of the row's title words the video's title lacks: "kramp up" is not "up".
  const videoTitle = new Set(candidate.reading.title.split(' '));
  const rowWords = entry.title.split(' ');
  const missing = rowWords.filter((w) => !videoTitle.has(w));
  if (missing.length > 0) set('title_missing', missing.length / rowWords.length, missing.join(' '));
  set('artist', candidate.artistScore);
  set('artist_exact', candidate.artistScore === 1 ? 1 : 0);
  set('artist_in_text', candidate.flags.includes('artist:in-title') ? 1 : 0);
  set('artist_unknown', candidate.flags.includes('artist:unknown') ? 1 : 0);
  // The video names an artist and it is not the row's: "Flowers" by Lauren Spencer-Smith is not Cher's.
  if (candidate.reading.artists.length > 0 && candidate.artistScore < 0.5) set('artist_other', 1, candidate.reading.artists[0] ?? null);

  // "Clean Bandit - Solo (feat. Demi Lovato)" is not Demi Lovato's "Solo": the row's artist is only featured.
  const main = entry.artists[0] ?? '';
  const readAsArtist = video.readings.some((r) => r.artists.some((name) => sameName(name, main)));
  if (main !== '' && !readAsArtist && video.featured.some((name) => sameName(name, main))) set('featured_only', 1, main);

  const byPrefix = (prefix: string, strong: boolean) =>
    candidate.flags.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length)).filter((f) => f !== 'in-title' && f !== 'unknown' && isStrongName(f) === strong);
  const rowVersions = byPrefix('catalog:', true);
  const videoVersions = byPrefix('video:', true);
  const rowEdits = byPrefix('catalog:', false).filter((f) => f === 'edit' || f === 'extended');
  if (rowVersions.length > 0) set('version_row', 1, rowVersions.join(', '));
  if (videoVersions.length > 0) set('version_video', 1, videoVersions.join(', '));
  if (rowEdits.length > 0) set('edit_row', 1, rowEdits.join(', '));

  const unexplained = entry.qualifiers.filter((q) => !namedIn(video.text, q));
  if (unexplained.length > 0) set('qualifier_row', 1, unexplained.join(', '));
  if (about.nonRecording !== null) set('non_recording', 1, about.nonRecording);

  const rowCredits = entry.featured.filter((name) => !containsWords(video.text, name) && !entry.artists.includes(name));
  if (rowCredits.length > 0) set('credit_row', 1, rowCredits.join(', '));
  const videoCredits = about.credits.filter((name) => !entry.artists.some((a) => sameName(a, name)) && !entry.featured.some((f) => sameName(f, name)));
  if (videoCredits.length > 0) set('credit_video', 1, videoCredits.join(', '));

  if (registrant.sharedWithArtist > 0) set('registrant_shared', 1);
  if (registrant.artistOthers >= 2 && registrant.sharedWithArtist === 0) set('registrant_alone', 1);
  if (registrant.versionShare !== null) set('registrant_versions', registrant.versionShare);
  if (duplicates > 1) set('duplicates', 1, String(duplicates));
  return { values, notes };
}

function isStrongName(flag: string): boolean {
  return isStrong(flag as Parameters<typeof isStrong>[0]);
}
