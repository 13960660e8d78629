import { fold } from './text.js';

/**
 * Version flags: what makes a recording a different one from the studio original. Strong flags
 * mean another recording (a remix is not the single); weak ones usually share the audio (a radio
 * edit or a remaster of the same take), so they only cost a little.
 */
export const STRONG_FLAGS = ['remix', 'live', 'acoustic', 'sped_up', 'slowed', 'instrumental', 'a_cappella', 'karaoke', 'cover', 'dj_mix', 'commentary', 'demo'] as const;
export const WEAK_FLAGS = ['edit', 'remaster', 'extended'] as const;
export type VersionFlag = (typeof STRONG_FLAGS)[number] | (typeof WEAK_FLAGS)[number];

const RULES: ReadonlyArray<readonly [VersionFlag, RegExp]> = [
  ['remix', /\b(remix|remixed|rmx|mix|dub|bootleg|rework|flip|refix)\b/],
  ['live', /\b(live|ao vivo|en vivo|en directo|unplugged|dvd|concert|concierto|awards?|grammys?)\b/],
  ['acoustic', /\b(acoustic|acustico|acustica|stripped|stripped back|piano version|unplugged)\b/],
  ['sped_up', /\b(sped up|speed up|spedup|nightcore)\b/],
  ['slowed', /\b(slowed|reverb)\b/],
  ['instrumental', /\b(instrumental|backing track)\b/],
  ['a_cappella', /\b(a ?cappella|acapella|drumapella)\b/],
  ['karaoke', /\b(karaoke|in the style of|originally performed|sing a ?long)\b/],
  ['cover', /\b(cover|tribute)\b/],
  ['dj_mix', /\bmixed\b/],
  ['commentary', /\b(commentary|track by track|interview)\b/],
  ['demo', /\bdemo\b/],
  ['edit', /\bedit\b/],
  ['remaster', /\b(remaster|remastered)\b/],
  ['extended', /\bextended\b/],
];

/** Words a plain single/radio edit description is made of; any other word names a remixer. */
const PLAIN_EDIT_WORDS = new Set(['radio', 'edit', 'single', 'version', 'clean', 'explicit', 'original', 'short', 'album', 'main', 'mono', 'stereo', 'remaster', 'remastered', 'edition', 'performance', 'video', 'music', 'official']);

/** The version flags a decoration ("Remastered 2011", "Acoustic", "DJ Kone Radio Edit") names. */
export function detectFlags(decoration: string): VersionFlag[] {
  const text = fold(decoration);
  const flags = new Set<VersionFlag>();
  for (const [flag, pattern] of RULES) if (pattern.test(text)) flags.add(flag);
  // "Cherry Pop - DJ Kone & Marc Palacios Radio Edit": an edit credited to someone is a remix.
  if (flags.has('edit') && text.split(' ').some((w) => !PLAIN_EDIT_WORDS.has(w) && !/^\d+$/.test(w))) flags.add('remix');
  // A "performance" is a stage recording unless it is only an edit or video of the record.
  if (/\bperformance\b/.test(text) && !/\b(edit|video)\b/.test(text)) flags.add('live');
  return [...flags];
}

/** Markers that name another recording wherever they appear in a video title (rarely a song's own words). */
const ANYWHERE = /\b(sped up|speed up|nightcore|slowed|reverb|karaoke|ao vivo|en vivo|grammy awards)\b/;

export function detectFlagsAnywhere(title: string): VersionFlag[] {
  const match = ANYWHERE.exec(fold(title));
  return match ? detectFlags(match[0]) : [];
}

export function isStrong(flag: VersionFlag): boolean {
  return (STRONG_FLAGS as readonly string[]).includes(flag);
}
