import { ArraySplitter, FileSyntaxError, type ElementRun } from './array-splitter.js';
import { locateJsonError } from './json-error.js';
import { parseWithRawNul } from './raw-nul.js';
import { mayHoldRoundedNumber } from './raw-numbers.js';

/** Parsed elements in file order; the original text of one is recovered only when asked for. */
export interface ParsedElements {
  values: unknown[];
  rawText(k: number): string;
  /** The text may hold a number parsing rounded (raw-numbers.ts). */
  mayBeRounded: boolean;
}

const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;
/** Without a cut point for this long, the file is not an array of objects: scan byte by byte. */
const MAX_UNCUT_BYTES = 8 << 20;

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Reads the elements of a JSON array arriving in chunks (the first chunk starts just after '[').
 *
 * Fast path: take everything up to the last `},` of a chunk and hand it to one native
 * JSON.parse as `[...]`. That parse can only succeed if the comma really separates top-level
 * elements (a cut inside a string or a nested value leaves the text unbalanced), so a success
 * needs no byte-by-byte scan at all. Measured on 1,000,000 sample records (650 MB): the JS byte
 * scanner (ArraySplitter) cost about as much CPU as JSON.parse itself; this path skips it.
 *
 * Slow path (a parse failed, no cut point, or the end of the array): ArraySplitter scans the
 * bytes exactly, which gives element boundaries and the byte offset of any syntax error.
 */
export class ArrayReader {
  /** Unparsed bytes since the last element boundary. */
  private pieces: Buffer[] = [];
  private piecesLength = 0;
  /** File offset of the first unparsed byte (an element boundary). */
  private base: number;
  /** The boundary is after a ',' (not just after '['). */
  private afterComma = false;
  /** Set once the slow path must run to the end (array closed, or elements too long to cut). */
  private exact: ArraySplitter | null = null;

  constructor(offsetAfterBracket: number) {
    this.base = offsetAfterBracket;
  }

  /** A reader for the rest of the file after `splitter` saw the array close. */
  static afterClose(splitter: ArraySplitter): ArrayReader {
    const reader = new ArrayReader(0);
    reader.exact = splitter;
    return reader;
  }

  /** A reader that continues at an element boundary `base` (just after a separating ',' if `afterComma`). */
  static resume(base: number, afterComma: boolean): ArrayReader {
    const reader = new ArrayReader(base);
    reader.afterComma = afterComma;
    return reader;
  }

  push(chunk: Buffer): ParsedElements[] {
    if (this.exact !== null) return this.exact.push(chunk).map(exactElements);
    const cut = lastCut(chunk);
    if (cut === -1) {
      this.pieces.push(chunk);
      this.piecesLength += chunk.length;
      if (this.piecesLength > MAX_UNCUT_BYTES) {
        this.exact = ArraySplitter.between(this.base, this.afterComma);
        return this.exact.push(this.takePieces()).map(exactElements);
      }
      return [];
    }
    const all = this.piecesLength === 0 ? chunk : Buffer.concat([...this.pieces, chunk]);
    const regionEnd = this.piecesLength + cut;
    const parsed = tryParse(all, regionEnd);
    if (parsed === null) return this.fallBack(all);
    const regionBase = this.base;
    const afterComma = this.afterComma;
    this.pieces = cut + 1 < chunk.length ? [all.subarray(regionEnd + 1)] : [];
    this.piecesLength = all.length - regionEnd - 1;
    this.base += regionEnd + 1;
    this.afterComma = true;
    let bounds: ElementRun | null = null;
    return [
      {
        ...parsed,
        rawText(k) {
          // Rare (dead letters only): scan the region once to find where each element starts and ends.
          bounds ??= ArraySplitter.between(regionBase, afterComma).push(Buffer.concat([all.subarray(0, regionEnd), Buffer.from(']')]))[0] ?? null;
          return bounds === null ? '' : bounds.buffer.toString('utf8', bounds.starts[k], bounds.ends[k]).trim();
        },
      },
    ];
  }

  /** Call at the end of the file: parses the last elements and checks the array is closed and nothing follows. */
  end(): ParsedElements[] {
    const splitter = this.exact ?? ArraySplitter.between(this.base, this.afterComma);
    const parsed = this.exact === null ? splitter.push(this.takePieces()).map(exactElements) : [];
    splitter.end();
    return parsed;
  }

  /** The fast parse failed: scan exactly from the last boundary, then resume the fast path after the last complete element. */
  private fallBack(all: Buffer): ParsedElements[] {
    this.takePieces();
    const scan = scanExactly(all, this.base, this.afterComma);
    if (scan.closed !== null) {
      this.exact = scan.closed;
      return scan.parsed;
    }
    this.pieces = scan.rest.length > 0 ? [scan.rest] : [];
    this.piecesLength = scan.rest.length;
    this.base = scan.base;
    this.afterComma = scan.afterComma;
    return scan.parsed;
  }

  private takePieces(): Buffer {
    const joined = this.pieces.length === 1 ? (this.pieces[0] as Buffer) : Buffer.concat(this.pieces);
    this.pieces = [];
    this.piecesLength = 0;
    return joined;
  }
}

/** What an exact scan of bytes from an element boundary found. */
export interface ExactScan {
  parsed: ParsedElements[];
  /** The array closed inside: this splitter must see the rest of the file. */
  closed: ArraySplitter | null;
  /** Otherwise: where the unscanned rest (the last, incomplete element) starts, and its bytes. */
  base: number;
  afterComma: boolean;
  rest: Buffer;
}

/** Scans `all`, which starts at element boundary `base`, byte by byte: its complete elements, and where the fast path can resume. */
export function scanExactly(all: Buffer, base: number, afterComma: boolean): ExactScan {
  const splitter = ArraySplitter.between(base, afterComma);
  const parsed = splitter.push(all).map(exactElements);
  if (splitter.closed) return { parsed, closed: splitter, base, afterComma, rest: Buffer.alloc(0) };
  const next = splitter.pendingOffset ?? base + all.length;
  return { parsed, closed: null, base: next, afterComma: splitter.sawComma, rest: all.subarray(next - base) };
}

/** Index of the last ',' in the chunk that directly follows a '}' (whitespace between allowed); -1 if none. */
export function lastCut(chunk: Buffer): number {
  for (let brace = chunk.lastIndexOf(CLOSE_BRACE); brace !== -1; brace = brace === 0 ? -1 : chunk.lastIndexOf(CLOSE_BRACE, brace - 1)) {
    let k = brace + 1;
    while (isSpace(chunk[k])) k++;
    if (chunk[k] === COMMA) return k;
  }
  return -1;
}

/** The region's elements, or null when `[region]` is not valid JSON (or holds none: `[,` must go to the exact path). */
function tryParse(all: Buffer, regionEnd: number): { values: unknown[]; mayBeRounded: boolean } | null {
  try {
    const text = all.toString('utf8', 0, regionEnd);
    const values = JSON.parse(`[${text}]`) as unknown[];
    return values.length > 0 ? { values, mayBeRounded: mayHoldRoundedNumber(text) } : null;
  } catch {
    return null;
  }
}

function exactElements(run: ElementRun): ParsedElements {
  return {
    values: parseRun(run),
    rawText: (k) => run.buffer.toString('utf8', run.starts[k], run.ends[k]).trim(),
    mayBeRounded: run.starts.length > 0 && mayHoldRoundedNumber(run.buffer.toString('utf8', run.starts[0], run.ends[run.starts.length - 1])),
  };
}

/**
 * Parses all elements of a run with one JSON.parse call (the text between them is exactly the
 * separating commas); if that fails, finds the broken element to report its byte offset.
 */
function parseRun(run: ElementRun): unknown[] {
  const { buffer, starts, ends } = run;
  const count = starts.length;
  try {
    const values = JSON.parse(`[${buffer.toString('utf8', starts[0], ends[count - 1])}]`) as unknown[];
    if (values.length === count) return values;
  } catch {
    // located below
  }
  const values: unknown[] = [];
  for (let k = 0; k < count; k++) {
    const start = starts[k] as number;
    const text = buffer.toString('utf8', start, ends[k]);
    try {
      values.push(parseWithRawNul(text));
    } catch {
      const error = locateJsonError(text);
      throw new FileSyntaxError(run.base + start + Buffer.byteLength(text.slice(0, error.position)), error.message);
    }
  }
  return values;
}

/**
 * The texts of the elements of `region` (the bytes between two element boundaries, without the
 * array's brackets), known to hold `elements` elements, `objects` of them objects; asked for dead
 * letters only. When every element is an object, every boundary is a `}` then a `,`: if the
 * region holds exactly elements - 1 of those, none lies inside a string and they are the
 * boundaries (found with native indexOf, no byte loop). Otherwise the region is scanned exactly.
 */
export function elementTexts(region: Buffer, elements: number, objects: number): (k: number) => string {
  let starts: number[] | null = null;
  let ends: number[] = [];
  let buffer = region;
  return (k) => {
    if (starts === null) {
      const cuts = objects === elements ? objectCuts(region, elements) : null;
      if (cuts !== null) {
        starts = [0, ...cuts.map((cut) => cut + 1)];
        ends = [...cuts, region.length];
      } else {
        const run = ArraySplitter.between(0, false).push(Buffer.concat([region, Buffer.from(']')]))[0];
        buffer = run?.buffer ?? region;
        starts = run?.starts ?? [];
        ends = run?.ends ?? [];
      }
    }
    const start = starts[k];
    return start === undefined ? '' : buffer.toString('utf8', start, ends[k]).trim();
  };
}

/** Offsets of the commas that follow a '}' (whitespace between allowed); null unless there are exactly elements - 1. */
function objectCuts(region: Buffer, elements: number): number[] | null {
  const cuts: number[] = [];
  for (let brace = region.indexOf(CLOSE_BRACE); brace !== -1; brace = region.indexOf(CLOSE_BRACE, brace + 1)) {
    let k = brace + 1;
    while (isSpace(region[k])) k++;
    if (region[k] !== COMMA) continue;
    if (cuts.length === elements - 1) return null;
    cuts.push(k);
  }
  return cuts.length === elements - 1 ? cuts : null;
}
