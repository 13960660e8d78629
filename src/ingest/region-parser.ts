import { isAscii } from 'node:buffer';
import { elementTexts } from './array-reader.js';
import type { RecordEncoder } from '../record/encoded.js';
import { mayHoldRoundedNumber } from './raw-numbers.js';
import { kindOf, validateRecord } from './validate.js';

/** A refused element: its index in the region, why, and its text. */
export interface RegionDeadLetter {
  k: number;
  reason: string;
  rawText: string;
}

/** One region's elements, validated and numbered (valid records only; I_INDEX is the element index). */
export interface RegionResult {
  count: number;
  ints: Int32Array;
  floats: Float64Array;
  newStrings: string[];
  deadLetters: RegionDeadLetter[];
  /** Elements in the region. */
  elements: number;
  /** Elements that were JSON objects. */
  objects: number;
  /** The valid records as COPY lines ending in `suffix` (region-lines.ts); ends[r]: where record r's line ends. */
  copyLines?: { bytes: Uint8Array; ends: Int32Array; suffix: string };
}

/** A region for a parse thread: `[elements]`, and the COPY line suffix when lines are wanted. */
export interface RegionRequest {
  bytes: Uint8Array;
  lineSuffix: string | null;
}

/** Element texts, given how many of the elements are objects. */
export type TextsOf = (objects: number) => (k: number) => string;

/**
 * Validates and numbers parsed elements. `latin1`: the elements were parsed from the region's
 * bytes read as Latin-1 (see parseRegion): the encoder decodes each new string, and a refused
 * record's reason is made again from its UTF-8 text, so both read as the user wrote them.
 */
export function encodeElements(values: unknown[], encoder: RecordEncoder, textsOf: TextsOf, latin1 = false, mayBeRounded: (k: number) => boolean = () => false): RegionResult {
  const deadLetters: RegionDeadLetter[] = [];
  /** Refused objects whose reason may quote a Latin-1 reading. */
  const invalidObjects: RegionDeadLetter[] = [];
  const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
  let objects = 0;
  for (const value of values) if (isObject(value)) objects++;
  let texts: ((k: number) => string) | null = null;
  const textOf = (k: number) => (texts ??= textsOf(objects))(k);
  encoder.begin(values.length, latin1);
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    if (!isObject(value)) {
      deadLetters.push({ k, reason: `record: expected a JSON object, got ${kindOf(value)}`, rawText: '' });
      continue;
    }
    const result = validateRecord(value as Record<string, unknown>, { text: () => textOf(k), mayBeRounded: mayBeRounded(k) });
    if ('reason' in result) {
      const deadLetter = { k, reason: result.reason, rawText: '' };
      deadLetters.push(deadLetter);
      if (latin1) invalidObjects.push(deadLetter);
    } else encoder.add(result.observation, k);
  }
  if (deadLetters.length > 0) {
    for (const deadLetter of deadLetters) deadLetter.rawText = textOf(deadLetter.k);
    for (const deadLetter of invalidObjects) deadLetter.reason = reasonOf(deadLetter.rawText, deadLetter.reason);
  }
  return { ...encoder.finish(), deadLetters, elements: values.length, objects };
}

/** The validation reason of a record's UTF-8 text (the Latin-1 reading would quote mangled values). */
function reasonOf(rawText: string, fallback: string): string {
  try {
    const result = validateRecord(JSON.parse(rawText) as Record<string, unknown>, { text: () => rawText, mayBeRounded: mayHoldRoundedNumber(rawText) });
    return 'reason' in result ? result.reason : fallback;
  } catch {
    return fallback;
  }
}

const BACKSLASH_U = Buffer.from('\\u');
const CUT = Buffer.from('},');
/** Pieces of a region's text stay under V8's 128 KiB limit for ordinary heap objects. */
const PIECE_BYTES = 96 << 10;

/**
 * `[elements]` parsed as several arrays of up to about PIECE_BYTES, cut after a `}` followed by
 * `,`, and joined; null if a piece is not valid JSON (a cut inside a string: the text before
 * it then ends inside that string) so the caller parses the whole text. A string over 128 KiB
 * goes to V8's large-object space: measured in a parse thread, decoding and parsing 256 KiB
 * regions took 285 ms per 160 MB against 207 ms in 128 KiB ones. The cut commas are turned into
 * `]` and `[` while the pieces are decoded, and put back.
 */
export function parseInPieces(buffer: Buffer, encoding: 'latin1' | 'utf8'): ParsedText | null {
  if (buffer.length <= PIECE_BYTES + (PIECE_BYTES >> 1)) return null;
  const cuts: number[] = [];
  const pieces: string[] = [];
  let start = 0;
  for (;;) {
    const at = buffer.indexOf(CUT, start + PIECE_BYTES);
    if (at === -1 || buffer.length - at < PIECE_BYTES >> 1) break;
    const comma = at + 1;
    cuts.push(comma);
    buffer[comma] = 0x5d; // ]
    pieces.push(buffer.toString(encoding, start, comma + 1));
    buffer[comma] = 0x5b; // [
    start = comma;
  }
  pieces.push(buffer.toString(encoding, start, buffer.length));
  for (const comma of cuts) buffer[comma] = 0x2c;
  const values: unknown[] = [];
  let mayBeRounded = false;
  try {
    for (const piece of pieces) {
      for (const value of JSON.parse(piece) as unknown[]) values.push(value);
      mayBeRounded ||= mayHoldRoundedNumber(piece);
    }
  } catch {
    return null;
  }
  return { values, mayBeRounded };
}

/** A region's parsed elements, and whether its text may hold a number parsing rounded. */
interface ParsedText {
  values: unknown[];
  mayBeRounded: boolean;
}

function parseWhole(buffer: Buffer, encoding: 'latin1' | 'utf8'): ParsedText {
  const text = buffer.toString(encoding);
  return { values: JSON.parse(text) as unknown[], mayBeRounded: mayHoldRoundedNumber(text) };
}

/**
 * Parses `[elements]` (the brackets included in `bytes`) and encodes the elements; null when the
 * text is not valid JSON or holds no element, which the reader then handles byte by byte.
 *
 * Non-ASCII text without \u escapes is read as Latin-1: every byte one character, so the bytes of
 * a UTF-8 sequence (all 0x80 and above) can never pass for a quote, backslash or bracket, the JSON
 * parses to the same structure, and only the strings with such characters need decoding, once
 * each (the encoder does it). Measured on the generated feed: decoding and parsing take about
 * 40 % less time than from UTF-8, whose one non-ASCII character makes the whole text two bytes a
 * character. With a \u escape an escaped character could not be told from a raw byte: UTF-8.
 */
export function parseRegion(bytes: Uint8Array, encoder: RecordEncoder): RegionResult | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = !isAscii(buffer) && buffer.indexOf(BACKSLASH_U) === -1;
  const encoding = latin1 ? 'latin1' : 'utf8';
  let parsed: ParsedText;
  try {
    parsed = parseInPieces(buffer, encoding) ?? parseWhole(buffer, encoding);
  } catch {
    return null;
  }
  const { values, mayBeRounded } = parsed;
  if (!Array.isArray(values) || values.length === 0) return null;
  const elements = values.length;
  return encodeElements(values, encoder, (objects) => elementTexts(buffer.subarray(1, buffer.length - 1), elements, objects), latin1, () => mayBeRounded);
}
