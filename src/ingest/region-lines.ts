import { ObservationLines } from '../db/observation-lines.js';
import type { StringTable } from '../model/strings.js';
import type { RegionResult } from './region-parser.js';

/**
 * Formats a parsed region's observations as COPY lines in the parse thread that parsed it, for a
 * load that takes them as they are (first-load.ts): the main thread of a load is its busiest, and
 * formatting was about a fifth of its work at 1,000,000 records.
 */
export class RegionLines {
  private readonly lines = new ObservationLines(undefined);

  /** Adds `copyLines` to the result: `strings` is the table the result's numbers refer to. */
  add(result: RegionResult, strings: StringTable, suffix: string): void {
    const ends = new Int32Array(result.count);
    const bytes = this.lines.formatWithEnds({ count: result.count, ints: result.ints, floats: result.floats, strings }, '', suffix, ends);
    result.copyLines = { bytes, ends, suffix };
  }
}

/** What moves to the main thread without a copy: the typed arrays' buffers. */
export function transferList(result: RegionResult): ArrayBuffer[] {
  const buffers = [result.ints.buffer as ArrayBuffer, result.floats.buffer as ArrayBuffer];
  // The lines' buffer is their own (LineBytes never takes Buffer's shared pool).
  if (result.copyLines !== undefined) buffers.push(result.copyLines.bytes.buffer as ArrayBuffer, result.copyLines.ends.buffer as ArrayBuffer);
  return buffers;
}
