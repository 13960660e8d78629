import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { F_DAY, F_MICRO, FLOAT_SLOT, FLOATS, I_INDEX, INT_SLOT, INTS } from '../../src/record/encoded.js';
import { COLUMN_FIELDS, OBSERVATION_FIELDS } from '../../src/record/fields.js';

const source = readFileSync(resolve(import.meta.dirname, '../../native/region_scan.c'), 'utf8');

/** The members of the C enum whose first member is `first`. */
function enumStarting(first: string): string[] {
  const match = new RegExp(`enum \\{ (${first}[^}]*)\\}`).exec(source);
  if (match === null) throw new Error(`region_scan.c: no enum starting with ${first}`);
  return match[1]!.split(',').map((member) => member.trim()).filter((member) => member !== '');
}

/** The initialiser of the C array `name[KEYS]`, one entry per element. */
function table(name: string): string[] {
  const match = new RegExp(`\\b${name}\\[KEYS\\] = \\{([^}]*)\\}`).exec(source);
  if (match === null) throw new Error(`region_scan.c: no table ${name}[KEYS]`);
  return match[1]!.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

const upper = (feed: string) => feed.toUpperCase();
const strings = OBSERVATION_FIELDS.filter((f) => f.kind === 'string');
const counts = OBSERVATION_FIELDS.filter((f) => f.kind === 'count');

describe("native/region_scan.c's field table against OBSERVATION_FIELDS", () => {
  it('names the same keys in the same order', () => {
    expect(enumStarting('K_')).toEqual([...OBSERVATION_FIELDS.map((f) => `K_${upper(f.feed)}`), 'KEYS']);
    expect(table('KEY_NAMES')).toEqual(OBSERVATION_FIELDS.map((f) => `"${f.feed}"`));
  });

  it('lays a row out as src/record/encoded.ts does', () => {
    const ints = enumStarting('I_');
    expect(ints).toEqual([...strings.map((f) => `I_${upper(f.feed)}`), 'I_INDEX', 'INTS']);
    for (const f of strings) expect(ints.indexOf(`I_${upper(f.feed)}`), f.feed).toBe(INT_SLOT[f.name]);
    expect([ints.indexOf('I_INDEX'), ints.indexOf('INTS')]).toEqual([I_INDEX, INTS]);
    const floats = enumStarting('F_');
    expect(floats).toEqual([...counts.map((f) => `F_${upper(f.feed)}`), 'F_DAY', 'F_MICRO', 'FLOATS']);
    for (const f of counts) expect(floats.indexOf(`F_${upper(f.feed)}`), f.feed).toBe(FLOAT_SLOT[f.name]);
    expect([floats.indexOf('F_DAY'), floats.indexOf('F_MICRO'), floats.indexOf('FLOATS')]).toEqual([F_DAY, F_MICRO, FLOATS]);
  });

  it('gives each key its kind, slot, nullability and column type', () => {
    expect(table('STRING_SLOT')).toEqual(OBSERVATION_FIELDS.map((f) => (f.kind === 'string' ? `I_${upper(f.feed)}` : '-1')));
    expect(table('COUNT_SLOT')).toEqual(OBSERVATION_FIELDS.map((f) => (f.kind === 'count' ? `F_${upper(f.feed)}` : '-1')));
    expect(table('NULLABLE')).toEqual(OBSERVATION_FIELDS.map((f) => (f.nullable ? '1' : '0')));
    expect(table('INT4')).toEqual(OBSERVATION_FIELDS.map((f) => (f.kind === 'count' && f.sqlType === 'integer' ? '1' : '0')));
    // Outside its tables the scanner names one key, the timestamp: what a field is, the tables say.
    const outsideTables = source.replace(/enum \{ K_[^}]*\};/, '').replace(/LINE_KEYS\[KEYS\] = \{[^}]*\}/, '');
    const timestamps = OBSERVATION_FIELDS.filter((f) => f.kind === 'timestamp').map((f) => `K_${upper(f.feed)}`);
    expect([...new Set(outsideTables.match(/\bK_\w+/g))]).toEqual(timestamps);
  });

  it('writes COPY lines in the order of OBSERVATION_COLUMNS', () => {
    expect(table('LINE_KEYS')).toEqual(COLUMN_FIELDS.map((f) => `K_${upper(f.feed)}`));
  });
});
