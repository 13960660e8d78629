import type { Cell } from './tables.js';
import { BucketEntries, grownTo, hashPair, placeIn, tieAt } from './flat-tables.js';

/**
 * The change log of one count per pair of ids (playlist_positions_log: a video's position in a
 * playlist; some 234,000 pairs at 1,000,000 records). Same rules as the normaliser's other logs:
 * per (pair, bucket) the latest observation wins, at equal times the greater count (null, -1
 * here, below every count); rows per pair in time order, one whenever the count changes.
 */
export class PairCountLog {
  /** Pairs in first-seen order: the entries' keys. */
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private pairs = 0;
  /** Pair index + 1 by (first, second). */
  private pairSlots = new Int32Array(2048);
  private readonly entries = new BucketEntries(1);

  /** One observation: `value` -1 for null. */
  observe(first: number, second: number, bucket: number, day: number, micro: number, value: number): void {
    const pair = this.pairOf(first, second);
    const kept = this.entries;
    let entry = kept.claim(pair, bucket, day, micro);
    if (entry === -1) return;
    if (entry < -1) {
      // Equal timestamps: the greater count wins.
      entry = tieAt(entry);
      if (value <= (kept.values[entry] as number)) return;
    }
    kept.day[entry] = day;
    kept.micro[entry] = micro;
    kept.values[entry] = value;
  }

  /**
   * Rows `[first, second, timestamp text, count]` with the ids through `keys`, pairs in first-seen
   * order and each pair's buckets in time order, a row whenever the count differs from the
   * pair's row before. Can be walked once.
   */
  *rows(keys: readonly [Int32Array, Int32Array]): Generator<Cell[]> {
    const kept = this.entries;
    for (const entry of kept.changes()) {
      const pair = kept.key[entry] as number;
      const value = kept.values[entry] as number;
      yield [keys[0][this.firsts[pair] as number] as number, keys[1][this.seconds[pair] as number] as number, kept.timestampText(entry), value === -1 ? null : value];
    }
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
    }
    this.firsts[pair] = first;
    this.seconds[pair] = second;
    if (this.pairs * 2 > slots.length) {
      this.pairSlots = slots = new Int32Array(slots.length * 2);
      for (let p = 0; p < this.pairs; p++) placeIn(slots, hashPair(this.firsts[p] as number, this.seconds[p] as number), p);
    } else slots[at] = pair + 1;
    return pair;
  }
}
