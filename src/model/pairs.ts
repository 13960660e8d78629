import { grownTo, hashPair, placeIn } from './flat-tables.js';

/**
 * Pairs of ids numbered 0, 1, ... in first-seen order (a playlist and a video: the key of
 * playlist_positions_log, some 234,000 of them at 1,000,000 records), so a change log keyed by a
 * pair is keyed by one small integer.
 */
export class Pairs {
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private count = 0;
  /** Pair index + 1 by (first, second). */
  private slots = new Int32Array(2048);

  indexOf(first: number, second: number): number {
    let slots = this.slots;
    const mask = slots.length - 1;
    let at = hashPair(first, second) & mask;
    for (;;) {
      const found = (slots[at] as number) - 1;
      if (found < 0) break;
      if (this.firsts[found] === first && this.seconds[found] === second) return found;
      at = (at + 1) & mask;
    }
    const pair = this.count++;
    if (pair >= this.firsts.length) {
      this.firsts = grownTo(this.firsts, pair + 1);
      this.seconds = grownTo(this.seconds, pair + 1);
    }
    this.firsts[pair] = first;
    this.seconds[pair] = second;
    if (this.count * 2 > slots.length) {
      this.slots = slots = new Int32Array(slots.length * 2);
      for (let p = 0; p < this.count; p++) placeIn(slots, hashPair(this.firsts[p] as number, this.seconds[p] as number), p);
    } else slots[at] = pair + 1;
    return pair;
  }

  first(pair: number): number {
    return this.firsts[pair] as number;
  }

  second(pair: number): number {
    return this.seconds[pair] as number;
  }
}
