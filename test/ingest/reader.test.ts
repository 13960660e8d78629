import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readObservations } from '../../src/ingest/reader.js';
import type { DeadLetter } from '../../src/model/observation.js';
import type { Observation } from '../../src/record/fields.js';
import { rawRecord, writeTemp } from './fixtures.js';

async function readAll(file: string) {
  const reader = readObservations(file);
  const observations: Observation[] = [];
  const deadLetters: DeadLetter[] = [];
  for await (const batch of reader) {
    observations.push(...batch.observations);
    deadLetters.push(...batch.deadLetters);
  }
  return { observations, deadLetters, counts: reader.counts };
}

async function fileError(content: string | Buffer, name = 'bad.json'): Promise<{ file: string; message: string }> {
  const file = writeTemp(name, content);
  try {
    await readAll(file);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return { file, message: (error as Error).message };
  }
  throw new Error('expected a UserError');
}

describe('readObservations on a JSON array', () => {
  it('yields valid observations and dead letters with index, raw text and reason', async () => {
    const bad = JSON.stringify(rawRecord({ video_id: 'v2', views: -3 }), null, 2);
    const text = `[\n${JSON.stringify(rawRecord())},\n${bad},\n${JSON.stringify(rawRecord({ video_id: 'v3' }))}\n]\n`;
    const file = writeTemp('feed.json', text);
    const { observations, deadLetters, counts } = await readAll(file);
    expect(observations.map((o) => o.videoId)).toEqual(['vid1', 'v3']);
    expect(deadLetters).toEqual([
      { sourceFile: file, recordIndex: 1, rawText: bad, reason: 'views: expected a non-negative integer or null, got -3' },
    ]);
    expect(counts).toMatchObject({ format: 'array', recordsRead: 3, valid: 2, duplicates: 0, deadLetters: 1, conflicts: 0 });
  });

  it('drops exact duplicates (also when the same instant is written another way) and counts them', async () => {
    const records = [rawRecord(), rawRecord(), rawRecord({ timestp: '2022-05-19T14:31:23.242571+02:00' }), rawRecord({ video_id: 'v2' })];
    const { observations, deadLetters, counts } = await readAll(writeTemp('dup.json', JSON.stringify(records)));
    expect(observations.map((o) => o.videoId)).toEqual(['vid1', 'v2']);
    expect(deadLetters).toEqual([]);
    expect(counts).toMatchObject({ recordsRead: 4, valid: 2, duplicates: 2, deadLetters: 0 });
  });

  it('keeps the first of conflicting records and dead-letters the others, naming the first', async () => {
    const records = [rawRecord({ video_id: 'v0' }), rawRecord({ views: 1 }), rawRecord({ views: 2 }), rawRecord({ views: null })];
    const { observations, deadLetters, counts } = await readAll(writeTemp('conflict.json', JSON.stringify(records)));
    expect(observations.map((o) => [o.videoId, o.views])).toEqual([
      ['v0', 1000],
      ['vid1', 1],
    ]);
    expect(deadLetters.map((d) => [d.recordIndex, d.reason])).toEqual([
      [2, 'conflict: same playlist_id, video_id and timestp as record 1 but other values (the first one is kept)'],
      [3, 'conflict: same playlist_id, video_id and timestp as record 1 but other values (the first one is kept)'],
    ]);
    expect(deadLetters[0]?.rawText).toBe(JSON.stringify(records[2]));
    expect(counts).toMatchObject({ recordsRead: 4, valid: 2, duplicates: 0, deadLetters: 2, conflicts: 2 });
  });

  it('dead-letters elements that are not objects', async () => {
    const text = `[${JSON.stringify(rawRecord())}, 5, "x", null, [1], true]`;
    const { observations, deadLetters } = await readAll(writeTemp('mixed.json', text));
    expect(observations).toHaveLength(1);
    expect(deadLetters.map((d) => [d.recordIndex, d.rawText, d.reason])).toEqual([
      [1, '5', 'record: expected a JSON object, got a number'],
      [2, '"x"', 'record: expected a JSON object, got a string'],
      [3, 'null', 'record: expected a JSON object, got null'],
      [4, '[1]', 'record: expected a JSON object, got an array'],
      [5, 'true', 'record: expected a JSON object, got a boolean'],
    ]);
  });

  it('hashes the bytes it reads when asked (SHA-256, as ingest_runs records it), and only then', async () => {
    const text = `\ufeff${JSON.stringify(rawRecord())}\n${JSON.stringify(rawRecord({ video_id: 'other' }))}\n`;
    const file = writeTemp('hashed.ndjson', text);
    const hashed = readObservations(file, { sha256: true });
    for await (const _ of hashed) void _;
    expect(hashed.counts.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect((await readAll(file)).counts.sha256).toBe('');
  });

  it('reads an empty array as zero records, and skips a UTF-8 byte order mark', async () => {
    expect((await readAll(writeTemp('empty-array.json', ' [ ]\n'))).counts).toMatchObject({ recordsRead: 0, valid: 0 });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify([rawRecord()]))]);
    expect((await readAll(writeTemp('bom.json', withBom))).counts).toMatchObject({ recordsRead: 1, valid: 1 });
  });

  it('reads elements larger than one read chunk, with multi-byte characters intact', async () => {
    const title = `${'ab"\\,]}{['.repeat(150_000)}🎵é`;
    const text = JSON.stringify([rawRecord({ video_id: 'small' }), rawRecord({ title }), rawRecord({ video_id: 'after' })]);
    const { observations } = await readAll(writeTemp('big.json', text));
    expect(observations.map((o) => o.videoId)).toEqual(['small', 'vid1', 'after']);
    expect(observations[1]?.title).toBe(title);
  });
});

describe('readObservations on NDJSON', () => {
  it('reads one object per line; a malformed line is a dead letter with line and column; blank lines are skipped', async () => {
    const lines = [JSON.stringify(rawRecord()), '', '{"playlist_id": "PL1", oops}', '   ', '42', JSON.stringify(rawRecord({ video_id: 'v2' }))];
    const file = writeTemp('feed.ndjson', lines.join('\r\n'));
    const { observations, deadLetters, counts } = await readAll(file);
    expect(observations.map((o) => o.videoId)).toEqual(['vid1', 'v2']);
    expect(deadLetters).toEqual([
      {
        sourceFile: file,
        recordIndex: 1,
        rawText: '{"playlist_id": "PL1", oops}',
        reason: 'line 3, column 24: not valid JSON: expected a double-quoted property name',
      },
      { sourceFile: file, recordIndex: 2, rawText: '42', reason: 'record: expected a JSON object, got a number' },
    ]);
    expect(counts).toMatchObject({ format: 'ndjson', recordsRead: 4, valid: 2, deadLetters: 2 });
  });
});

describe('a file that is not an observation file is one UserError with a position', () => {
  it('empty or blank', async () => {
    for (const content of ['', ' \n\t\n']) {
      const { file, message } = await fileError(content);
      expect(message).toBe(`${file} is empty: expected a JSON array or NDJSON`);
    }
  });

  it('truncated inside an element', async () => {
    const text = `[${JSON.stringify(rawRecord())},{"playlist_id": "PL`;
    const { file, message } = await fileError(text);
    expect(message).toBe(`${file}: invalid JSON at byte ${text.length} (line 1, column ${text.length + 1}): the file ends inside a string (truncated?)`);
  });

  it('truncated after a complete element', async () => {
    const text = `[\n  ${JSON.stringify(rawRecord())},\n`;
    const { file, message } = await fileError(text);
    expect(message).toBe(`${file}: invalid JSON at byte ${text.length} (line 3, column 1): the file ends before the array is closed (truncated?)`);
  });

  it('bad syntax inside an element, with line and character column', async () => {
    const text = `[\n  ${JSON.stringify(rawRecord())},\n  {"title": "é", "views": 1,}\n]`;
    const { file, message } = await fileError(text);
    const offset = Buffer.byteLength(text.slice(0, text.indexOf(',}') + 1));
    expect(message).toBe(`${file}: invalid JSON at byte ${offset} (line 3, column 29): expected a double-quoted property name`);
  });

  it('a missing comma between elements', async () => {
    const { file, message } = await fileError('[{"a": 1} {"b": 2}]');
    expect(message).toBe(`${file}: invalid JSON at byte 10 (line 1, column 11): unexpected text after the JSON value`);
  });

  it('an empty element', async () => {
    const { file, message } = await fileError('[{"a": 1},,{"b": 2}]');
    expect(message).toBe(`${file}: invalid JSON at byte 10 (line 1, column 11): expected a value before ','`);
    const trailing = await fileError('[{"a": 1},\n]');
    expect(trailing.message).toBe(`${trailing.file}: invalid JSON at byte 11 (line 2, column 1): expected a value before ']'`);
  });

  it('not an array', async () => {
    const text = await fileError('  "just a string"');
    expect(text.message).toBe(`${text.file}: invalid JSON at byte 2 (line 1, column 3): expected '[' (a JSON array) or '{' (NDJSON), found '"'`);
    const number = await fileError('\n42');
    expect(number.message).toBe(`${number.file}: invalid JSON at byte 1 (line 2, column 1): expected '[' (a JSON array) or '{' (NDJSON), found '4'`);
  });

  it('data after the array', async () => {
    const { file, message } = await fileError('[]\n[]');
    expect(message).toBe(`${file}: invalid JSON at byte 3 (line 2, column 1): unexpected data after the end of the array`);
  });

  it('an array without a single object', async () => {
    const { file, message } = await fileError('[1, "two", null]');
    expect(message).toBe(`${file}: holds no JSON objects (3 records, none an object)`);
  });

  it('a pretty-printed object is not NDJSON', async () => {
    const { file, message } = await fileError(JSON.stringify(rawRecord(), null, 2));
    expect(message).toBe(
      `${file}: invalid JSON at byte 1 (line 1, column 2): expected a double-quoted property name, found the end of the input (NDJSON line 1)`,
    );
  });

  it('a missing file', async () => {
    await expect(readAll('/nonexistent/feed.json')).rejects.toThrow(new UserError('/nonexistent/feed.json: no such file'));
  });
});
