import { OBSERVATION_FIELDS, type Observation, type ObservationField } from '../record/fields.js';
import { exactInteger, rawMember } from './raw-numbers.js';
import { parseTimestamp } from './timestamp.js';

/** Where a record came from, for what its parsed values no longer show. */
export interface RecordSource {
  /** The record's JSON text (asked for only when a count needs it). */
  text(): string;
  /** The text may hold a number parsing rounded (raw-numbers.ts): judge every count by its text. */
  mayBeRounded: boolean;
}

/** A text short enough for a one-line reason. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The record's value, short enough for a one-line reason. */
function shown(value: unknown): string {
  return value === undefined ? 'nothing (field missing)' : clip(JSON.stringify(value));
}

/** PostgreSQL text cannot hold U+0000; written to a CSV it would break the next reader. */
function hasNul(value: string): boolean {
  return value.includes('\0');
}

function nulProblem(field: string, value: string): string {
  return `${field}: contains a NUL character (U+0000), which the database cannot store, got ${shown(value)}`;
}

function requiredString(record: Record<string, unknown>, field: string, problems: string[]): string {
  const value = record[field];
  if (typeof value === 'string' && value !== '') {
    if (!hasNul(value)) return value;
    problems.push(nulProblem(field, value));
    return '';
  }
  problems.push(`${field}: expected a non-empty string, got ${shown(value)}`);
  return '';
}

function optionalString(record: Record<string, unknown>, field: string, problems: string[]): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') {
    if (!hasNul(value)) return value;
    problems.push(nulProblem(field, value));
    return null;
  }
  problems.push(`${field}: expected a string or null, got ${shown(value)}`);
  return null;
}

/** The largest count a column holds: integer (int4), and for bigint what a number keeps exactly. */
const INT4_MAX = 2_147_483_647;
const COUNT_MAX = { integer: INT4_MAX, bigint: Number.MAX_SAFE_INTEGER };

function optionalCount(record: Record<string, unknown>, field: string, max: number, problems: string[], source: RecordSource | undefined): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number') {
    problems.push(`${field}: expected a non-negative integer or null, got ${shown(value)}`);
    return null;
  }
  const fits = Number.isSafeInteger(value) && value >= 0 && value <= max;
  // A number that looks right may still have been rounded: then, and to quote a refused one, its text decides.
  const text = source && (source.mayBeRounded || !fits) ? rawMember(source.text(), field) : undefined;
  if (text === undefined && fits) return value;
  const exact = text !== undefined ? exactInteger(text) : Number.isInteger(value) ? BigInt(value) : null;
  const written = clip(text ?? String(value));
  if (exact === null || exact < 0n) problems.push(`${field}: expected a non-negative integer or null, got ${written}`);
  else if (exact > BigInt(max)) problems.push(`${field}: ${written} is out of range: at most ${max} (${max === INT4_MAX ? 'the column is a 32-bit integer' : 'larger numbers lose digits'})`);
  else return Number(exact);
  return null;
}

function timestamp(record: Record<string, unknown>, field: string, problems: string[]): string {
  const value = record[field];
  if (typeof value !== 'string') {
    problems.push(`${field}: expected an ISO 8601 timestamp, got ${shown(value)}`);
    return '';
  }
  const parsed = parseTimestamp(value);
  if ('value' in parsed) return parsed.value;
  problems.push(`${field}: ${parsed.error}, got ${shown(value)}`);
  return '';
}

export type ValidationResult = { observation: Observation } | { reason: string };

/**
 * The feed's rules for one parsed record, and what the database can store: no NUL in a
 * string, counts within their column's type. Every broken field is named, so one look at the
 * dead letter tells the user all that is wrong with it. Fields the feed adds later are ignored.
 */
export function validateRecord(record: Record<string, unknown>, source?: RecordSource): ValidationResult {
  const problems: string[] = [];
  const observation = readFields(record, problems, source);
  return problems.length === 0 ? { observation } : { reason: problems.join('; ') };
}

const rules = { requiredString, optionalString, optionalCount, timestamp };

/**
 * Every field of OBSERVATION_FIELDS read by its kind's rule, as one object literal made from the
 * declaration (the code a hand would write): each observation is born with its final shape, where
 * a loop assigning keys one by one grows it (BENCHMARKS.md, "The record declaration").
 */
const readFields = new Function(
  'rules',
  `return function readFields(record, problems, source) {
    return { ${OBSERVATION_FIELDS.map((f) => `${f.name}: ${ruleCall(f)}`).join(', ')} };
  };`,
)(rules) as (record: Record<string, unknown>, problems: string[], source: RecordSource | undefined) => Observation;

function ruleCall(field: ObservationField): string {
  const key = JSON.stringify(field.feed);
  if (field.kind === 'count') return `rules.optionalCount(record, ${key}, ${COUNT_MAX[field.sqlType]}, problems, source)`;
  if (field.kind === 'timestamp') return `rules.timestamp(record, ${key}, problems)`;
  return `rules.${field.nullable ? 'optionalString' : 'requiredString'}(record, ${key}, problems)`;
}

/** How a dead letter names a record that is not an object. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}
