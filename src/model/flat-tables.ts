import { formatDate, formatTimeOfDay } from './buckets.js';

/**
 * The kept observations of a change log in typed arrays (builder.ts): one
 * entry per (key, bucket) with its timestamp and `width` values, found through an open-addressing
 * table. No object per key or bucket: for a million records the normaliser's objects were a
 * third of the load's busiest thread, in cache misses and garbage collection.
 */
export class BucketEntries {
  /** Per entry: its key (a small non-negative integer), bucket, kept day and microsecond, values. */
  key = new Int32Array(256);
  bucket = new Int32Array(256);
  day = new Float64Array(256);
  micro = new Float64Array(256);
  values: Float64Array;
  count = 0;
  /** Per key: its last entry + 1 (0: none yet): the records of one snapshot hit it again and again. */
  private lastOfKey = new Int32Array(256);
  /** Per key: its rank + 1 in first-seen order, the order rows come out in. */
  private rankOfKey = new Int32Array(256);
  private keys = 0;
  /** Entry index + 1 by (key, bucket). */
  private slots = new Int32Array(512);

  constructor(readonly width: number) {
    this.values = new Float64Array(256 * width);
  }

  /** The entry of (key, bucket), or -1. */
  find(key: number, bucket: number): number {
    const last = key < this.lastOfKey.length ? (this.lastOfKey[key] as number) - 1 : -1;
    if (last < 0) return -1;
    if (this.bucket[last] === bucket) return last;
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let at = hashPair(key, bucket) & mask; ; at = (at + 1) & mask) {
      const found = (slots[at] as number) - 1;
      if (found < 0) return -1;
      if (this.key[found] === key && this.bucket[found] === bucket) return found;
    }
  }

  /** A new entry for (key, bucket), which find says has none. */
  add(key: number, bucket: number): number {
    const entry = this.count++;
    if (entry >= this.key.length) {
      this.key = grownTo(this.key, entry + 1);
      this.bucket = grownTo(this.bucket, entry + 1);
      this.day = grownTo(this.day, entry + 1);
      this.micro = grownTo(this.micro, entry + 1);
      this.values = grownTo(this.values, (entry + 1) * this.width);
    }
    this.key[entry] = key;
    this.bucket[entry] = bucket;
    if (key >= this.lastOfKey.length) {
      this.lastOfKey = grownTo(this.lastOfKey, key + 1);
      this.rankOfKey = grownTo(this.rankOfKey, key + 1);
    }
    if (this.rankOfKey[key] === 0) this.rankOfKey[key] = ++this.keys;
    let slots = this.slots;
    if (this.count * 2 > slots.length) {
      this.slots = slots = new Int32Array(slots.length * 2);
      for (let e = 0; e < this.count; e++) placeIn(slots, hashPair(this.key[e] as number, this.bucket[e] as number), e);
    } else placeIn(slots, hashPair(key, bucket), entry);
    this.lastOfKey[key] = entry + 1;
    return entry;
  }

  /** Makes `entry` the one find tries first for its key. */
  touch(key: number, entry: number): void {
    this.lastOfKey[key] = entry + 1;
  }

  /**
   * Where an observation at (day, micro) goes for (key, bucket): a new entry, or the kept one when
   * it is older (the caller then stores the day, microsecond and values); -1 when the kept one is
   * later; tieAt(entry) when both have the same time, for the caller to compare the values.
   */
  claim(key: number, bucket: number, day: number, micro: number): number {
    const entry = this.find(key, bucket);
    if (entry < 0) return this.add(key, bucket);
    this.touch(key, entry);
    const keptDay = this.day[entry] as number;
    const keptMicro = this.micro[entry] as number;
    if (day < keptDay || (day === keptDay && micro < keptMicro)) return -1;
    return day === keptDay && micro === keptMicro ? tieAt(entry) : entry;
  }

  /**
   * The entries a change log writes: keys in first-seen order, each key's buckets in time order,
   * its first entry and every one whose values differ from the key's entry written before it.
   */
  *changes(): Generator<number> {
    const { width, values } = this;
    const order = this.inKeyOrder();
    let previousKey = -1;
    let last = -1;
    for (let i = 0; i < order.length; i++) {
      const entry = order[i] as number;
      const key = this.key[entry] as number;
      if (key === previousKey && sameValues(values, last * width, entry * width, width)) continue;
      previousKey = key;
      last = entry;
      yield entry;
    }
  }

  private readonly dayTexts = new Map<number, string>();

  /** The kept time of an entry as `YYYY-MM-DD HH:MM:SS.ffffff` (each day's date formatted once). */
  timestampText(entry: number): string {
    const day = this.day[entry] as number;
    let dayText = this.dayTexts.get(day);
    if (dayText === undefined) {
      dayText = formatDate(day);
      this.dayTexts.set(day, dayText);
    }
    return dayText + formatTimeOfDay(this.micro[entry] as number);
  }

  /** Entry indexes grouped by key in first-seen order, each group by bucket. */
  private inKeyOrder(): Int32Array {
    const starts = new Int32Array(this.keys + 1);
    for (let e = 0; e < this.count; e++) {
      const rank = this.rankOfKey[this.key[e] as number] as number;
      starts[rank] = (starts[rank] as number) + 1;
    }
    for (let r = 0; r < this.keys; r++) starts[r + 1] = (starts[r + 1] as number) + (starts[r] as number);
    const next = starts.slice(0, this.keys);
    const order = new Int32Array(this.count);
    for (let e = 0; e < this.count; e++) {
      const rank = (this.rankOfKey[this.key[e] as number] as number) - 1;
      const at = next[rank] as number;
      next[rank] = at + 1;
      order[at] = e;
    }
    // Buckets mostly arrive in time order (the sample is shuffled over days only): an insertion sort per key.
    for (let r = 0; r < this.keys; r++) {
      const start = starts[r] as number;
      for (let i = start + 1; i < (starts[r + 1] as number); i++) {
        const entry = order[i] as number;
        const bucket = this.bucket[entry] as number;
        let j = i - 1;
        while (j >= start && (this.bucket[order[j] as number] as number) > bucket) {
          order[j + 1] = order[j] as number;
          j--;
        }
        order[j + 1] = entry;
      }
    }
    return order;
  }
}

function sameValues(values: Float64Array, a: number, b: number, width: number): boolean {
  for (let i = 0; i < width; i++) if (values[a + i] !== values[b + i]) return false;
  return true;
}

/** claim's answer for a tie at `entry`, and back (both ways the same map). */
export function tieAt(entry: number): number {
  return -entry - 2;
}

/** A hash of two 32-bit integers for open addressing. */
export function hashPair(a: number, b: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

/** Puts index + 1 in the first free slot from h (the table's length a power of two, never full). */
export function placeIn(slots: Int32Array, h: number, index: number): void {
  const mask = slots.length - 1;
  let at = h & mask;
  while ((slots[at] as number) !== 0) at = (at + 1) & mask;
  slots[at] = index + 1;
}

/** A copy of `array` with room for at least `size` elements (doubling). */
export function grownTo<T extends Int32Array | Float64Array>(array: T, size: number): T {
  let length = Math.max(array.length, 1);
  while (length < size) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
