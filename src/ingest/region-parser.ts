import { elementTexts } from './array-reader.js';
import type { RecordEncoder } from './encoded.js';
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
}

/** Element texts, given how many of the elements are objects. */
export type TextsOf = (objects: number) => (k: number) => string;

/** Validates and numbers parsed elements. */
export function encodeElements(values: unknown[], encoder: RecordEncoder, textsOf: TextsOf): RegionResult {
  const deadLetters: RegionDeadLetter[] = [];
  let objects = 0;
  encoder.begin(values.length);
  for (let k = 0; k < values.length; k++) {
    const value = values[k];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      deadLetters.push({ k, reason: `record: expected a JSON object, got ${kindOf(value)}`, rawText: '' });
      continue;
    }
    objects++;
    const result = validateRecord(value as Record<string, unknown>);
    if ('reason' in result) deadLetters.push({ k, reason: result.reason, rawText: '' });
    else encoder.add(result.observation, k);
  }
  if (deadLetters.length > 0) {
    const text = textsOf(objects);
    for (const deadLetter of deadLetters) deadLetter.rawText = text(deadLetter.k);
  }
  return { ...encoder.finish(), deadLetters, elements: values.length, objects };
}

/**
 * Parses `[elements]` (the brackets included in `bytes`) and encodes the elements; null when the
 * text is not valid JSON or holds no element, which the reader then handles byte by byte.
 */
export function parseRegion(bytes: Uint8Array, encoder: RecordEncoder): RegionResult | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let values: unknown;
  try {
    values = JSON.parse(buffer.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length === 0) return null;
  const elements = values.length;
  return encodeElements(values, encoder, (objects) => elementTexts(buffer.subarray(1, buffer.length - 1), elements, objects));
}
