import { execFile } from 'node:child_process';
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import type { Database } from '../../src/db/schema.js';
import { shardOf } from '../../src/shard.js';
import { generate } from '../../src/generate/generate.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { naturalDatabase, rowCounts, type NaturalTables } from './natural.js';
import { ingestFile, readRecords, sample, seeded, shuffled, tempDir } from './load-support.js';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const builtCli = join(root, 'dist/src/cli.js');

describe('shardOf', () => {
  it('is FNV-1a of the playlist id, mod N, 1-based, and spreads the sample over all 4 shards', () => {
    // FNV-1a("a") = 0xe40c292c = 3826002220; 3826002220 mod 4 = 0 -> shard 1.
    expect(shardOf('a', 4)).toBe(1);
    expect(shardOf('a', 3)).toBe((3826002220 % 3) + 1);
    if (existsSync(sample)) {
      const playlists = [...new Set(readRecords(sample).map((r) => String(r['playlist_id'])))];
      expect(new Set(playlists.map((p) => shardOf(p, 4)))).toEqual(new Set([1, 2, 3, 4]));
    }
  });
});

describe.skipIf(!existsSync(sample)).each(testTargets())('4 shard loads at once on $name (skipped without ../shared/data)', (target) => {
  let whole: FreshDatabase;
  let wholeTables: NaturalTables;
  beforeAll(async () => {
    whole = await target.fresh();
    await ingestFile(whole.handle, sample);
    wholeTables = await naturalDatabase(whole.handle.db);
  });
  afterAll(() => whole?.dispose());

  it('end identical to one ingest, each loading only its playlists', async () => {
    const fresh = await target.fresh();
    // On a server each worker has its own connection pool, as separate processes would.
    const handles = target.name === 'server' ? await Promise.all([1, 2, 3, 4].map(() => connect({ kind: 'server', url: fresh.dbArg }))) : [1, 2, 3, 4].map(() => fresh.handle);
    try {
      const summaries = await Promise.all(handles.map((handle, i) => ingestFile(handle, sample, { shard: { k: i + 1, n: 4 } })));
      expect(summaries.reduce((sum, s) => sum + s.observations.inserted, 0)).toBe(5354);
      expect(summaries.reduce((sum, s) => sum + s.tables.playlists.added, 0)).toBe(10);
      // Shared keys are inserted once whoever wins.
      expect(summaries.reduce((sum, s) => sum + s.tables.media_items.added, 0)).toBe(1046);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(wholeTables);
    } finally {
      if (target.name === 'server') await Promise.all(handles.map((h) => h.close()));
      await fresh.dispose();
    }
  });
});

const serverUrl = process.env['TEST_DATABASE_URL'];
const server = testTargets().find((t) => t.name === 'server');

describe.skipIf(!serverUrl)('a generated feed of 50,000 records on the server (needs TEST_DATABASE_URL)', () => {
  const dir = tempDir('cm-tui-scale-');
  const feed = join(dir, 'feed.ndjson');
  let whole: FreshDatabase;
  let wholeTables: NaturalTables;
  let wholeCounts: Record<string, number>;

  beforeAll(async () => {
    const generated = await generate({ rows: 50_000, out: feed, seed: 7, ndjson: true });
    expect(generated.feed.rows).toBe(50_000);
    whole = await server!.fresh();
    await ingestFile(whole.handle, feed);
    wholeTables = await naturalDatabase(whole.handle.db);
    wholeCounts = await rowCounts(whole.handle.db);
  }, 300_000);
  afterAll(() => whole?.dispose());

  it('split into 5 files and ingested in shuffled order equals ingesting it whole', async () => {
    // Parts by (playlist, video, timestp) hash: a duplicate or conflicting record lands in the part
    // of the record it repeats, in file order, so "first one wins" picks the same record as whole.
    const lines: string[][] = [[], [], [], [], []];
    for await (const line of createInterface({ input: createReadStream(feed) })) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as Record<string, unknown>;
      lines[shardOf(`${String(r['playlist_id'])}\u0000${String(r['video_id'])}\u0000${String(r['timestp'])}`, 5) - 1]!.push(line);
    }
    const parts = lines.map((part, i) => {
      const path = join(dir, `part-${i}.ndjson`);
      writeFileSync(path, part.join('\n') + '\n');
      return path;
    });
    expect(lines.every((part) => part.length > 8000)).toBe(true);
    const fresh = await server!.fresh();
    try {
      for (const part of shuffled(parts, seeded(5))) await ingestFile(fresh.handle, part);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(wholeTables);
      expect(await rowCounts(fresh.handle.db)).toEqual({ ...wholeCounts, ingest_runs: 5 });
      expect(wholeCounts['playlist_observations']).toBeGreaterThan(49_000);
    } finally {
      await fresh.dispose();
    }
  });

  it.skipIf(!existsSync(builtCli))('as a JSON array through the built CLI (parse threads formatting the COPY lines) ends identical to it, dead letters too', async () => {
    const array = join(dir, 'feed.json');
    await generate({ rows: 50_000, out: array, seed: 7 });
    const fresh = await server!.fresh();
    try {
      const { stdout } = await run(process.execPath, [builtCli, 'ingest', array, '--db', fresh.dbArg], { cwd: root });
      expect(stdout).toMatch(/loaded into PostgreSQL server/);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(wholeTables);
      expect(await rowCounts(fresh.handle.db)).toEqual(wholeCounts);
      // The two files lay the records out differently (NDJSON, indented array): compare them parsed.
      const letters = async (db: Kysely<Database>) => {
        const rows = await sql<{ record_index: number; reason: string; raw_text: string }>`SELECT record_index, reason, raw_text FROM dead_letters ORDER BY record_index`.execute(db);
        return rows.rows.map((r) => ({ ...r, raw_text: JSON.parse(r.raw_text) as unknown }));
      };
      const stored = await letters(fresh.handle.db);
      expect(stored.length).toBeGreaterThan(100);
      expect(stored).toEqual(await letters(whole.handle.db));
    } finally {
      await fresh.dispose();
    }
  }, 120_000);

  // The built CLI, as the other CLI tests: tsx would transform the sources again in each of the 4.
  it.skipIf(!existsSync(builtCli))('4 cm-tui ingest --shard K/4 processes at once end identical to one ingest', async () => {
    const fresh = await server!.fresh();
    try {
      const cli = [builtCli, 'ingest', feed, '--db', fresh.dbArg];
      const outputs = await Promise.all([1, 2, 3, 4].map((k) => run(process.execPath, [...cli, '--shard', `${k}/4`], { cwd: root })));
      for (const output of outputs) expect(output.stdout).toMatch(/loaded into PostgreSQL server/);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(wholeTables);
      const counts = await rowCounts(fresh.handle.db);
      expect(counts).toEqual({ ...wholeCounts, ingest_runs: 4 });
    } finally {
      await fresh.dispose();
    }
  }, 300_000);
});
