import { daysFromCivil } from '../model/buckets.js';
import { VALUE_FIELDS, type Observation } from '../record/fields.js';

export type DedupeResult = { kind: 'new' } | { kind: 'duplicate' } | { kind: 'conflict'; firstIndex: number };

/**
 * Remembers every (playlist_id, video_id, timestp) seen, with the record index that introduced it
 * and a 53-bit fingerprint of its other values, in an open-addressing table of typed arrays.
 *
 * Keys are stored exactly as five integers (playlist and video numbered in first-seen order, the
 * day, and the microsecond of the day in two halves), so two keys are never confused. String
 * values are numbered through a Map (V8 hashes strings natively, far faster than a JS loop), and
 * the fingerprint hashes those numbers: a conflict is taken for a duplicate only if two value
 * tuples collide in 53 bits.
 *
 * Why not a Map of key strings: at a million records its entries and strings made this the most
 * expensive step (about 5 s of CPU, mostly garbage collection over a growing heap). The table
 * needs 32 bytes per slot and no per-record objects; the numbering maps grow with distinct
 * playlists, videos and string values, not with records.
 */
const NEW: DedupeResult = { kind: 'new' };
/** The fields besides the key, whose values the fingerprint holds (in declaration order). */
const VALUE_NAMES = VALUE_FIELDS.map((f) => f.name);
const DUPLICATE: DedupeResult = { kind: 'duplicate' };

export class Deduplicator {
  private capacity = 1 << 16;
  private size = 0;
  /** Per slot: playlist number, video number, day, microsecond of day / 2^32 and % 2^32. */
  private keys = new Int32Array(this.capacity * 5);
  /** Record index + 1 of the first record with the key; 0 marks an empty slot. */
  private firstPlusOne = new Int32Array(this.capacity);
  private fingerprints = new Float64Array(this.capacity);
  private readonly playlists = new Map<string, number>();
  private readonly videos = new Map<string, number>();
  private readonly strings = new Map<string, number>();

  check(o: Observation, recordIndex: number): DedupeResult {
    const playlist = numberOf(this.playlists, o.playlistId);
    const video = numberOf(this.videos, o.videoId);
    const t = o.timestp;
    const day = daysFromCivil(digits(t, 0, 4), digits(t, 5, 2), digits(t, 8, 2));
    const microOfDay = ((digits(t, 11, 2) * 60 + digits(t, 14, 2)) * 60 + digits(t, 17, 2)) * 1_000_000 + digits(t, 20, 6);
    return this.checkKey(playlist, video, day, microOfDay, this.fingerprintOf(o), recordIndex);
  }

  /**
   * The same check on a key already in numbers (playlist and video numbered by the caller, each
   * string one number) and a fingerprint of the other values (a Fingerprint).
   */
  checkKey(playlist: number, video: number, day: number, microOfDay: number, fingerprint: number, recordIndex: number): DedupeResult {
    const microHigh = Math.floor(microOfDay / 0x100000000);
    const microLow = microOfDay | 0;
    const mask = this.capacity - 1;
    const keys = this.keys;
    let h = Math.imul(playlist, 0x9e3779b1) ^ Math.imul(video, 0x85ebca6b) ^ Math.imul(day, 0xc2b2ae35) ^ microLow ^ Math.imul(microHigh, 0x27d4eb2f);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 13;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const first = this.firstPlusOne[slot] as number;
      const k = slot * 5;
      if (first === 0) {
        keys[k] = playlist;
        keys[k + 1] = video;
        keys[k + 2] = day;
        keys[k + 3] = microHigh;
        keys[k + 4] = microLow;
        this.firstPlusOne[slot] = recordIndex + 1;
        this.fingerprints[slot] = fingerprint;
        if (++this.size * 2 > this.capacity) this.grow();
        return NEW;
      }
      if (keys[k] === playlist && keys[k + 1] === video && keys[k + 2] === day && keys[k + 3] === microHigh && keys[k + 4] === microLow) {
        return this.fingerprints[slot] === fingerprint ? DUPLICATE : { kind: 'conflict', firstIndex: first - 1 };
      }
    }
  }

  /** Frees the memory once the whole file has been checked. */
  clear(): void {
    this.capacity = 1 << 16;
    this.size = 0;
    this.keys = new Int32Array(this.capacity * 5);
    this.firstPlusOne = new Int32Array(this.capacity);
    this.fingerprints = new Float64Array(this.capacity);
    this.playlists.clear();
    this.videos.clear();
    this.strings.clear();
  }

  private fingerprintOf(o: Observation): number {
    const fingerprint = new Fingerprint();
    for (const name of VALUE_NAMES) {
      const value = o[name];
      if (value === null) fingerprint.addNull();
      else if (typeof value === 'string') fingerprint.addString(numberOf(this.strings, value));
      else fingerprint.addCount(value);
    }
    return fingerprint.value();
  }

  private grow(): void {
    const { keys, firstPlusOne, fingerprints } = this;
    this.capacity *= 2;
    this.keys = new Int32Array(this.capacity * 5);
    this.firstPlusOne = new Int32Array(this.capacity);
    this.fingerprints = new Float64Array(this.capacity);
    const mask = this.capacity - 1;
    for (let old = 0; old < firstPlusOne.length; old++) {
      if (firstPlusOne[old] === 0) continue;
      const k = old * 5;
      let h =
        Math.imul(keys[k] as number, 0x9e3779b1) ^ Math.imul(keys[k + 1] as number, 0x85ebca6b) ^ Math.imul(keys[k + 2] as number, 0xc2b2ae35) ^
        (keys[k + 4] as number) ^ Math.imul(keys[k + 3] as number, 0x27d4eb2f);
      h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
      h ^= h >>> 13;
      let slot = h & mask;
      while (this.firstPlusOne[slot] !== 0) slot = (slot + 1) & mask;
      this.keys.set(keys.subarray(k, k + 5), slot * 5);
      this.firstPlusOne[slot] = firstPlusOne[old] as number;
      this.fingerprints[slot] = fingerprints[old] as number;
    }
  }
}

function numberOf(numbers: Map<string, number>, text: string): number {
  let n = numbers.get(text);
  if (n === undefined) {
    n = numbers.size + 1;
    numbers.set(text, n);
  }
  return n;
}

/** The number in `count` decimal digits at `start` of a normalised timestamp. */
function digits(t: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + t.charCodeAt(i) - 48;
  return n;
}

/**
 * A 53-bit hash of a value tuple. Null, numbers and string numbers are tagged differently, so
 * null, 0, "" and "0" never mix.
 */
export class Fingerprint {
  private a = 0x811c9dc5;
  private b = 0x2545f491;

  addNull(): void {
    this.mix(1, 0);
  }

  /** A string, by its number (each distinct string one number). */
  addString(id: number): void {
    this.mix(id * 4 + 2, 0);
  }

  /** A non-negative integer. */
  addCount(value: number): void {
    this.mix((value % 0x40000000) * 4 + 3, Math.floor(value / 0x40000000));
  }

  value(): number {
    return (this.a >>> 0) * 0x200000 + ((this.b >>> 0) & 0x1fffff);
  }

  reset(): void {
    this.a = 0x811c9dc5;
    this.b = 0x2545f491;
  }

  private mix(tagged: number, high: number): void {
    this.a = Math.imul(this.a ^ tagged, 0x01000193) ^ high;
    let b = Math.imul(this.b ^ tagged, 0x5bd1e995) + high;
    b ^= b >>> 15;
    this.b = b;
  }
}
