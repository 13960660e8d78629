import { dayOfTimestamp, microOfTimestamp } from '../model/buckets.js';
import type { DeadLetter, Observation } from '../model/observation.js';
import { StringTable } from '../model/strings.js';

/**
 * Observations as numbers, for the parallel reader: per record INTS string numbers (0: null)
 * and FLOATS numbers (-1: null), in two typed arrays that move between threads without copying.
 */
export const I_PLAYLIST = 0;
export const I_VIDEO = 1;
export const I_CHANNEL = 2;
export const I_ARTIST = 3;
export const I_PLAYLIST_NAME = 4;
export const I_ARTWORK_URL = 5;
export const I_TITLE = 6;
export const I_TRACK_TITLE = 7;
export const I_IMAGE_URL = 8;
/** Where the record came from: its element index in a region, then (in a reader's batch) its record index. */
export const I_INDEX = 9;
export const INTS = 10;
/** The string fields, I_PLAYLIST..I_IMAGE_URL. */
export const STRING_FIELDS = 9;

export const F_VIEWS = 0;
export const F_NUM_VIDEOS = 1;
export const F_POSITION = 2;
/** Day number since 1970-01-01 and microsecond of that day, UTC: the timestamp, exactly. */
export const F_DAY = 3;
export const F_MICRO = 4;
export const FLOATS = 5;

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

/** Numbers observations with a thread-local string table; reports the strings new since the last batch. */
export class RecordEncoder {
  readonly strings = new StringTable();
  private reported = 1;
  private ints = new Int32Array(0);
  private floats = new Float64Array(0);
  private count = 0;
  private readonly lastText: (string | null)[] = [null, null];
  private readonly lastId = new Int32Array(2);
  /** By playlist number: its last channel, name and artwork; by video number: its last artist, title, track title and image. */
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
    const playlist = this.idOf(I_PLAYLIST, o.playlistId);
    const video = this.idOf(I_VIDEO, o.videoId);
    ints[i + I_PLAYLIST] = playlist;
    ints[i + I_VIDEO] = video;
    const ofPlaylist = this.fieldsOf(this.byPlaylist, playlist);
    ints[i + I_CHANNEL] = this.idIn(ofPlaylist, 0, o.channelId);
    ints[i + I_PLAYLIST_NAME] = this.idIn(ofPlaylist, 1, o.playlistName);
    ints[i + I_ARTWORK_URL] = this.idIn(ofPlaylist, 2, o.artworkUrl);
    const ofVideo = this.fieldsOf(this.byVideo, video);
    ints[i + I_ARTIST] = this.idIn(ofVideo, 0, o.artistName);
    ints[i + I_TITLE] = this.idIn(ofVideo, 1, o.title);
    ints[i + I_TRACK_TITLE] = this.idIn(ofVideo, 2, o.trackTitle);
    ints[i + I_IMAGE_URL] = this.idIn(ofVideo, 3, o.imageUrl);
    ints[i + I_INDEX] = index;
    floats[f + F_VIEWS] = o.views ?? -1;
    floats[f + F_NUM_VIDEOS] = o.numVideos ?? -1;
    floats[f + F_POSITION] = o.position ?? -1;
    floats[f + F_DAY] = dayOfTimestamp(o.timestp);
    floats[f + F_MICRO] = microOfTimestamp(o.timestp);
    this.count++;
  }

  /** The playlist or video id's number; the previous record's is compared first (snapshots repeat them). */
  private idOf(field: number, text: string): number {
    if (text === this.lastText[field]) return this.lastId[field] as number;
    const id = this.number(text);
    this.lastText[field] = text;
    this.lastId[field] = id;
    return id;
  }

  private fieldsOf(cache: (SeenFields | undefined)[], owner: number): SeenFields {
    let fields = cache[owner];
    if (fields === undefined) {
      fields = { texts: [null, null, null, null], ids: [0, 0, 0, 0] };
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
