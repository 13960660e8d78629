import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { CsvSink } from '../../src/ingest/csv-sink.js';
import { isJsonArrayFile, readEncodedObservations } from '../../src/ingest/parallel-reader.js';
import { runIngest, type IngestSink } from '../../src/ingest/pipeline.js';
import { rawRecord, tempDir, writeTemp } from './fixtures.js';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');

/**
 * About 2.8 MB (several 256 KiB regions), pretty-printed like the feed, with everything that
 * takes the reader off its fast path: '},' inside strings (a cut there does not parse), elements
 * that are not objects, invalid records, exact duplicates and conflicting duplicates.
 */
function awkwardFeed(): string {
  const elements: string[] = [];
  for (let i = 0; i < 4000; i++) {
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(Math.floor(i / 60) % 24).padStart(2, '0');
    const day = String(1 + Math.floor(i / 1440)).padStart(2, '0');
    const record = rawRecord({
      playlist_id: `PL${i % 7}`,
      video_id: `vid${i % 300}`,
      timestp: `2022-05-${day}T${hour}:${minute}:00.${String(i).padStart(6, '0')}`,
      views: 1000 + Math.floor(i / 50),
      position: i % 40,
      // Every third title holds the very bytes the reader cuts at.
      title: i % 3 === 0 ? `odd },\n    { title ${i}` : `Artist - Song ${i % 300}`,
      track_title: i % 11 === 0 ? null : `Song ${i % 300}`,
      // A field the feed may add later, longer than a region and full of false cut points.
      ...(i % 1000 === 999 ? { note: '},\n{'.repeat(100_000) } : {}),
    });
    elements.push(JSON.stringify(record, null, 4));
    if (i % 500 === 0) elements.push(JSON.stringify(record, null, 4)); // exact duplicate
    if (i % 700 === 0) elements.push(JSON.stringify({ ...record, views: 1 }, null, 4)); // conflict
    if (i % 450 === 0) elements.push('42', '"text"', 'null'); // not objects
    if (i % 333 === 0) elements.push(JSON.stringify(rawRecord({ position: -1, video_id: '' }), null, 4)); // invalid
  }
  return `[\n${elements.join(',\n')}\n]\n`;
}

/** The same sink without writeEncoded: makes runIngest use the single-threaded reader. */
function plain(sink: CsvSink): IngestSink {
  return { write: (b) => sink.write(b), prepare: () => sink.prepare(), commit: () => sink.commit(), abort: () => sink.abort() };
}

function files(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

describe('the parallel reader', () => {
  it('gives the same counts and files as the single-threaded reader on an awkward feed', async () => {
    const file = writeTemp('feed.json', awkwardFeed());
    expect(await isJsonArrayFile(file)).toBe(true);
    const parallelOut = join(tempDir(), 'out');
    const plainOut = join(tempDir(), 'out');
    const parallel = await runIngest(file, { sinks: [new CsvSink(parallelOut)] });
    const single = await runIngest(file, { sinks: [plain(new CsvSink(plainOut))] });
    expect({ ...parallel, elapsedMs: 0 }).toEqual({ ...single, elapsedMs: 0 });
    expect(parallel.recordsRead).toBe(4000 + 8 + 6 + 3 * 9 + 13);
    expect(parallel.duplicates).toBe(8);
    expect(parallel.conflicts).toBe(6);
    expect(parallel.deadLetters).toBe(6 + 27 + 13);
    expect(files(parallelOut)).toEqual(files(plainOut));
    const deadLetters = readFileSync(join(parallelOut, 'dead_letters.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(deadLetters.map((d) => d.record_index)).toEqual([...deadLetters.map((d) => d.record_index)].sort((a, b) => a - b));
    expect(deadLetters.filter((d) => d.raw_text === '42')).toHaveLength(9);
  });

  it('reports broken JSON with its line and column, as the single-threaded reader does', async () => {
    const text = awkwardFeed();
    const at = text.indexOf('"views"', 900_000);
    const file = writeTemp('broken.json', `${text.slice(0, at)}"views": tru,${text.slice(at + 20)}`);
    const error = await (async () => {
      for await (const _ of readEncodedObservations(file)) void _;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const single = await runIngest(file, { sinks: [plain(new CsvSink(join(tempDir(), 'out')))] }).catch((e: unknown) => e);
    expect((error as Error).message).toBe((single as Error).message);
    expect((error as Error).message).toMatch(/: invalid JSON at byte \d+ \(line \d+, column 14\): expected a JSON value$/);
  });

  it('isJsonArrayFile is false for NDJSON, an empty file and a missing one', async () => {
    expect(await isJsonArrayFile(writeTemp('a.ndjson', `${JSON.stringify(rawRecord())}\n`))).toBe(false);
    expect(await isJsonArrayFile(writeTemp('empty.json', '  \n'))).toBe(false);
    expect(await isJsonArrayFile(join(tempDir(), 'missing.json'))).toBe(false);
  });
});

describe.skipIf(!existsSync(cli))('the built CLI with parse worker threads (skipped before npm run build)', () => {
  it('writes the same files as the single-threaded reader', async () => {
    const file = writeTemp('feed.json', awkwardFeed());
    const workersOut = join(tempDir(), 'out');
    const result = spawnSync(process.execPath, [cli, 'ingest', file, '--no-db', '--out', workersOut], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const plainOut = join(tempDir(), 'out');
    await runIngest(file, { sinks: [plain(new CsvSink(plainOut))] });
    expect(files(workersOut)).toEqual(files(plainOut));
  });
});
