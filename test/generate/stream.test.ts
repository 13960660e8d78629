import { createReadStream, existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import command from '../../src/commands/generate.js';
import { UsageError } from '../../src/errors.js';
import { generateDemoDataset } from '../../src/generate/demo.js';
import { generate } from '../../src/generate/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-stream-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('generate: streaming', () => {
  it('writes 200,000 records without holding the file in memory', async () => {
    const path = join(dir, 'big.ndjson');
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let reports = 0;
    const result = await generate({
      rows: 200_000,
      out: path,
      ndjson: true,
      onProgress: () => {
        reports++;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
    });
    const bytes = statSync(path).size;
    expect(result.feed.bytes).toBe(bytes);
    expect(bytes).toBeGreaterThan(90_000_000);
    // Heap growth stays a fraction of the file: chunks are written as they are made.
    expect(peak - before).toBeLessThan(bytes / 3);
    expect(reports).toBeGreaterThanOrEqual(20);
    let lines = 0;
    for await (const line of createInterface({ input: createReadStream(path) })) if (line.length > 0) lines++;
    expect(lines).toBe(200_000);
  });

  it('leaves no file behind when the folder does not exist', async () => {
    const path = join(dir, 'missing', 'feed.json');
    await expect(generate({ rows: 10, out: path })).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});

describe('generate: demo dataset and command', () => {
  it('builds the same small demo dataset every time', async () => {
    const a = await generateDemoDataset(join(dir, 'demo-a'));
    const b = await generateDemoDataset(join(dir, 'demo-b'));
    const feed = JSON.parse(readFileSync(a.feedPath, 'utf8')) as unknown[];
    expect(feed).toHaveLength(3000);
    expect(readFileSync(a.catalogPath, 'utf8').trimEnd().split('\n')).toHaveLength(801);
    expect(readFileSync(a.feedPath).equals(readFileSync(b.feedPath))).toBe(true);
    expect(readFileSync(a.catalogPath).equals(readFileSync(b.catalogPath))).toBe(true);
  });

  it('runs from flags and rejects bad usage', async () => {
    const out = join(dir, 'cli.ndjson');
    expect(await command.run(['--rows', '250', '--out', out, '--ndjson', '--seed', '4'])).toBe(0);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(250);
    await expect(command.run(['--out', out])).rejects.toThrow(new UsageError('--rows N is required'));
    await expect(command.run(['--rows', 'ten', '--out', out])).rejects.toThrow(UsageError);
    await expect(command.run(['--rows', '5', '--out', out, '--tracks', '9'])).rejects.toThrow('--tracks needs --catalog FILE.csv');
    await expect(command.run(['--rows', '5', '--out', out, '--bogus'])).rejects.toThrow(UsageError);
  });
});
