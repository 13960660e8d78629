import { UsageError } from './errors.js';

/** `--shard K/N`: this worker loads the playlists of shard K (1-based) out of N. */
export interface Shard {
  k: number;
  n: number;
}

/**
 * FNV-1a (32-bit) over the playlist id's UTF-16 code units. Stable across processes, Node
 * versions and machines (no seed, no Postgres-internal hash), so N independent workers agree.
 */
export function playlistHash(playlistId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < playlistId.length; i++) h = Math.imul(h ^ playlistId.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** 1..N: shard K takes the playlists whose hash mod N is K - 1. */
export function shardOf(playlistId: string, n: number): number {
  return shardOfHash(playlistHash(playlistId), n);
}

/** Whether the playlist with this playlistHash belongs to `shard`. */
export function hashInShard(hash: number, shard: Shard): boolean {
  return shardOfHash(hash, shard.n) === shard.k;
}

function shardOfHash(hash: number, n: number): number {
  return (hash % n) + 1;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = match ? Number(match[1]) : NaN;
  const n = match ? Number(match[2]) : NaN;
  if (!match || n < 1 || k < 1 || k > n || n > 1024) {
    throw new UsageError(`--shard: expected K/N with 1 <= K <= N <= 1024 (e.g. 2/4), got "${text}"`);
  }
  return { k, n };
}
