import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { FLOATS, I_INDEX, INTS, type RecordEncoder } from '../record/encoded.js';
import { mayHoldRoundedNumber } from './raw-numbers.js';
import { encodeElements, type RegionResult } from './region-parser.js';

/**
 * The compiled region scanner (native/region_scan.c, built by native/build.mjs at `npm install`
 * and `npm run build`):
 * the parse threads' fast path. It takes the plainly valid records of a region (their numbered
 * rows and COPY lines) and hands back the byte range of every other element, which is parsed and
 * validated here as before, so the rules and reasons of validation stay in validate.ts.
 * Without the build (no C compiler) or with CM_TUI_NATIVE=0, the JavaScript parser does it all.
 */
export interface NativeScan {
  elements: number;
  count: number;
  ints: Int32Array;
  floats: Float64Array;
  /** Per element left to JavaScript: its index in the region, start and end byte. */
  handed: Int32Array;
  /** With a line suffix: the records' COPY lines, and where each ends. */
  lines?: Uint8Array;
  ends?: Int32Array;
  /** Strings numbered by this scan, from the nextId it was given on. */
  newStrings: string[];
}

/** A string table of the addon's (its numbering state), freed with the value. */
type NativeTable = { readonly brand: unique symbol };

interface RegionScanAddon {
  createTable(): NativeTable;
  /** Null: not a JSON array with elements (or broken in what the scan took). */
  scan(table: NativeTable, bytes: Uint8Array, nextId: number, lineSuffix: string | null): NativeScan | null;
}

/** Formats the COPY lines of rows numbered by the scanner's encoder, setting where each ends. */
export type FormatLines = (rows: { count: number; ints: Int32Array; floats: Float64Array }, ends: Int32Array) => Uint8Array;

/** Regions scanned for one RecordEncoder: the addon's string table continues the encoder's numbering. */
export interface RegionScanner {
  /** As parseRegion, with `copyLines` when a suffix is given. */
  scan(bytes: Uint8Array, lineSuffix: string | null, formatLines: FormatLines): RegionResult | null;
}

/** A scanner numbering strings with `encoder`, or null when the addon is not built or CM_TUI_NATIVE=0. */
export function createRegionScanner(encoder: RecordEncoder): RegionScanner | null {
  const native = loadAddon();
  if (native === null) return null;
  const table = native.createTable();
  return { scan: (bytes, lineSuffix, formatLines) => scanRegion(native, table, bytes, encoder, lineSuffix, formatLines) };
}

/** Whether the parse threads run the native scanner (then one thread keeps up with the reader). */
export function nativeScanAvailable(): boolean {
  return loadAddon() !== null;
}

let addon: RegionScanAddon | null | undefined;

function loadAddon(): RegionScanAddon | null {
  if (addon === undefined) {
    addon = null;
    if (process.env['CM_TUI_NATIVE'] !== '0') {
      try {
        addon = createRequire(import.meta.url)(join(packageRoot(), 'build', 'Release', 'region_scan.node')) as RegionScanAddon;
      } catch {
        addon = null;
      }
    }
  }
  return addon;
}

/** Numbered rows of one region in element order, with their COPY lines when asked for. */
interface Rows {
  count: number;
  ints: Int32Array;
  floats: Float64Array;
  lines?: Uint8Array;
  ends?: Int32Array;
}

/**
 * A region through the scanner: its rows, plus the elements it handed back parsed and validated
 * by validateRecord, numbered by `encoder` (which adopts the scanner's strings first, so numbers
 * stay one sequence) and merged in element order. Null as parseRegion's: not valid JSON.
 */
function scanRegion(
  native: RegionScanAddon,
  table: NativeTable,
  bytes: Uint8Array,
  encoder: RecordEncoder,
  lineSuffix: string | null,
  formatLines: FormatLines,
): RegionResult | null {
  const scan = native.scan(table, bytes, encoder.strings.values.length, lineSuffix);
  if (scan === null) return null;
  // At once: the scanner has numbered them, whatever happens to this region.
  encoder.adopt(scan.newStrings);
  const { handed } = scan;
  const texts: string[] = [];
  const values: unknown[] = [];
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let h = 0; h < handed.length; h += 3) {
    const text = buffer.toString('utf8', handed[h + 1], handed[h + 2]);
    try {
      values.push(JSON.parse(text));
    } catch {
      return null;
    }
    texts.push(text);
  }
  const taken = encodeElements(values, encoder, () => (j) => texts[j] as string, false, (j) => mayHoldRoundedNumber(texts[j] as string));
  // encodeElements numbers the handed elements among themselves: back to their places in the region.
  for (const deadLetter of taken.deadLetters) deadLetter.k = handed[deadLetter.k * 3] as number;
  for (let r = 0; r < taken.count; r++) taken.ints[r * INTS + I_INDEX] = handed[(taken.ints[r * INTS + I_INDEX] as number) * 3] as number;
  let rows: Rows = scan;
  if (taken.count > 0) {
    const ends = lineSuffix === null ? undefined : new Int32Array(taken.count);
    const lines = ends === undefined ? undefined : formatLines(taken, ends);
    rows = mergeRows(scan, { ...taken, lines, ends });
  }
  const result: RegionResult = {
    count: rows.count,
    ints: rows.ints,
    floats: rows.floats,
    newStrings: taken.newStrings,
    deadLetters: taken.deadLetters,
    elements: scan.elements,
    objects: scan.count + taken.objects,
  };
  if (lineSuffix !== null && rows.lines !== undefined && rows.ends !== undefined) result.copyLines = { bytes: rows.lines, ends: rows.ends, suffix: lineSuffix };
  return result;
}

/** Two runs of rows, each in element order (I_INDEX), as one; their lines too when both have them. */
function mergeRows(a: Rows, b: Rows): Rows {
  const count = a.count + b.count;
  const ints = new Int32Array(count * INTS);
  const floats = new Float64Array(count * FLOATS);
  const withLines = a.lines !== undefined && a.ends !== undefined && b.lines !== undefined && b.ends !== undefined;
  const lines = withLines ? new Uint8Array(a.lines!.length + b.lines!.length) : undefined;
  const ends = withLines ? new Int32Array(count) : undefined;
  let ia = 0;
  let ib = 0;
  let at = 0;
  for (let r = 0; r < count; r++) {
    const fromA = ib >= b.count || (ia < a.count && (a.ints[ia * INTS + I_INDEX] as number) < (b.ints[ib * INTS + I_INDEX] as number));
    const from = fromA ? a : b;
    const s = fromA ? ia++ : ib++;
    ints.set(from.ints.subarray(s * INTS, s * INTS + INTS), r * INTS);
    floats.set(from.floats.subarray(s * FLOATS, s * FLOATS + FLOATS), r * FLOATS);
    if (lines !== undefined && ends !== undefined) {
      const start = s === 0 ? 0 : (from.ends![s - 1] as number);
      const end = from.ends![s] as number;
      lines.set(from.lines!.subarray(start, end), at);
      at += end - start;
      ends[r] = at;
    }
  }
  return { count, ints, floats, lines, ends };
}
