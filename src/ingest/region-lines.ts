import { ObservationLines } from '../record/copy-lines.js';
import { RecordEncoder } from '../record/encoded.js';
import { createRegionScanner } from './native-scan.js';
import { parseRegion, type RegionResult } from './region-parser.js';

/**
 * What a parse thread (or the reader's own thread) keeps from region to region: its string
 * numbering and, for a load that takes COPY lines as they are (first-load.ts), the formatting of
 * the observations as such lines, done where they were parsed: the main thread of a load is its
 * busiest, and formatting was about a fifth of its work at 1,000,000 records.
 */
export class RegionLines {
  private readonly encoder = new RecordEncoder();
  /** COPY text format: the one first-load.ts takes lines in. */
  private readonly lines = new ObservationLines(undefined, 'text');
  private readonly scanner = createRegionScanner(this.encoder);

  /** parseRegion (through the native scanner when built), and with a suffix the result's `copyLines` too. */
  parse(bytes: Uint8Array, lineSuffix: string | null): RegionResult | null {
    if (this.scanner !== null) {
      return this.scanner.scan(bytes, lineSuffix, (rows, ends) => this.lines.formatWithEnds({ ...rows, strings: this.encoder.strings }, '', lineSuffix as string, ends));
    }
    const result = parseRegion(bytes, this.encoder);
    if (result === null || lineSuffix === null) return result;
    const ends = new Int32Array(result.count);
    const { count, ints, floats } = result;
    const formatted = this.lines.formatWithEnds({ count, ints, floats, strings: this.encoder.strings }, '', lineSuffix, ends);
    result.copyLines = { bytes: formatted, ends, suffix: lineSuffix };
    return result;
  }
}

/** What moves to the main thread without a copy: the typed arrays' buffers. */
export function transferList(result: RegionResult): ArrayBuffer[] {
  const buffers = [result.ints.buffer as ArrayBuffer, result.floats.buffer as ArrayBuffer];
  // The lines' buffer is their own (LineBytes never takes Buffer's shared pool).
  if (result.copyLines !== undefined) buffers.push(result.copyLines.bytes.buffer as ArrayBuffer, result.copyLines.ends.buffer as ArrayBuffer);
  return buffers;
}
