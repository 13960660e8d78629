/**
 * The synthetic catalog (cm_track.csv shape). Every row is a pure function of (seed, row index),
 * so the feed can ask "what is track 734,112?" without the catalog being in memory, and the CSV is
 * written row by row.
 */
import { artistName, csvQuote, songTitle } from './names.js';
import { hash, rngFor, unit, Rng } from './prng.js';
import { PLACES, REMIXERS } from './words.js';

export const CATALOG_HEADER = '"cm_track","track","isrc","cm_artist","artist"\n';

/** Versions a matcher must tell apart from the studio recording. */
export type VersionKind = 'remix' | 'live' | 'acoustic' | 'sped up' | 'slowed' | 'radio edit' | 'instrumental' | 'remaster';
const VERSION_KINDS: readonly VersionKind[] = ['remix', 'live', 'acoustic', 'sped up', 'slowed', 'radio edit', 'instrumental', 'remaster'];
const VERSION_WEIGHTS = [35, 20, 12, 12, 6, 6, 5, 4];

export type BadCatalogRow = 'no isrc' | 'malformed isrc' | 'missing column';

/** Share of catalog rows that are versions (remix, live...) of the row before them. */
const VERSION_SHARE = 0.15;
const FEAT_SHARE = 0.12;
/** ISRC prefixes (country + registrant + year); the row index picks one and the 5-digit designation. */
const PREFIX_BITS = 12;
const MAX_TRACKS = (1 << PREFIX_BITS) * 100_000;

// Namespaces keep the hashed streams of different attributes independent.
export const NS = {
  artist: 1,
  version: 2,
  song: 3,
  songArtist: 4,
  bad: 5,
  versionText: 6,
  isrcPrefix: 7,
  cmId: 8,
  video: 20,
  videoTitle: 21,
  unmatchedSong: 22,
  playlist: 30,
  channel: 31,
  feed: 40,
} as const;

export interface CatalogArtist {
  cmArtist: number;
  name: string;
}

export interface CatalogTrack {
  index: number;
  cmTrack: number;
  isrc: string;
  artist: CatalogArtist;
  featured: CatalogArtist | null;
  /** The song's name without credits or version, e.g. "Golden Heart". */
  song: string;
  /** The catalog's `track` text, e.g. "Golden Heart (feat. Zoë Peña) - Tiësto Remix". */
  title: string;
  version: VersionKind | null;
  /** How the version reads inside a video title, e.g. "Live at Wembley Stadium". */
  versionLabel: string | null;
  bad: BadCatalogRow | null;
}

export class Catalog {
  readonly artists: number;
  private readonly prefixes: string[];

  constructor(
    readonly seed: number,
    readonly tracks: number,
    readonly badShare: number,
  ) {
    if (tracks > MAX_TRACKS) throw new RangeError(`at most ${MAX_TRACKS} tracks`);
    // About a dozen rows per artist, as in the sample catalog.
    this.artists = Math.max(20, Math.round(tracks / 12));
    this.prefixes = isrcPrefixes(seed);
  }

  artist(index: number): CatalogArtist {
    return { cmArtist: 1000 + index * 5 + (hash(this.seed, NS.cmId, -index - 1) % 5), name: artistName(rngFor(this.seed, NS.artist, index)) };
  }

  isVersion(index: number): boolean {
    return index > 0 && unit(this.seed, NS.version, index) < VERSION_SHARE;
  }

  isBad(index: number): boolean {
    return unit(this.seed, NS.bad, index) < this.badShare;
  }

  /** The row of the studio recording a version row belongs to. */
  root(index: number): number {
    let i = index;
    while (this.isVersion(i)) i--;
    return i;
  }

  /** Popular artists own more songs: a skewed pick over the artist range. */
  private songArtist(root: number): number {
    return Math.floor(this.artists * unit(this.seed, NS.songArtist, root) ** 1.6);
  }

  track(index: number): CatalogTrack {
    const root = this.root(index);
    const rng = rngFor(this.seed, NS.song, root);
    const song = songTitle(rng);
    const artistIndex = this.songArtist(root);
    const artist = this.artist(artistIndex);
    let featured: CatalogArtist | null = null;
    if (rng.chance(FEAT_SHARE)) {
      const other = Math.floor(this.artists * rng.next() ** 2);
      if (other !== artistIndex) featured = this.artist(other);
    }
    const credited = featured ? `${song} (feat. ${featured.name})` : song;
    let title = credited;
    let version: VersionKind | null = null;
    let versionLabel: string | null = null;
    if (root !== index) {
      const vr = rngFor(this.seed, NS.versionText, index);
      version = vr.weighted(VERSION_KINDS, VERSION_WEIGHTS);
      [title, versionLabel] = versionText(vr, credited, version);
    }
    const cmTrack = 10_000_000 + index * 4 + (hash(this.seed, NS.cmId, index) % 4);
    const prefix = index & ((1 << PREFIX_BITS) - 1);
    // Each prefix starts its designations at its own offset; within a prefix they stay distinct.
    const designation = (Math.floor(index / (1 << PREFIX_BITS)) + (hash(this.seed, NS.isrcPrefix, prefix) % 100_000)) % 100_000;
    const isrc = `${this.prefixes[prefix]}${String(designation).padStart(5, '0')}`;
    const bad = this.isBad(index) ? badKind(hash(this.seed, NS.bad, -index - 1)) : null;
    return { index, cmTrack, isrc, artist, featured, song, title, version, versionLabel, bad };
  }

  /** One CSV line (with newline); bad rows are broken the way real exports break. */
  csvLine(index: number): string {
    const t = this.track(index);
    let isrc = t.isrc;
    if (t.bad === 'no isrc') isrc = '';
    else if (t.bad === 'malformed isrc') isrc = index % 2 === 0 ? isrc.slice(0, 11) : `${isrc.slice(0, 7)}O${isrc.slice(8)}`;
    const fields = [String(t.cmTrack), csvQuote(t.title), csvQuote(isrc), String(t.artist.cmArtist)];
    if (t.bad !== 'missing column') fields.push(csvQuote(t.artist.name));
    return `${fields.join(',')}\n`;
  }
}

function badKind(h: number): BadCatalogRow {
  const kinds: BadCatalogRow[] = ['no isrc', 'malformed isrc', 'missing column'];
  return kinds[h % kinds.length] as BadCatalogRow;
}

function versionText(rng: Rng, credited: string, kind: VersionKind): [string, string] {
  switch (kind) {
    case 'remix': {
      const who = rng.pick(REMIXERS);
      return rng.weighted(
        [[`${credited} - Remix`, 'Remix'], [`${credited} - ${who} Remix`, `${who} Remix`], [`${credited} (${who} Remix)`, `${who} Remix`]] as [string, string][],
        [3, 5, 3],
      );
    }
    case 'live': {
      const place = rng.pick(PLACES);
      return rng.weighted(
        [[`${credited} (Live)`, 'Live'], [`${credited} - Live`, 'Live'], [`${credited} - Live from ${place}`, `Live at ${place}`], [`${credited} (Live at ${place})`, `Live at ${place}`]] as [string, string][],
        [4, 2, 2, 2],
      );
    }
    case 'acoustic':
      return rng.pick([[`${credited} - Acoustic`, 'Acoustic'], [`${credited} (Acoustic)`, 'Acoustic Version'], [`${credited} - Acoustic Version`, 'Acoustic']] as [string, string][]);
    case 'sped up':
      return rng.pick([[`${credited} (Sped Up)`, 'Sped Up'], [`${credited} - Sped Up Version`, 'sped up']] as [string, string][]);
    case 'slowed':
      return rng.pick([[`${credited} (Slowed + Reverb)`, 'Slowed + Reverb'], [`${credited} - Slowed`, 'Slowed']] as [string, string][]);
    case 'radio edit':
      return [`${credited} - Radio Edit`, 'Radio Edit'];
    case 'instrumental':
      return [`${credited} - Instrumental`, 'Instrumental'];
    case 'remaster':
      return [`${credited} - Remastered ${rng.between(2009, 2021)}`, 'Remastered'];
  }
}

const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'BR', 'SE', 'ES', 'MX', 'CA', 'AU', 'JP', 'KR', 'QM', 'QZ', 'NL', 'IT', 'BE', 'CO', 'AR', 'IN', 'NG', 'PL'];
const REGISTRANT = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const prefixCache = new Map<number, string[]>();

/** 4096 distinct country+registrant+year prefixes: with a distinct designation per row, ISRCs are unique. */
function isrcPrefixes(seed: number): string[] {
  const cached = prefixCache.get(seed);
  if (cached) return cached;
  const rng = rngFor(seed, NS.isrcPrefix, 0);
  const seen = new Set<string>();
  const prefixes: string[] = [];
  while (prefixes.length < 1 << PREFIX_BITS) {
    let registrant = '';
    for (let i = 0; i < 3; i++) registrant += REGISTRANT[rng.int(i === 0 ? 26 : 36)];
    const year = String(rng.between(0, 99)).padStart(2, '0');
    const prefix = `${rng.pick(COUNTRIES)}${registrant}${year}`;
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    prefixes.push(prefix);
  }
  prefixCache.set(seed, prefixes);
  return prefixes;
}

/** The catalog CSV as text chunks of roughly `chunkBytes`, header first. */
export function* catalogChunks(catalog: Catalog, chunkBytes = 1 << 18): Generator<string> {
  let chunk = CATALOG_HEADER;
  for (let i = 0; i < catalog.tracks; i++) {
    chunk += catalog.csvLine(i);
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
