import { detectFlags, detectFlagsAnywhere, type VersionFlag } from './flags.js';
import { unexplainedQualifier } from './qualifiers.js';
import { fold, words } from './text.js';

/** A media item as the matcher sees it (fields of the latest metadata, nulls as the source gave them). */
export interface MediaItemText {
  videoId: string;
  title: string;
  artistName: string | null;
  trackTitle: string | null;
}

/** One way of reading a video title: which part is the song and who sings it. */
export interface TitleReading {
  /** Folded song title, decorations removed. */
  title: string;
  /** Folded artist names (each credited artist and the whole credit); empty when the title names none. */
  artists: string[];
  /** Version flags of the parts this reading leaves out ("Hugo e Guilherme - X - DVD Próximo Passo"). */
  flags: VersionFlag[];
}

export interface ParsedVideo {
  readings: TitleReading[];
  /** Featured artists from feat./ft./with credits, folded. */
  featured: string[];
  /** Version flags from bracketed decorations and the track title. */
  flags: VersionFlag[];
  /** Title, artist_name and track_title folded together: where an artist may hide. */
  text: string;
}

export interface ParsedTrack {
  title: string;
  artists: string[];
  featured: string[];
  flags: VersionFlag[];
  /** Bracket or " - " suffix texts no flag or release note explains ("arr for guitar", "spotify sessions"), folded. */
  qualifiers: string[];
}

const BRACKETS = /[([{【「『]([^()[\]{}【】「」『』]*)[)\]}】」』]?/g;
const FEATURING = /^\s*(?:feat\.?|ft\.?|featuring|with|con|part\.?)\s+/i;
const TRAILING_FEATURING = /\s(?:feat\.?|ft\.?|featuring)\s+(.+?)(?=\s+[-–—|]\s+|\s*\||$)/i;
const ARTIST_SEPARATORS = /\s*(?:,|&|\+|\/|;|\bx\b|\band\b|\be\b|\by\b|\bfeat\.?|\bft\.?|\bfeaturing\b|\bwith\b|\bvs\.?|\bcon\b)\s*/i;
const SEGMENT_SEPARATORS = /\s+[-–—~]+\s+|\s*[|–—｜]\s*|:\s+|\s+-(?=\S)|(?<=[^\s-])-\s+/;
const QUOTED = /(?:^|\s)["“'‘]([^"”'’]{2,})["”'’](?=\s|$)/;

/** Words that decorate a title rather than name the song ("Official Music Video", "4K", "Lyrics"). */
export const DECORATION_WORDS = new Set([
  'official', 'oficial', 'officiel', 'music', 'musical', 'video', 'videoclip', 'videoclipe', 'clip', 'clipe', 'audio', 'lyric', 'lyrics',
  'letra', 'visualizer', 'visualiser', 'mv', 'hd', 'hq', '4k', '8k', 'full', 'song', 'new', 'explicit', 'clean', 'version', 'vertical',
]);

/** "Alan Walker x Benjamin Ingrosso" -> the whole credit and each artist, folded, leading "the" dropped. */
export function artistNames(credit: string): string[] {
  const names = new Set<string>();
  const whole = foldArtist(credit);
  if (whole !== '') names.add(whole);
  for (const part of credit.split(ARTIST_SEPARATORS)) {
    const name = foldArtist(part);
    if (name !== '') names.add(name);
  }
  return [...names];
}

function foldArtist(name: string): string {
  return fold(name).replace(/^the /, '');
}

/** Removes bracketed parts, returning what is left and the bracket contents. */
function splitBrackets(text: string): { rest: string; inner: string[] } {
  const inner: string[] = [];
  const rest = text.replace(BRACKETS, (_all, content: string) => {
    inner.push(content);
    return ' ';
  });
  return { rest, inner };
}

/** Sorts bracket contents into featured artists and version flags; other decorations are dropped. */
function readDecorations(inner: string[], featured: Set<string>, flags: Set<VersionFlag>): void {
  for (const content of inner) {
    if (FEATURING.test(content)) {
      for (const name of artistNames(content.replace(FEATURING, ''))) featured.add(name);
    } else {
      for (const flag of detectFlags(content)) flags.add(flag);
    }
  }
}

/** A title segment folded, "M/V" made one word, decoration words dropped from both ends. */
function songTitle(raw: string): string {
  return trimDecorations(fold(raw.replace(/\bM\s*\/\s*V\b/gi, 'MV')));
}

/** Drops decoration words from both ends of a folded segment. */
function trimDecorations(folded: string): string {
  const list = words(folded);
  let start = 0;
  let end = list.length;
  while (start < end && DECORATION_WORDS.has(list[start]!)) start++;
  while (end > start && DECORATION_WORDS.has(list[end - 1]!)) end--;
  return list.slice(start, end).join(' ');
}

/** A catalog row: "BED - THAT KIND Remix" is the song "bed" with the flag remix. */
export function parseTrack(track: string, artist: string, artists = artistNames(artist)): ParsedTrack {
  // Most catalog titles carry no decoration: skip the bracket and suffix parsing for them.
  if (!/[([{【「『\-–—]/.test(track)) return { title: fold(track), artists, featured: NONE, flags: NONE_FLAGS, qualifiers: NONE };
  const featured = new Set<string>();
  const flags = new Set<VersionFlag>();
  const qualifiers: string[] = [];
  const { rest, inner } = splitBrackets(track);
  const [head = '', ...tail] = rest.split(/\s+[-–—]\s+/);
  for (const decoration of [...inner, ...tail]) {
    if (FEATURING.test(decoration)) {
      for (const name of artistNames(decoration.replace(FEATURING, ''))) featured.add(name);
      continue;
    }
    const named = detectFlags(decoration);
    for (const flag of named) flags.add(flag);
    // A flag already says what the decoration makes of the recording; otherwise it may be a qualifier.
    const qualifier = named.length === 0 ? unexplainedQualifier(decoration) : null;
    if (qualifier !== null) qualifiers.push(qualifier);
  }
  const title = fold(head) || fold(track);
  return {
    title,
    artists,
    featured: featured.size === 0 ? NONE : [...featured],
    flags: flags.size === 0 ? NONE_FLAGS : [...flags],
    qualifiers: qualifiers.length === 0 ? NONE : qualifiers,
  };
}

// Shared empty lists: a million catalog rows need not each own two empty arrays.
const NONE: string[] = [];
const NONE_FLAGS: VersionFlag[] = [];

/**
 * Reads a video title every plausible way: "Artist - Title" and "Title - Artist" (also with
 * "–", "|" and ":"), a quoted title, and the artist_name / track_title fields when present.
 */
export function parseVideo(item: MediaItemText): ParsedVideo {
  const featured = new Set<string>();
  const flags = new Set<VersionFlag>(detectFlagsAnywhere(item.title));
  const { rest, inner } = splitBrackets(item.title);
  readDecorations(inner, featured, flags);
  let body = rest;
  const trailing = TRAILING_FEATURING.exec(body);
  if (trailing) {
    for (const name of artistNames(trailing[1]!)) featured.add(name);
    body = body.replace(trailing[0], ' ');
  }
  const segments = body
    .split(SEGMENT_SEPARATORS)
    .map((raw) => ({ raw, title: songTitle(raw) }))
    .filter((s) => s.title !== '');

  const readings = new Map<string, TitleReading>();
  const add = (title: string, artists: string[], leftOut: string[]) => {
    if (title === '') return;
    const readingFlags = new Set<VersionFlag>();
    for (const raw of leftOut) for (const flag of detectFlags(raw)) readingFlags.add(flag);
    const key = `${title}\u0000${artists.join('\u0001')}`;
    if (!readings.has(key)) readings.set(key, { title, artists, flags: [...readingFlags] });
  };
  const artistField = item.artistName ? artistNames(item.artistName) : [];
  const artistFolded = item.artistName ? foldArtist(item.artistName) : '';

  if (item.trackTitle) {
    const track = splitBrackets(item.trackTitle);
    readDecorations(track.inner, featured, flags);
    const title = songTitle(track.rest);
    const others = segments.filter((s) => s.title !== title);
    if (artistField.length > 0) add(title, artistField, others.filter((o) => foldArtist(o.raw) !== artistFolded).map((o) => o.raw));
    else for (const credit of others.slice(0, 3)) add(title, artistNames(credit.raw), others.filter((o) => o !== credit).map((o) => o.raw));
  }
  if (artistField.length > 0) {
    for (const s of segments) if (foldArtist(s.raw) !== artistFolded) add(s.title, artistField, segments.filter((o) => o !== s && foldArtist(o.raw) !== artistFolded).map((o) => o.raw));
  }
  for (let i = 0; i + 1 < Math.min(segments.length, 4); i++) {
    const a = segments[i]!;
    const b = segments[i + 1]!;
    const leftOut = (x: typeof a, y: typeof a) => segments.filter((s) => s !== x && s !== y).map((s) => s.raw);
    add(b.title, artistNames(a.raw), leftOut(a, b));
    add(a.title, artistNames(b.raw), leftOut(a, b));
  }
  const quoted = QUOTED.exec(body);
  if (quoted) add(songTitle(quoted[1]!), artistNames(body.replace(quoted[0], ' ')).map(trimDecorations).filter((n) => n !== ''), []);
  if (segments.length === 1 && artistField.length === 0) add(segments[0]!.title, [], []);

  const text = fold([item.title, item.artistName ?? '', item.trackTitle ?? ''].join(' '));
  return { readings: [...readings.values()], featured: [...featured], flags: [...flags], text };
}
