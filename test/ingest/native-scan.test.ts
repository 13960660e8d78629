import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ObservationLines } from '../../src/record/copy-lines.js';
import { FLOATS, INT_SLOT, INTS, RecordEncoder, STRING_FIELDS } from '../../src/record/encoded.js';
import { createRegionScanner } from '../../src/ingest/native-scan.js';
import { parseRegion, type RegionResult } from '../../src/ingest/region-parser.js';
import { hasSample, SAMPLE } from '../support/sample-db.js';

const built = createRegionScanner(new RecordEncoder()) !== null;
const SUFFIX = '\t42';

/** What a path made of regions parsed in order by one thread: rows with their strings, dead letters, lines. */
function readable(results: (RegionResult | null)[]) {
  const table: (string | null)[] = [null];
  return results.map((result) => {
    if (result === null) return null;
    table.push(...result.newStrings);
    const rows = Array.from({ length: result.count }, (_, r) => [
      ...Array.from(result.ints.subarray(r * INTS, r * INTS + STRING_FIELDS), (id) => table[id]),
      result.ints[r * INTS + STRING_FIELDS],
      ...result.floats.subarray(r * FLOATS, r * FLOATS + FLOATS),
    ]);
    return {
      elements: result.elements,
      objects: result.objects,
      rows,
      deadLetters: result.deadLetters,
      lines: result.copyLines === undefined ? null : Buffer.from(result.copyLines.bytes).toString(),
      ends: result.copyLines === undefined ? null : [...result.copyLines.ends],
    };
  });
}

/** The regions through JSON.parse and validateRecord only, as without the scanner. */
function javascript(regions: Buffer[], suffix: string | null) {
  const encoder = new RecordEncoder();
  const lines = new ObservationLines(undefined, 'text');
  return readable(regions.map((region) => {
    const result = parseRegion(Buffer.from(region), encoder);
    if (result !== null && suffix !== null) {
      const ends = new Int32Array(result.count);
      result.copyLines = { bytes: lines.formatWithEnds({ ...result, strings: encoder.strings }, '', suffix, ends), ends, suffix };
    }
    return result;
  }));
}

/** The same regions through the native scanner, elements it hands back through JavaScript. */
function native(regions: Buffer[], suffix: string | null) {
  const encoder = new RecordEncoder();
  const lines = new ObservationLines(undefined, 'text');
  const scanner = createRegionScanner(encoder);
  if (scanner === null) throw new Error('not built');
  return readable(regions.map((region) =>
    scanner.scan(Buffer.from(region), suffix, (rows, ends) => lines.formatWithEnds({ ...rows, strings: encoder.strings }, '', suffix as string, ends))));
}

/** A JSON array file cut into `[...]` regions of about `size` bytes at `},`, as the parallel reader cuts it. */
function regionsOf(file: Buffer, size: number): Buffer[] {
  const regions: Buffer[] = [];
  let start = file.indexOf('[') + 1;
  for (;;) {
    const cut = file.indexOf('},', start + size);
    const end = cut === -1 ? file.lastIndexOf(']') : cut + 1;
    regions.push(Buffer.concat([Buffer.from('['), file.subarray(start, end), Buffer.from(']')]));
    if (cut === -1) return regions;
    start = cut + 2;
  }
}

const base = {
  playlist_id: 'PL1', playlist_name: 'Hits, 2022', artwork_url: null, channel_id: 'UC1', views: 10, num_videos: 2,
  timestp: '2022-05-19T10:00:00.123456', video_id: 'v1', title: 'Song', artist_name: 'A', image_url: 'https://i/1.jpg', track_title: null, position: 1,
};
const text = (fields: Record<string, unknown>) => JSON.stringify({ ...base, ...fields });

/** Elements the scanner must take or hand back so that the result is what JavaScript makes of them. */
const ELEMENTS: string[] = [
  text({}),
  text({ timestp: '2022-05-19T10:00:00' }),
  text({ timestp: '2022-05-19 10:00:00.5' }),
  text({ timestp: '2022-05-19T10:00:00.12345' }),
  text({ timestp: '2022-05-19T10:00:00,5' }),
  text({ timestp: '2022-05-19T10:00:00.1234567' }),
  text({ timestp: '2022-05-19T10:00:00Z' }),
  text({ timestp: '2022-05-19T23:30:00.000001+02:00' }),
  text({ timestp: '2022-05-19t10:00:00.123456' }),
  text({ timestp: '2024-02-29T10:00:00.000000' }),
  text({ timestp: '2023-02-29T10:00:00.000000' }),
  text({ timestp: '2022-13-01T10:00:00.000000' }),
  text({ timestp: '2022-05-19T24:00:00.000000' }),
  text({ timestp: '2022-05-19T10:00' }),
  text({ timestp: 20220519 }),
  text({ timestp: null }),
  text({ views: 0, num_videos: null, position: 999_999_999_999_999 }),
  text({ views: 2 ** 53 + 2 }),
  text({ views: 1.5 }),
  text({ views: -1 }),
  text({ views: '12' }),
  text({ views: true }),
  '{"playlist_id":"PL1","video_id":"v2","timestp":"2022-05-19T10:00:00","views":1.0,"num_videos":1e2,"position":0}',
  text({ title: 'He said "hi"', artist_name: 'back\\slash' }),
  text({ title: 'line\nbreak', track_title: 'tab\there' }),
  text({ title: '', artist_name: '' }),
  text({ playlist_id: '' }),
  text({ video_id: null }),
  text({ title: 'BAD BUNNY - CALLAÍTA (Video Oficial)', artist_name: '周杰倫', track_title: 'Café 😀' }),
  text({ extra: { nested: [1, '}'] } }),
  text({ extra: 'a field the feed added' }),
  '{"playlist_id":"PL1","video_id":"v3","timestp":"2022-05-19T10:00:00","title":"first","title":"second"}',
  '{"playlist\\u005fid":"PL1","video_id":"v4","timestp":"2022-05-19T10:00:00"}',
  '{"video_id":"v5","timestp":"2022-05-19T10:00:00"}',
  '{ "playlist_id" : "PL2" ,\r\n\t"video_id":"v6","timestp":"2022-05-19T10:00:00.000000"\n}',
  '{}',
  '42',
  '"a string"',
  'null',
  '[1, {"playlist_id": "PL1"}]',
  text({ title: 'été' }).replace('été', '\\u00e9t\\u00e9'),
  text({ position: 2_147_483_647, num_videos: 2_147_483_647, views: 999_999_999_999_999 }),
  text({ position: 2_147_483_648 }),
  text({ num_videos: 3_000_000_000 }),
  text({ views: 1 }).replace('"views":1', '"views":9007199254740993'),
  text({ views: 1 }).replace('"views":1', '"views":1e400'),
  text({ position: 1 }).replace('"position":1', '"position":1.0000000000000001'),
  text({ title: 'NUL \u0000 inside' }),
];

describe.skipIf(!built && process.env['CI'] === undefined)('the native region scanner', () => {
  it('is built wherever the tests run in CI (npm test builds it)', () => {
    expect(built).toBe(true);
  });

  it('makes of every kind of element what JSON.parse and validateRecord make of it: rows, strings, dead letters, COPY lines', () => {
    const region = Buffer.from(`[${ELEMENTS.join(',\n')}]`);
    const expected = javascript([region], SUFFIX);
    expect(native([region], SUFFIX)).toEqual(expected);
    expect(native([region], null)).toEqual(javascript([region], null));
    // The cases cover both sides: records the scanner takes and valid ones it hands back.
    const first = expected[0]!;
    expect(first.rows.length).toBeGreaterThan(15);
    expect(first.deadLetters.length).toBeGreaterThan(15);
    expect(first.lines).toContain('PL1\tv1\t2022-05-19 10:00:00.123456\tHits, 2022\t\\N\tUC1\t10\t2\tSong\tA\thttps://i/1.jpg\t\\N\t1\t42\n');
    expect(first.lines).toContain('\t2022-05-19 21:30:00.000001\t');
    expect(first.lines).toContain('\tHe said "hi"\tback\\\\slash\t');
    expect(first.lines).toContain('\tline\\nbreak\t');
    expect(first.deadLetters.map((d) => d.reason)).toContain('timestp: impossible date, got "2023-02-29T10:00:00.000000"');
  });

  it('takes only counts their column holds and strings without NUL; JavaScript refuses the others, quoting them as written', () => {
    const region = Buffer.from(`[${ELEMENTS.slice(-7).join(',')}]`);
    const [result] = native([region], SUFFIX);
    expect(result!.rows.length).toBe(1);
    expect(result!.lines).toContain('\t999999999999999\t2147483647\t');
    expect(result!.deadLetters.map((d) => d.reason)).toEqual([
      'position: 2147483648 is out of range: at most 2147483647 (the column is a 32-bit integer)',
      'num_videos: 3000000000 is out of range: at most 2147483647 (the column is a 32-bit integer)',
      'views: 9007199254740993 is out of range: at most 9007199254740991 (larger numbers lose digits)',
      'views: 1e400 is out of range: at most 9007199254740991 (larger numbers lose digits)',
      'position: expected a non-negative integer or null, got 1.0000000000000001',
      'title: contains a NUL character (U+0000), which the database cannot store, got "NUL \\u0000 inside"',
    ]);
  });

  it.skipIf(!hasSample)('reads a region of the sample feed, and the sample in regions one thread after another, as JavaScript does (skipped without ../shared/data)', () => {
    const sample = readFileSync(SAMPLE);
    for (const size of [64 << 10, 4 << 20]) {
      const regions = regionsOf(sample, size);
      const expected = javascript(regions, SUFFIX);
      expect(expected.flatMap((r) => r?.rows ?? []).length).toBe(5354 - expected.flatMap((r) => r?.deadLetters ?? []).length);
      expect(native(regions, SUFFIX)).toEqual(expected);
    }
  });

  it('gives null, as JSON.parse fails, for a region that is not a JSON array of elements', () => {
    for (const broken of ['[]', '[ ]', `[${text({})},]`, `[${text({})}}]`, `[${text({})} x]`, `[${text({}).replace('Song', 'So\u0001ng')}]`, `[${text({}).slice(0, -1)}]`, `[${text({})}, {"a": tru}]`, `[${text({})}, 007]`, `${text({})}`]) {
      expect(javascript([Buffer.from(broken)], SUFFIX)).toEqual([null]);
      expect(native([Buffer.from(broken)], SUFFIX)).toEqual([null]);
    }
  });

  it('keeps one numbering across regions after a region it gave up on', () => {
    const good = Buffer.from(`[${text({ title: 'one' })},${text({ title: 'two', timestp: '2022-05-19T10:00:00Z' })}]`);
    const bad = Buffer.from(`[${text({ title: 'three' })}, {"a": tru}]`);
    const after = Buffer.from(`[${text({ title: 'three' })},${text({ title: 'four' })}]`);
    const expected = javascript([good, bad, after], SUFFIX);
    expect(native([good, bad, after], SUFFIX)).toEqual(expected);
    expect(expected[2]!.rows.map((row) => row[INT_SLOT.title])).toEqual(['three', 'four']);
  });
});
