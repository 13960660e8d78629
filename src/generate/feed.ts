/**
 * The synthetic playlist feed: a simulation of playlists scraped several times a day. Each round
 * every playlist is snapshotted (one record per item, ~20 ms apart as in the sample); between
 * rounds views grow, items swap places, new videos enter near the top and old ones drop out,
 * and now and then a playlist is renamed or gets a new cover. State is per playlist and per
 * video in use, never per record, so memory does not grow with --rows.
 */
import { Catalog, NS } from './catalog.js';
import { Rng, rngFor, youtubeId } from './prng.js';
import { video, type Video } from './videos.js';
import { GENRES, MOODS } from './words.js';

export interface FeedOptions {
  rows: number;
  seed: number;
  /** The catalog the videos are drawn from (the one written with --catalog, or an unwritten one). */
  catalog: Catalog;
  /** Share of bad records (missing video_id, negative views, bad timestp, duplicates). */
  badShare: number;
  /** Distinct videos to draw from; by default about one per 50 records. */
  videos?: number;
  /** Called with a video's pool index the first time it appears in a good record. */
  onNewVideo?: (index: number) => void;
  playlists?: number;
  snapshotsPerDay?: number;
  /** Start of the feed, UTC milliseconds. */
  start?: number;
}

export type BadRecordKind = 'missing video_id' | 'negative views' | 'bad timestp' | 'exact duplicate' | 'conflicting duplicate';
export const BAD_RECORD_KINDS: readonly BadRecordKind[] = ['missing video_id', 'negative views', 'bad timestp', 'exact duplicate', 'conflicting duplicate'];

export interface FeedStats {
  rows: number;
  bad: Record<BadRecordKind, number>;
  playlists: number;
  channels: number;
  /** Distinct videos that appear in the feed. */
  videos: number;
  firstTimestp: string | null;
  lastTimestp: string | null;
}

/** One record with the sample's field names; a field may be missing in a bad record. */
export type FeedRecord = Partial<Record<(typeof FIELDS)[number], string | number | null>>;
export const FIELDS = [
  'playlist_id', 'playlist_name', 'artwork_url', 'channel_id', 'views', 'num_videos', 'timestp',
  'video_id', 'title', 'artist_name', 'image_url', 'track_title', 'position',
] as const;

interface Playlist {
  id: string;
  channelId: string;
  nameRng: number;
  nameVariant: number;
  coverVideoId: string;
  views: number;
  /** Daily growth of views, as a fraction. */
  growth: number;
  offsetMicros: number;
  items: number[];
  inList: Set<number>;
}

const DAY_MICROS = 86_400_000_000;
/** Expected new-video draws per record (turnover), used to spread the video pool over the feed. */
const DRAWS_PER_ROW = 0.025;

export function emptyStats(): FeedStats {
  const bad = Object.fromEntries(BAD_RECORD_KINDS.map((k) => [k, 0])) as Record<BadRecordKind, number>;
  return { rows: 0, bad, playlists: 0, channels: 0, videos: 0, firstTimestp: null, lastTimestp: null };
}

export function* feedRecords(options: FeedOptions, stats: FeedStats = emptyStats()): Generator<FeedRecord> {
  const { rows, seed, catalog, badShare } = options;
  const rng = rngFor(seed, NS.feed, 0);
  const snapshotsPerDay = options.snapshotsPerDay ?? 4;
  const start = (options.start ?? Date.UTC(2022, 4, 19, 12, 0, 0)) * 1000;
  const playlistCount = options.playlists ?? Math.min(5000, Math.max(2, Math.round(Math.sqrt(rows) / 14)));
  const channelCount = Math.max(1, Math.round(playlistCount / 3));

  const sizes: number[] = [];
  for (let k = 0; k < playlistCount; k++) sizes.push(15 + Math.floor(235 * rngFor(seed, NS.playlist, k).next() ** 2));
  const totalSlots = sizes.reduce((a, b) => a + b, 0);
  const poolSize = options.videos ?? Math.max(Math.round(rows / 50), Math.ceil(1.5 * totalSlots), 2 * Math.max(...sizes));

  const videoCache = new Map<number, Video>();
  const videoAt = (j: number): Video => {
    let v = videoCache.get(j);
    if (!v) {
      // Videos are pure functions of their index, so the cache can be dropped at any time:
      // this caps memory for very large pools without changing a byte of output.
      if (videoCache.size >= 50_000) videoCache.clear();
      v = video(catalog, j);
      videoCache.set(j, v);
    }
    return v;
  };

  let nextUnused = 0;
  let emitted = 0;
  const appeared = new Uint8Array(poolSize);
  let appearedCount = 0;
  /** A video for a playlist: new from the pool at a rate that spreads the pool over the feed, else a popular one. */
  const draw = (p: Playlist): number | null => {
    const left = poolSize - nextUnused;
    const q = left <= 0 ? 0 : Math.max(0.02, Math.min(1, left / Math.max(1, (rows - emitted) * DRAWS_PER_ROW)));
    for (let tries = 0; tries < 30; tries++) {
      if (nextUnused === 0 || rng.chance(q)) {
        if (nextUnused < poolSize) return nextUnused++;
      }
      const j = Math.floor(nextUnused * rng.next() ** 2);
      if (!p.inList.has(j)) return j;
    }
    return nextUnused < poolSize ? nextUnused++ : null;
  };

  const playlists: Playlist[] = [];
  for (let k = 0; k < playlistCount; k++) {
    const pr = rngFor(seed, NS.playlist, k);
    pr.next(); // the size draw above
    const channelRng = rngFor(seed, NS.channel, Math.floor(channelCount * pr.next() ** 1.5));
    const p: Playlist = {
      id: `PL${youtubeId(pr, 32)}`,
      channelId: `UC${youtubeId(channelRng, 22)}`,
      nameRng: pr.int(2 ** 31),
      nameVariant: 0,
      coverVideoId: '',
      views: Math.floor(10 ** (4 + 5 * pr.next())),
      growth: 0.0005 + 0.02 * pr.next() ** 2,
      offsetMicros: pr.int(90 * 60) * 1_000_000,
      items: [],
      inList: new Set(),
    };
    const size = sizes[k] ?? 15;
    for (let i = 0; i < size; i++) add(p, draw(p), p.items.length);
    p.coverVideoId = p.items.length > 0 ? videoAt(p.items[0] as number).videoId : youtubeId(pr, 11);
    playlists.push(p);
  }
  playlists.sort((a, b) => a.offsetMicros - b.offsetMicros);
  stats.playlists = playlistCount;
  stats.channels = new Set(playlists.map((p) => p.channelId)).size;

  const roundMicros = Math.floor(DAY_MICROS / snapshotsPerDay);
  let last: FeedRecord | null = null;
  for (let round = 0; emitted < rows; round++) {
    for (const p of playlists) {
      if (emitted >= rows) break;
      if (round > 0) evolve(p, snapshotsPerDay);
      let t = start + round * roundMicros + p.offsetMicros + (rng.int(360) - 180) * 1_000_000 + rng.int(1_000_000);
      const day = Math.floor((t - start) / DAY_MICROS);
      const name = playlistName(p.nameRng, p.nameVariant);
      for (let position = 0; position < p.items.length && emitted < rows; position++) {
        t += 12_000 + rng.int(28_000);
        const v = videoAt(p.items[position] as number);
        const timestp = isoMicros(t);
        const record: FeedRecord = {
          playlist_id: p.id,
          playlist_name: name,
          artwork_url: `https://i.ytimg.com/vi/${p.coverVideoId}/default.jpg`,
          channel_id: p.channelId,
          views: p.views,
          num_videos: p.items.length,
          timestp,
          video_id: v.videoId,
          title: day >= v.retitleDay ? v.retitled : v.title,
          artist_name: v.artistName,
          image_url: v.imageUrl,
          track_title: v.trackTitle,
          position,
        };
        stats.firstTimestp ??= timestp;
        stats.lastTimestp = timestp;
        if (last && rng.chance(badShare)) {
          const kind = rng.pick(BAD_RECORD_KINDS);
          const bad = spoil(rng, kind, record, last);
          if (bad) {
            stats.bad[kind]++;
            emitted++;
            yield bad;
            if (emitted >= rows) break;
            // A duplicate comes after its original; a spoiled record takes the original's place.
            if (kind !== 'exact duplicate' && kind !== 'conflicting duplicate') continue;
          }
        }
        emitted++;
        last = record;
        const j = p.items[position] as number;
        if (appeared[j] === 0) {
          appeared[j] = 1;
          appearedCount++;
          options.onNewVideo?.(j);
        }
        yield record;
      }
    }
  }
  stats.rows = emitted;
  stats.videos = appearedCount;

  function evolve(p: Playlist, perDay: number): void {
    p.views += Math.floor(p.views * (p.growth / perDay) * (0.3 + 1.4 * rng.next())) + rng.int(50);
    // Turnover: new entries come in near the top, old ones drop out near the bottom.
    if (rng.chance(0.6)) {
      const replacements = Math.floor(p.items.length * 0.07 * rng.next()) + (rng.chance(0.5) ? 1 : 0);
      for (let i = 0; i < replacements && p.items.length > 1; i++) {
        remove(p, p.items.length - 1 - Math.floor(p.items.length * rng.next() ** 2));
        add(p, draw(p), Math.floor(p.items.length * rng.next() ** 2));
      }
    }
    const swaps = rng.int(3 + Math.floor(p.items.length / 20));
    for (let i = 0; i < swaps && p.items.length > 1; i++) {
      const at = rng.int(p.items.length - 1);
      const a = p.items[at] as number;
      p.items[at] = p.items[at + 1] as number;
      p.items[at + 1] = a;
    }
    if (rng.chance(0.03)) add(p, draw(p), rng.int(p.items.length + 1));
    else if (rng.chance(0.02) && p.items.length > 10) remove(p, rng.int(p.items.length));
    if (rng.chance(0.01) && p.items.length > 0) p.coverVideoId = videoAt(p.items[0] as number).videoId;
    if (rng.chance(0.004)) p.nameVariant++;
  }
}

function add(p: Playlist, j: number | null, at: number): void {
  if (j === null || p.inList.has(j)) return;
  p.items.splice(at, 0, j);
  p.inList.add(j);
}

function remove(p: Playlist, at: number): void {
  const [j] = p.items.splice(at, 1);
  if (j !== undefined) p.inList.delete(j);
}

/** Turns a good record into a bad one, or returns a duplicate of the previous record. */
function spoil(rng: Rng, kind: BadRecordKind, record: FeedRecord, previous: FeedRecord): FeedRecord | null {
  switch (kind) {
    case 'missing video_id': {
      const copy = { ...record };
      const form = rng.int(3);
      if (form === 0) delete copy.video_id;
      else copy.video_id = form === 1 ? null : '';
      return copy;
    }
    case 'negative views':
      return { ...record, views: -1 - rng.int(Math.max(1, Number(record.views))) };
    case 'bad timestp':
      return { ...record, timestp: rng.pick(['2022-13-45T25:61:00.000000', 'not a timestamp', '', '19/05/2022 12:19', null]) };
    case 'exact duplicate':
      return { ...previous };
    case 'conflicting duplicate':
      return rng.chance(0.5)
        ? { ...previous, position: Number(previous.position) + 1 + rng.int(3) }
        : { ...previous, views: Number(previous.views) + 1 + rng.int(1000) };
  }
}

/** `2022-05-19T12:19:21.02518`: ISO without zone, microseconds with trailing zeros dropped as in the sample. */
let lastSecond = -1;
let lastBase = '';

export function isoMicros(micros: number): string {
  const second = Math.floor(micros / 1_000_000);
  // Records come ~20 ms apart: most share the formatted second of the one before.
  if (second !== lastSecond) {
    lastSecond = second;
    lastBase = new Date(second * 1000).toISOString().slice(0, 19);
  }
  const base = lastBase;
  const fraction = String(micros % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return fraction ? `${base}.${fraction}` : base;
}

const NAME_TEMPLATES: ((g: string, m: string, y: number) => string)[] = [
  (g, _m, y) => `Top 50 ${g} Songs ${y}`,
  (g, _m, y) => `Best ${g} Music ${y} ♫ Latest ${g} Hits`,
  (g, _m, y) => `${g} Hits ${y} (Top ${g} Songs Playlist)`,
  (g, m, y) => `${m} ${g} Mix ${y}`,
  (g, _m, y) => `Música ${g} ${y} 🔥 Lo Más Sonado`,
  (g, _m, y) => `As Melhores ${g} ${y} (Mais Tocadas)`,
  (g) => `Today's Top ${g} Hits`,
  (g, _m, y) => `${g} Music Videos ${y}`,
  (_g, _m, y) => `UK Top 40 Songs This Week ${y} (Top Charts Music)`,
  (g, m) => `${m} ${g} Playlist - Popular Music Videos`,
];

/** Renames bump the year or add a suffix, as channels do. */
function playlistName(nameRng: number, variant: number): string {
  const r = new Rng(nameRng);
  const template = r.pick(NAME_TEMPLATES);
  const name = template(r.pick(GENRES), r.pick(MOODS), 2022 + (variant >> 1));
  return variant % 2 === 1 ? `${name} (Updated Weekly)` : name;
}
