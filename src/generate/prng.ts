/**
 * Seeded randomness for the synthetic data. Two kinds:
 * - `Rng`: a sequential stream (mulberry32) for the feed simulation, which is inherently ordered;
 * - `hash`: a stateless mix of (seed, namespace, index), so a catalog track or a video can be
 *   recomputed from its index alone. That is what lets a million-track catalog and a feed that
 *   refers to it be generated without holding either in memory.
 */

/** 32-bit avalanche mix of three integers (murmur3 finaliser applied per part). */
export function hash(seed: number, namespace: number, index: number): number {
  let h = seed ^ 0x9e3779b9;
  h = fmix(h ^ Math.imul(namespace + 0x632be5ab, 0x85ebca6b));
  h = fmix(h ^ Math.imul(index + 0x1b873593, 0xcc9e2d51));
  return h >>> 0;
}

function fmix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** A uniform float in [0, 1) from a stateless hash. */
export function unit(seed: number, namespace: number, index: number): number {
  return hash(seed, namespace, index) / 4294967296;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [min, max]. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight; `weights` is parallel to `items`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }
}

/** A fresh stream for one entity, so its attributes do not depend on generation order. */
export function rngFor(seed: number, namespace: number, index: number): Rng {
  return new Rng(hash(seed, namespace, index));
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A YouTube-style id (base64url alphabet) of `length` characters. */
export function youtubeId(rng: Rng, length: number): string {
  let id = '';
  for (let i = 0; i < length; i++) id += ID_ALPHABET[rng.int(64)];
  return id;
}
