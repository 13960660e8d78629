import { F_DAY, F_MICRO, FLOAT_SLOT, FLOATS, I_PLAYLIST, I_VIDEO, INT_SLOT, INTS, type EncodedObservations } from '../record/encoded.js';
import { dayBucketer, dayOfTimestamp, microOfTimestamp } from './buckets.js';
import type { Granularity } from './observation.js';
import type { Observation } from '../record/fields.js';
import { BucketEntries, tieAt } from './flat-tables.js';
import { Pairs } from './pairs.js';
import { StringTable } from './strings.js';
import { SOURCE_YOUTUBE, type Cell, type ModelTableName } from './tables.js';

// The slots of the fields the model reads, in a numbered observation.
const I_CHANNEL = INT_SLOT.channelId;
const I_ARTIST = INT_SLOT.artistName;
const I_PLAYLIST_NAME = INT_SLOT.playlistName;
const I_ARTWORK_URL = INT_SLOT.artworkUrl;
const I_TITLE = INT_SLOT.title;
const I_TRACK_TITLE = INT_SLOT.trackTitle;
const I_IMAGE_URL = INT_SLOT.imageUrl;
const F_VIEWS = FLOAT_SLOT.views;
const F_NUM_VIDEOS = FLOAT_SLOT.numVideos;
const F_POSITION = FLOAT_SLOT.position;

/** Rows of each model table, cells in the order of the table's `columns`; each walkable once. */
export type ModelRows = Record<ModelTableName, Iterable<Cell[]>>;

/**
 * Surrogate ids keyed by string number: 1, 2, ... in first-seen order while observations come
 * in; `final` renumbers them in the order of their names at the end.
 */
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

  /**
   * Ids 1, 2, ... in code point order of the names, as the database path assigns them (ORDER BY
   * the name COLLATE "C"): whatever the order of the records, the same ids. `ofProvisional[id]`
   * is the final id of a first-seen id; `order` the string numbers in final id order.
   */
  final(strings: readonly string[]): { order: number[]; ofProvisional: Int32Array } {
    const order = [...this.order].sort((a, b) => compareCodePoints(strings[a] as string, strings[b] as string));
    const ofProvisional = new Int32Array(order.length + 1);
    for (let i = 0; i < order.length; i++) ofProvisional[this.byString[order[i] as number] as number] = i + 1;
    return { order, ofProvisional };
  }
}

/** How a change-log value is held as a number. */
const STRING = 0; // string number, 0 for null
const ID = 1; // entity id, 0 for null
const COUNT = 2; // non-negative integer, -1 for null

/**
 * One change log at one granularity, keyed by a small integer (an entity id, or a pair's index).
 * Holds, per key and bucket, only the latest observation's timestamp and values (as numbers) in
 * typed arrays (flat-tables.ts), so memory grows with distinct (key, bucket) pairs, not with
 * records, and without an object per key or bucket.
 */
class ChangeLogBuilder {
  private readonly entries: BucketEntries;
  /** The values of the observation at hand, filled by the caller. */
  readonly scratch: number[];

  constructor(
    private readonly kinds: readonly number[],
    private readonly strings: () => StringTable,
    /** The entity behind this log's ID column: ties compare its natural value, as the SQL does. */
    private readonly idNames?: IdRegistry,
  ) {
    this.scratch = kinds.map(() => 0);
    this.entries = new BucketEntries(kinds.length);
  }

  /** Takes the scratch values for (key, bucket) if the observation is the latest of its bucket. */
  observe(key: number, bucket: number, day: number, micro: number): void {
    const kept = this.entries;
    const width = kept.width;
    let entry = kept.claim(key, bucket, day, micro);
    if (entry === -1) return;
    if (entry < -1) {
      // Equal timestamps: the greater value tuple wins, so the result does not depend on record order.
      entry = tieAt(entry);
      const stored = Array.from(kept.values.subarray(entry * width, entry * width + width));
      if (compareCells(this.naturalCells(this.scratch), this.naturalCells(stored)) <= 0) return;
    }
    kept.day[entry] = day;
    kept.micro[entry] = micro;
    const values = this.scratch;
    for (let i = 0; i < width; i++) kept.values[entry * width + i] = values[i] as number;
  }

  /** The values with ids as their natural values (channel id, artist name): what ties compare. */
  private naturalCells(values: number[]): Cell[] {
    const cells = this.pushCells([], values, undefined);
    const strings = this.strings();
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      if (this.kinds[i] === ID && v !== 0) cells[i] = strings.text(this.idNames?.order[v - 1] ?? 0);
    }
    return cells;
  }

  /** The values as cells; ids through `ids` (final ids of first-seen ones) when given. */
  private pushCells(row: Cell[], values: ArrayLike<number>, ids: Int32Array | undefined): Cell[] {
    const strings = this.strings();
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      const kind = this.kinds[i];
      row.push(kind === STRING ? strings.text(v) : kind === ID ? (v === 0 ? null : ids ? (ids[v] as number) : v) : v === -1 ? null : v);
    }
    return row;
  }

  /**
   * Walks each key's buckets in time order and yields a row when the values differ (null-safe)
   * from the last emitted one. Can be walked once. `keyCells` gives a key's cells (final ids),
   * `ids` maps the first-seen ids of the ID value column to final ones.
   */
  *rows(keyCells: (key: number) => Cell[], ids?: Int32Array): Generator<Cell[]> {
    const kept = this.entries;
    const width = kept.width;
    for (const entry of kept.changes()) {
      const row = keyCells(kept.key[entry] as number);
      row.push(kept.timestampText(entry));
      yield this.pushCells(row, kept.values.subarray(entry * width, entry * width + width), ids);
    }
  }
}

/**
 * Total order on value tuples: null < numbers < strings, numbers numerically, strings by code
 * point (the byte order of their UTF-8, as the SQL's COLLATE "C" tie-break).
 */
export function compareCells(a: Cell[], b: Cell[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    if (typeof x === 'number') return x < (y as number) ? -1 : 1;
    return compareCodePoints(x, y as string);
  }
  return 0;
}

/** UTF-16 code units order like code points except that surrogates (U+D800..DFFF) must sort above U+E000..FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x += x < 0xe000 ? 0x2000 : -0x800;
      y += y < 0xe000 ? 0x2000 : -0x800;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * The normaliser (ARCHITECTURE.md, src/model): entity tables with surrogate ids and the four change
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
  private readonly playlistMetadata = new ChangeLogBuilder([STRING, STRING, ID, COUNT], this.table, this.users);
  private readonly playlistPlays = new ChangeLogBuilder([COUNT], this.table);
  private readonly playlistPositions = new ChangeLogBuilder([COUNT], this.table);
  /** The positions log's keys: (playlist, media item) pairs. */
  private readonly positionPairs = new Pairs();
  private readonly mediaItemMetadata = new ChangeLogBuilder([STRING, STRING, ID, STRING], this.table, this.artists);
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

  /** Observations numbered by a reader (src/record/encoded.ts); every batch must share one string table. */
  addEncoded(batch: EncodedObservations): void {
    if (batch.strings !== this.strings) {
      if (this.strings.size > 0) throw new Error('ModelBuilder: observations numbered in another string table');
      this.strings = batch.strings;
    }
    const { ints, floats } = batch;
    for (let r = 0; r < batch.count; r++) {
      const i = r * INTS;
      const f = r * FLOATS;
      this.addNumbers(
        ints[i + I_PLAYLIST] as number,
        ints[i + I_VIDEO] as number,
        ints[i + I_CHANNEL] as number,
        ints[i + I_ARTIST] as number,
        ints[i + I_PLAYLIST_NAME] as number,
        ints[i + I_ARTWORK_URL] as number,
        ints[i + I_TITLE] as number,
        ints[i + I_TRACK_TITLE] as number,
        ints[i + I_IMAGE_URL] as number,
        floats[f + F_VIEWS] as number,
        floats[f + F_NUM_VIDEOS] as number,
        floats[f + F_POSITION] as number,
        floats[f + F_DAY] as number,
        floats[f + F_MICRO] as number,
      );
    }
  }

  /** One observation, strings as numbers (0: null), counts -1 for null. */
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
    playlistMetadata.observe(playlistId, bucket, day, micro);
    playlistPlays.scratch[0] = views;
    playlistPlays.observe(playlistId, bucket, day, micro);
    playlistPositions.scratch[0] = position;
    playlistPositions.observe(this.positionPairs.indexOf(playlistId, mediaItemId), bucket, day, micro);
    v = mediaItemMetadata.scratch;
    v[0] = title;
    v[1] = trackTitle;
    v[2] = artistId;
    v[3] = imageUrl;
    mediaItemMetadata.observe(mediaItemId, bucket, day, micro);
  }

  finish(): ModelRows {
    const strings = this.strings.values;
    const users = this.users.final(strings);
    const playlists = this.playlists.final(strings);
    const mediaItems = this.mediaItems.final(strings);
    const artists = this.artists.final(strings);
    const sourced = (order: number[]): Cell[][] => order.map((s, i) => [i + 1, SOURCE_YOUTUBE, strings[s] as string]);
    const byPlaylist = (id: number): Cell[] => [playlists.ofProvisional[id] as number];
    const pairs = this.positionPairs;
    return {
      users: sourced(users.order),
      playlists: sourced(playlists.order),
      media_items: sourced(mediaItems.order),
      artists: artists.order.map((s, i) => [i + 1, strings[s] as string]),
      playlist_metadata_log: this.playlistMetadata.rows(byPlaylist, users.ofProvisional),
      playlist_plays_log: this.playlistPlays.rows(byPlaylist),
      playlist_positions_log: this.playlistPositions.rows((pair) => [playlists.ofProvisional[pairs.first(pair)] as number, mediaItems.ofProvisional[pairs.second(pair)] as number]),
      media_item_metadata_log: this.mediaItemMetadata.rows((id) => [mediaItems.ofProvisional[id] as number], artists.ofProvisional),
    };
  }
}
