import type { Cell } from './tables.js';
import { formatDate, formatTimeOfDay } from './buckets.js';
import { grownTo, hashPair, placeIn, sortGroupsBy } from './flat-tables.js';

/**
 * The change log of one count per pair of ids (playlist_positions_log: a video's position in a
 * playlist), held in typed arrays: the normaliser's ChangeLogBuilder keeps an object and three
 * arrays per key, which for a million records meant some 234,000 keys of small objects, a third
 * of the load's busiest thread in cache misses and garbage collection. Same rules: per (pair,
 * bucket) the latest observation wins, at equal times the greater count (null, -1 here, below
 * every count); rows per pair in time order, one whenever the count changes.
 */
export class PairCountLog {
  /** Pairs in first-seen order. */
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  /** Per pair: the entry it was observed in last (+1; 0 none): records of one snapshot hit it again. */
  private lastEntry = new Int32Array(1024);
  private pairs = 0;
  /** Open addressing: pair index + 1 by (first, second). */
  private pairSlots = new Int32Array(2048);

  /** Entries: one per (pair, bucket). */
  private entryPair = new Int32Array(1024);
  private entryBucket = new Int32Array(1024);
  private entryDay = new Float64Array(1024);
  private entryMicro = new Float64Array(1024);
  private entryValue = new Float64Array(1024);
  private entries = 0;
  /** Open addressing: entry index + 1 by (pair, bucket). */
  private entrySlots = new Int32Array(2048);

  /** One observation: `value` -1 for null. */
  observe(first: number, second: number, bucket: number, day: number, micro: number, value: number): void {
    const pair = this.pairOf(first, second);
    let entry = (this.lastEntry[pair] as number) - 1;
    if (entry < 0 || this.entryBucket[entry] !== bucket) entry = this.entryOf(pair, bucket);
    if (entry < 0) {
      entry = this.addEntry(pair, bucket);
    } else {
      const keptDay = this.entryDay[entry] as number;
      const keptMicro = this.entryMicro[entry] as number;
      if (day < keptDay || (day === keptDay && micro < keptMicro)) {
        this.lastEntry[pair] = entry + 1;
        return;
      }
      if (day === keptDay && micro === keptMicro && value <= (this.entryValue[entry] as number)) {
        this.lastEntry[pair] = entry + 1;
        return;
      }
    }
    this.entryDay[entry] = day;
    this.entryMicro[entry] = micro;
    this.entryValue[entry] = value;
    this.lastEntry[pair] = entry + 1;
  }

  /**
   * Rows `[first, second, timestamp text, count]` with the ids through `keys`, pairs in first-seen
   * order and each pair's buckets in time order, a row whenever the count differs from the
   * pair's row before. Can be walked once.
   */
  *rows(keys: readonly [Int32Array, Int32Array]): Generator<Cell[]> {
    const order = this.entriesByPair();
    const dayTexts = new Map<number, string>();
    let previousPair = -1;
    let last = 0;
    for (let i = 0; i < order.length; i++) {
      const entry = order[i] as number;
      const pair = this.entryPair[entry] as number;
      const value = this.entryValue[entry] as number;
      if (pair === previousPair && value === last) continue;
      previousPair = pair;
      last = value;
      const day = this.entryDay[entry] as number;
      let dayText = dayTexts.get(day);
      if (dayText === undefined) {
        dayText = formatDate(day);
        dayTexts.set(day, dayText);
      }
      yield [
        keys[0][this.firsts[pair] as number] as number,
        keys[1][this.seconds[pair] as number] as number,
        dayText + formatTimeOfDay(this.entryMicro[entry] as number),
        value === -1 ? null : value,
      ];
    }
  }

  /** Entry indexes grouped by pair in first-seen order, each group by bucket. */
  private entriesByPair(): Int32Array {
    const starts = new Int32Array(this.pairs + 1);
    for (let e = 0; e < this.entries; e++) {
      const pair = this.entryPair[e] as number;
      starts[pair + 1] = (starts[pair + 1] as number) + 1;
    }
    for (let p = 0; p < this.pairs; p++) starts[p + 1] = (starts[p + 1] as number) + (starts[p] as number);
    const next = starts.slice(0, this.pairs);
    const order = new Int32Array(this.entries);
    for (let e = 0; e < this.entries; e++) {
      const pair = this.entryPair[e] as number;
      const at = next[pair] as number;
      next[pair] = at + 1;
      order[at] = e;
    }
    sortGroupsBy(order, starts, this.entryBucket);
    return order;
  }

  private pairOf(first: number, second: number): number {
    let slots = this.pairSlots;
    const mask = slots.length - 1;
    let at = hashPair(first, second) & mask;
    for (;;) {
      const found = (slots[at] as number) - 1;
      if (found < 0) break;
      if (this.firsts[found] === first && this.seconds[found] === second) return found;
      at = (at + 1) & mask;
    }
    const pair = this.pairs++;
    if (pair >= this.firsts.length) {
      this.firsts = grownTo(this.firsts, pair + 1);
      this.seconds = grownTo(this.seconds, pair + 1);
      this.lastEntry = grownTo(this.lastEntry, pair + 1);
    }
    this.firsts[pair] = first;
    this.seconds[pair] = second;
    if (this.pairs * 2 > slots.length) {
      this.pairSlots = slots = new Int32Array(slots.length * 2);
      for (let p = 0; p < this.pairs; p++) placeIn(slots, hashPair(this.firsts[p] as number, this.seconds[p] as number), p);
    } else slots[at] = pair + 1;
    return pair;
  }

  /** The entry of (pair, bucket), or -1. */
  private entryOf(pair: number, bucket: number): number {
    const slots = this.entrySlots;
    const mask = slots.length - 1;
    for (let at = hashPair(pair, bucket) & mask; ; at = (at + 1) & mask) {
      const found = (slots[at] as number) - 1;
      if (found < 0) return -1;
      if (this.entryPair[found] === pair && this.entryBucket[found] === bucket) return found;
    }
  }

  private addEntry(pair: number, bucket: number): number {
    const entry = this.entries++;
    if (entry >= this.entryPair.length) {
      this.entryPair = grownTo(this.entryPair, entry + 1);
      this.entryBucket = grownTo(this.entryBucket, entry + 1);
      this.entryDay = grownTo(this.entryDay, entry + 1);
      this.entryMicro = grownTo(this.entryMicro, entry + 1);
      this.entryValue = grownTo(this.entryValue, entry + 1);
    }
    this.entryPair[entry] = pair;
    this.entryBucket[entry] = bucket;
    let slots = this.entrySlots;
    if (this.entries * 2 > slots.length) {
      this.entrySlots = slots = new Int32Array(slots.length * 2);
      const mask = slots.length - 1;
      for (let e = 0; e < this.entries; e++) placeIn(slots, hashPair(this.entryPair[e] as number, this.entryBucket[e] as number), e);
    } else placeIn(slots, hashPair(pair, bucket), entry);
    return entry;
  }
}
