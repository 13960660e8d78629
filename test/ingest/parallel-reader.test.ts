import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ObservationLines } from '../../src/record/copy-lines.js';
import { UserError } from '../../src/errors.js';
import { CsvSink } from '../../src/ingest/csv-sink.js';
import { isJsonArrayFile, readEncodedObservations } from '../../src/ingest/parallel-reader.js';
import { runIngest, type IngestSink } from '../../src/ingest/pipeline.js';
import { awkwardFeed, rawRecord, tempDir, writeTemp } from './fixtures.js';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');

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
    // Hashed only for a sink that records it (the database's ingest_runs).
    expect(parallel.sha256).toBe('');
    const hashed = readEncodedObservations(file, { sha256: true });
    for await (const _ of hashed) void _;
    expect(hashed.counts.sha256).toBe(createHash('sha256').update(readFileSync(file)).digest('hex'));
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

  it('hands over COPY lines of exactly the observations it keeps when asked for them, duplicates and conflicts cut out', async () => {
    const file = writeTemp('feed.json', awkwardFeed());
    // The parse threads format COPY's text format, the one the first load copies in.
    const reader = readEncodedObservations(file, { copyLineSuffix: () => '\t7' });
    const main = new ObservationLines(undefined, 'text');
    let withLines = 0;
    let lines = 0;
    /** Records dropped (duplicates, conflicts) from batches that came with lines. */
    let droppedWithLines = 0;
    let dropped = 0;
    for await (const batch of reader) {
      const expected = main.format(batch.observations, '', '\t7') as Uint8Array;
      const droppedSoFar = reader.counts.duplicates + reader.counts.conflicts;
      const droppedHere = droppedSoFar - dropped;
      dropped = droppedSoFar;
      if (batch.copyLines === undefined) continue;
      withLines++;
      droppedWithLines += droppedHere;
      expect(batch.copyLines.suffix).toBe('\t7');
      const text = Buffer.from(batch.copyLines.bytes).toString('utf8');
      expect(text).toBe(Buffer.from(expected).toString('utf8'));
      lines += batch.observations.count;
    }
    // This feed's false cut points send most regions to the exact scan, which formats nothing;
    // the regions that parsed carry lines, with records cut out of them.
    expect(withLines).toBeGreaterThanOrEqual(2);
    expect(lines).toBeGreaterThan(1000);
    expect(droppedWithLines).toBeGreaterThan(0);
    expect(reader.counts.duplicates + reader.counts.conflicts).toBe(14);
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
