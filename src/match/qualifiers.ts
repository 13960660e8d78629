import { fold, words } from './text.js';

/**
 * Words of a catalog title's bracket or " - " suffix that do not make another recording: a
 * release note ("Single Version", "2011", "Explicit") or a soundtrack note ("From 'Barbie'").
 * Anything else no version flag explains ("Arr. for Guitar", "Spotify Sessions", "Re-Recorded",
 * "lullaby") is an unexplained qualifier: evidence of another version, not decoration.
 */
const RELEASE_WORDS = new Set([
  'single', 'album', 'version', 'original', 'explicit', 'clean', 'mono', 'stereo', 'bonus', 'track', 'deluxe', 'edition', 'main',
  'radio', 'mix', 'official', 'lp', 'ep', 'uk', 'us', 'international', 'english', 'vocal', 'digital', 'video', 'audio',
]);
const SOUNDTRACK = /^(from|taken from|theme from|music from|as featured in|prod\b|produced by)|\b(soundtrack|motion picture|ost|bso|series|film)\b/;

/** The folded qualifier when it is neither a release note nor empty; null otherwise. */
export function unexplainedQualifier(decoration: string): string | null {
  const text = fold(decoration);
  if (text === '' || SOUNDTRACK.test(text)) return null;
  return words(text).every((w) => RELEASE_WORDS.has(w) || /^\d+$/.test(w)) ? null : text;
}

/**
 * Markers of a video that is not a rendition of any recording: a making-of, a reaction, a
 * trailer, a lesson. Whole words of the folded title.
 */
const NON_RECORDING = /\b(behind the scenes|making of|reaction|reacts?|teaser|trailer|tutorial|lesson|dance practice|choreography|documentary|full album|vlog|podcast|episode|unboxing|parody)\b/;

/** The non-recording marker a video title carries, or null. */
export function nonRecordingMarker(title: string): string | null {
  return NON_RECORDING.exec(fold(title))?.[0] ?? null;
}
