import type { EncodedObservations } from '../ingest/encoded.js';
import { dayBucketer, dayOfTimestamp, formatTimeOfDay, formatTimestamp, microOfTimestamp } from './buckets.js';
import type { Granularity, Observation } from './observation.js';
import { StringTable } from './strings.js';
import { SOURCE_YOUTUBE, type Cell, type ModelTableName } from './tables.js';

/** Rows of each model table, cells in the order of the table's `columns`; each walkable once. */
export type ModelRows = Record<ModelTableName, Iterable<Cell[]>>;

/** Surrogate ids 1, 2, ... in first-seen order, keyed by string number. */
class IdRegistry {
  private byString = new Int32Array(1024);
  /** String number of each id, in id order. */
  readonly order: number[] = [];

  idOf(stringId: number): number {
    if (stringId >= this.byString.length) {
      const grown = new Int32Array(Math.max(stringId + 1, this.byString.length * 2));
      grown.set(this.byString);
      this.byString = grown;
    }
    let id = this.byString[stringId] as number;
    if (id === 0) {
      id = this.order.push(stringId);
      this.byString[stringId] = id;
    }
    return id;
  }
}

/** How a change-log value is held as a number. */
const STRING = 0; // string number, 0 for null
const ID = 1; // entity id, 0 for null
const COUNT = 2; // non-negative integer, -1 for null

/**
 * One key's kept observations, one per bucket, sorted by bucket: `times` holds (bucket, day,
 * microsecond) triples in one packed double array, `values` the value tuples. No object per
 * bucket, and a lookup touches little memory.
 */
interface KeyState {
  keyIds: number[];
  times: number[];
  values: number[][];
  /** The values stored last for this key: equal new tuples share it. */
  latest: number[] | null;
  /** Index of the bucket looked up last: records of one snapshot hit it again and again. */
  last: number;
}

/**
 * Index of `bucket` in the sorted triples of `times`, or -(insertion point) - 1. Feeds come
 * roughly in time order, so the last few buckets are tried first, then a binary search.
 */
function findBucket(times: number[], bucket: number): number {
  let high = times.length / 3 - 1;
  for (let tries = 0; tries < 4 && high >= 0; tries++, high--) {
    const b = times[high * 3] as number;
    if (b === bucket) return high;
    if (b < bucket) return -(high + 1) - 1;
  }
  let low = 0;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const b = times[mid * 3] as number;
    if (b === bucket) return mid;
    if (b < bucket) low = mid + 1;
    else high = mid - 1;
  }
  return -low - 1;
}

/** `===` on numbers is null-safe here: null has its own number. */
function sameNumbers(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One change log at one granularity. Holds, per key and bucket, only the latest observation's
 * timestamp and values (as numbers), so memory grows with distinct (key, bucket) pairs, not with
 * records.
 */
class ChangeLogBuilder {
  /** Key states in first-seen order, the order rows come out in. */
  private states: (KeyState | null)[] = [];
  private byId: (KeyState | undefined)[] = [];
  private byPair = new Map<number, Map<number, KeyState>>();
  /** The values of the observation at hand, filled by the caller; copied only when kept. */
  readonly scratch: number[];

  constructor(
    private readonly kinds: readonly number[],
    private readonly strings: () => StringTable,
  ) {
    this.scratch = kinds.map(() => 0);
  }

  stateOf(id: number): KeyState {
    let state = this.byId[id];
    if (state === undefined) {
      state = this.newState([id]);
      this.byId[id] = state;
    }
    return state;
  }

  /** Two-id keys through nested maps: no key string built per record. */
  stateOfPair(first: number, second: number): KeyState {
    let inner = this.byPair.get(first);
    if (inner === undefined) {
      inner = new Map();
      this.byPair.set(first, inner);
    }
    let state = inner.get(second);
    if (state === undefined) {
      state = this.newState([first, second]);
      inner.set(second, state);
    }
    return state;
  }

  private newState(keyIds: number[]): KeyState {
    const state: KeyState = { keyIds, times: [], values: [], latest: null, last: -1 };
    this.states.push(state);
    return state;
  }

  /** Takes the scratch values for (state, bucket) if the observation is the latest of its bucket. */
  observe(state: KeyState, bucket: number, day: number, micro: number): void {
    const values = this.scratch;
    let at = state.last;
    const times = state.times;
    if (at < 0 || times[at * 3] !== bucket) at = findBucket(times, bucket);
    if (at >= 0) {
      state.last = at;
      const keptDay = times[at * 3 + 1] as number;
      const keptMicro = times[at * 3 + 2] as number;
      if (day < keptDay || (day === keptDay && micro < keptMicro)) return;
      // Equal timestamps: the greater value tuple wins, so the result does not depend on record order.
      if (day === keptDay && micro === keptMicro && compareCells(this.cells(values), this.cells(state.values[at] as number[])) <= 0) return;
    }
    let stored = state.latest;
    if (stored === null || !sameNumbers(stored, values)) {
      stored = values.slice();
      state.latest = stored;
    }
    if (at >= 0) {
      times[at * 3 + 1] = day;
      times[at * 3 + 2] = micro;
      state.values[at] = stored;
    } else if (-at - 1 === state.values.length) {
      times.push(bucket, day, micro);
      state.last = state.values.push(stored) - 1;
    } else {
      // An earlier bucket than the latest: a feed out of time order (the sample is shuffled over
      // days). Cheap when it is near the end, as it is unless the feed is shuffled over its whole span.
      at = -at - 1;
      times.push(0, 0, 0);
      for (let i = times.length - 1; i >= at * 3 + 3; i--) times[i] = times[i - 3] as number;
      times[at * 3] = bucket;
      times[at * 3 + 1] = day;
      times[at * 3 + 2] = micro;
      const kept = state.values;
      kept.push(stored);
      for (let i = kept.length - 1; i > at; i--) kept[i] = kept[i - 1] as number[];
      kept[at] = stored;
      state.last = at;
    }
  }

  private cells(values: number[]): Cell[] {
    return this.pushCells([], values);
  }

  private pushCells(row: Cell[], values: number[]): Cell[] {
    const strings = this.strings();
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      const kind = this.kinds[i];
      row.push(kind === STRING ? strings.text(v) : kind === ID ? (v === 0 ? null : v) : v === -1 ? null : v);
    }
    return row;
  }

  /**
   * Walks each key's buckets in time order and yields a row when the values differ (null-safe)
   * from the last emitted one. Each key's state is dropped once its rows are out, so writing the
   * rows never holds them all in memory next to the state. Can be walked once.
   */
  *rows(): Generator<Cell[]> {
    this.byId = [];
    this.byPair = new Map();
    const states = this.states;
    this.states = [];
    const dayTexts = new Map<number, string>();
    for (let i = 0; i < states.length; i++) {
      const { keyIds, times, values } = states[i] as KeyState;
      states[i] = null;
      let last: number[] | null = null;
      for (let k = 0; k < values.length; k++) {
        const kept = values[k] as number[];
        if (last !== null && sameNumbers(last, kept)) continue;
        last = kept;
        const day = times[k * 3 + 1] as number;
        let dayText = dayTexts.get(day);
        if (dayText === undefined) {
          dayText = formatTimestamp(day, 0).slice(0, 11);
          dayTexts.set(day, dayText);
        }
        const row: Cell[] = keyIds.length === 1 ? [keyIds[0] as number] : [keyIds[0] as number, keyIds[1] as number];
        row.push(dayText + formatTimeOfDay(times[k * 3 + 2] as number));
        this.pushCells(row, kept);
        yield row;
      }
    }
  }
}

/** Total order on value tuples: null < numbers < strings, numbers numerically, strings by code unit. */
export function compareCells(a: Cell[], b: Cell[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The normaliser (DESIGN.md section 3): entity tables with surrogate ids and the four change
 * logs compacted at a granularity. Feed observations with `add` (or numbered ones with
 * `addEncoded`, not both) in any batch size, then call `finish` once and walk each table's rows
 * once (the change logs are produced while walked).
 */
export class ModelBuilder {
  private strings = new StringTable();
  private readonly users = new IdRegistry();
  private readonly playlists = new IdRegistry();
  private readonly mediaItems = new IdRegistry();
  private readonly artists = new IdRegistry();
  private readonly table = (): StringTable => this.strings;
  private readonly playlistMetadata = new ChangeLogBuilder([STRING, STRING, ID, COUNT], this.table);
  private readonly playlistPlays = new ChangeLogBuilder([COUNT], this.table);
  private readonly playlistPositions = new ChangeLogBuilder([COUNT], this.table);
  private readonly mediaItemMetadata = new ChangeLogBuilder([STRING, STRING, ID, STRING], this.table);
  private readonly bucketOf: (day: number, micro: number) => number;

  constructor(readonly granularity: Granularity = 'day') {
    this.bucketOf = dayBucketer(granularity);
  }

  add(o: Observation): void {
    const s = this.strings;
    this.addNumbers(
      s.idOf(o.playlistId),
      s.idOf(o.videoId),
      s.idOfNullable(o.channelId),
      s.idOfNullable(o.artistName),
      s.idOfNullable(o.playlistName),
      s.idOfNullable(o.artworkUrl),
      s.idOfNullable(o.title),
      s.idOfNullable(o.trackTitle),
      s.idOfNullable(o.imageUrl),
      o.views ?? -1,
      o.numVideos ?? -1,
      o.position ?? -1,
      dayOfTimestamp(o.timestp),
      microOfTimestamp(o.timestp),
    );
  }

  addAll(observations: Iterable<Observation>): void {
    for (const o of observations) this.add(o);
  }

  /** Observations numbered by a reader (src/ingest/encoded.ts); every batch must share one string table. */
  addEncoded(batch: EncodedObservations): void {
    if (batch.strings !== this.strings) {
      if (this.strings.size > 0) throw new Error('ModelBuilder: observations numbered in another string table');
      this.strings = batch.strings;
    }
    const { ints, floats } = batch;
    for (let r = 0; r < batch.count; r++) {
      const i = r * 10;
      const f = r * 5;
      this.addNumbers(
        ints[i] as number,
        ints[i + 1] as number,
        ints[i + 2] as number,
        ints[i + 3] as number,
        ints[i + 4] as number,
        ints[i + 5] as number,
        ints[i + 6] as number,
        ints[i + 7] as number,
        ints[i + 8] as number,
        floats[f] as number,
        floats[f + 1] as number,
        floats[f + 2] as number,
        floats[f + 3] as number,
        floats[f + 4] as number,
      );
    }
  }

  /** One observation, strings as numbers (0: null), counts -1 for null; the field order of src/ingest/encoded.ts. */
  private addNumbers(
    playlist: number,
    video: number,
    channel: number,
    artist: number,
    playlistName: number,
    artworkUrl: number,
    title: number,
    trackTitle: number,
    imageUrl: number,
    views: number,
    numVideos: number,
    position: number,
    day: number,
    micro: number,
  ): void {
    const strings = this.strings.values;
    const playlistId = this.playlists.idOf(playlist);
    const mediaItemId = this.mediaItems.idOf(video);
    // An empty channel or artist names nobody.
    const userId = channel === 0 || strings[channel] === '' ? 0 : this.users.idOf(channel);
    const artistId = artist === 0 || strings[artist] === '' ? 0 : this.artists.idOf(artist);
    const bucket = this.bucketOf(day, micro);
    const { playlistMetadata, playlistPlays, playlistPositions, mediaItemMetadata } = this;

    let v = playlistMetadata.scratch;
    v[0] = playlistName;
    v[1] = artworkUrl;
    v[2] = userId;
    v[3] = numVideos;
    playlistMetadata.observe(playlistMetadata.stateOf(playlistId), bucket, day, micro);
    playlistPlays.scratch[0] = views;
    playlistPlays.observe(playlistPlays.stateOf(playlistId), bucket, day, micro);
    playlistPositions.scratch[0] = position;
    playlistPositions.observe(playlistPositions.stateOfPair(playlistId, mediaItemId), bucket, day, micro);
    v = mediaItemMetadata.scratch;
    v[0] = title;
    v[1] = trackTitle;
    v[2] = artistId;
    v[3] = imageUrl;
    mediaItemMetadata.observe(mediaItemMetadata.stateOf(mediaItemId), bucket, day, micro);
  }

  finish(): ModelRows {
    const strings = this.strings.values;
    const sourced = (registry: IdRegistry): Cell[][] => registry.order.map((s, i) => [i + 1, SOURCE_YOUTUBE, strings[s] as string]);
    return {
      users: sourced(this.users),
      playlists: sourced(this.playlists),
      media_items: sourced(this.mediaItems),
      artists: this.artists.order.map((s, i) => [i + 1, strings[s] as string]),
      playlist_metadata_log: this.playlistMetadata.rows(),
      playlist_plays_log: this.playlistPlays.rows(),
      playlist_positions_log: this.playlistPositions.rows(),
      media_item_metadata: this.mediaItemMetadata.rows(),
    };
  }
}
