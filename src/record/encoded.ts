import { dayOfTimestamp, microOfTimestamp } from '../model/buckets.js';
import type { DeadLetter } from '../model/observation.js';
import { StringTable } from '../model/strings.js';
import { OBSERVATION_FIELDS, type Observation, type ObservationField } from './fields.js';

/**
 * Observations as numbers, for the parallel reader: per record INTS string numbers (0: null)
 * and FLOATS numbers (-1: null), in two typed arrays that move between threads without copying.
 * The layout follows OBSERVATION_FIELDS: its strings in order, then the record's index; its
 * counts in order, then the timestamp as two numbers. native/region_scan.c writes the same.
 */
const STRINGS = OBSERVATION_FIELDS.filter((f) => f.kind === 'string');
const COUNTS = OBSERVATION_FIELDS.filter((f) => f.kind === 'count');

type StringName = Extract<ObservationField, { kind: 'string' }>['name'];
type CountName = Extract<ObservationField, { kind: 'count' }>['name'];

/** Per string field: its index in a record's ints. */
export const INT_SLOT = Object.fromEntries(STRINGS.map((f, slot) => [f.name, slot])) as Readonly<Record<StringName, number>>;
/** Per count field: its index in a record's floats. */
export const FLOAT_SLOT = Object.fromEntries(COUNTS.map((f, slot) => [f.name, slot])) as Readonly<Record<CountName, number>>;

/** The string fields come first in a record's ints. */
export const STRING_FIELDS = STRINGS.length;
/** Where the record came from: its element index in a region, then (in a reader's batch) its record index. */
export const I_INDEX = STRING_FIELDS;
export const INTS = STRING_FIELDS + 1;
export const I_PLAYLIST = INT_SLOT.playlistId;
export const I_VIDEO = INT_SLOT.videoId;

/** Day number since 1970-01-01 and microsecond of that day, UTC: the timestamp, exactly. */
export const F_DAY = COUNTS.length;
export const F_MICRO = F_DAY + 1;
export const FLOATS = F_DAY + 2;

/** Distinct valid observations with strings numbered in `strings`. */
export interface EncodedObservations {
  count: number;
  ints: Int32Array;
  floats: Float64Array;
  strings: StringTable;
}

/** What the parallel reader yields per region: new distinct observations and the records refused. */
export interface EncodedBatch {
  observations: EncodedObservations;
  deadLetters: DeadLetter[];
  /** The observations as COPY lines ending in `suffix`, when the reader was asked for them (ParallelReadOptions.copyLineSuffix). */
  copyLines?: { bytes: Uint8Array; suffix: string };
}

/** The last values of a playlist's or video's fields, with their numbers. */
interface SeenFields {
  texts: (string | null)[];
  ids: number[];
}

/**
 * The strings besides the ids, each with its slot and its place among the last values of the
 * playlist or video it describes: mostly they repeat from one snapshot to the next.
 */
const ATTRIBUTES = STRINGS.filter((f) => f.keyPart === 0).map((f, _, all) => ({
  name: f.name as Exclude<StringName, 'playlistId' | 'videoId'>,
  slot: INT_SLOT[f.name],
  ofPlaylist: f.describes === 'playlist',
  k: all.filter((g) => g.describes === f.describes).indexOf(f),
}));
/** The most fields one playlist or video has among ATTRIBUTES. */
const SEEN = Math.max(...ATTRIBUTES.map((a) => a.k + 1));

const COUNT_SLOTS = COUNTS.map((f) => ({ name: f.name, slot: FLOAT_SLOT[f.name] }));

/** Numbers observations with a thread-local string table; reports the strings new since the last batch. */
export class RecordEncoder {
  readonly strings = new StringTable();
  private reported = 1;
  private ints = new Int32Array(0);
  private floats = new Float64Array(0);
  private count = 0;
  private readonly lastText: (string | null)[] = [null, null];
  private readonly lastId = new Int32Array(2);
  /** By playlist number: the last values of the fields that describe it (ATTRIBUTES); by video number, the same. */
  private readonly byPlaylist: (SeenFields | undefined)[] = [];
  private readonly byVideo: (SeenFields | undefined)[] = [];

  /** Strings of the records being added are Latin-1 readings of UTF-8 (region-parser.ts). */
  private latin1 = false;

  begin(capacity: number, latin1 = false): void {
    this.ints = new Int32Array(capacity * INTS);
    this.floats = new Float64Array(capacity * FLOATS);
    this.count = 0;
    // The last-value caches compare raw texts: a text and a Latin-1 reading must never meet there.
    if (latin1 !== this.latin1) {
      this.lastText.fill(null);
      this.byPlaylist.length = 0;
      this.byVideo.length = 0;
    }
    this.latin1 = latin1;
  }

  /** The table number of a record's string; a Latin-1 reading is decoded when it is new to the table. */
  private number(text: string): number {
    return this.latin1 ? this.strings.idOfDecoded(text, fromLatin1) : this.strings.idOf(text);
  }

  add(o: Observation, index: number): void {
    const i = this.count * INTS;
    const f = this.count * FLOATS;
    const ints = this.ints;
    const floats = this.floats;
    const playlist = this.idOf(0, o.playlistId);
    const video = this.idOf(1, o.videoId);
    ints[i + I_PLAYLIST] = playlist;
    ints[i + I_VIDEO] = video;
    const ofPlaylist = this.fieldsOf(this.byPlaylist, playlist);
    const ofVideo = this.fieldsOf(this.byVideo, video);
    for (const a of ATTRIBUTES) ints[i + a.slot] = this.idIn(a.ofPlaylist ? ofPlaylist : ofVideo, a.k, o[a.name]);
    ints[i + I_INDEX] = index;
    for (const c of COUNT_SLOTS) floats[f + c.slot] = o[c.name] ?? -1;
    floats[f + F_DAY] = dayOfTimestamp(o.timestp);
    floats[f + F_MICRO] = microOfTimestamp(o.timestp);
    this.count++;
  }

  /** The playlist (0) or video (1) id's number; the previous record's is compared first (snapshots repeat them). */
  private idOf(field: 0 | 1, text: string): number {
    if (text === this.lastText[field]) return this.lastId[field] as number;
    const id = this.number(text);
    this.lastText[field] = text;
    this.lastId[field] = id;
    return id;
  }

  private fieldsOf(cache: (SeenFields | undefined)[], owner: number): SeenFields {
    let fields = cache[owner];
    if (fields === undefined) {
      // Pushed, not Array.from({ length }): that makes holey arrays, slower to read.
      fields = { texts: [], ids: [] };
      for (let k = 0; k < SEEN; k++) {
        fields.texts.push(null);
        fields.ids.push(0);
      }
      cache[owner] = fields;
    }
    return fields;
  }

  /**
   * The number of a field that mostly repeats for its playlist or video: comparing with the
   * value this playlist or video had last time is cheaper than hashing the string for the table
   * (the main cost of numbering, a million records each with nine strings).
   */
  private idIn(fields: SeenFields, k: number, text: string | null): number {
    if (text === null) return 0;
    if (text === fields.texts[k]) return fields.ids[k] as number;
    const id = this.number(text);
    fields.texts[k] = text;
    fields.ids[k] = id;
    return id;
  }

  /** Strings the native scanner numbered from strings.values.length on (native-scan.ts): reported at the next finish. */
  adopt(texts: readonly string[]): void {
    this.strings.append(texts);
  }

  /** The records since begin, and the strings numbered since the last finish (their numbers follow on). */
  finish(): { count: number; ints: Int32Array; floats: Float64Array; newStrings: string[] } {
    const newStrings = this.strings.values.slice(this.reported);
    this.reported = this.strings.values.length;
    return { count: this.count, ints: this.ints, floats: this.floats, newStrings };
  }
}

const NON_ASCII = /[\u0080-\u00ff]/;

/** The text whose UTF-8 bytes `latin1` holds one per character. */
function fromLatin1(latin1: string): string {
  return NON_ASCII.test(latin1) ? Buffer.from(latin1, 'latin1').toString('utf8') : latin1;
}
