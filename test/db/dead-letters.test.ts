import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { ingestFile, tempDir, writeParts } from './load-support.js';

const record = {
  playlist_id: 'PL1', playlist_name: 'Hits', artwork_url: null, channel_id: 'UC1', views: 100, num_videos: 2,
  timestp: '2022-05-19T12:00:00', video_id: 'v1', title: 'A - B', artist_name: 'A', image_url: null, track_title: 'B', position: 1,
};

async function deadLetters(fresh: FreshDatabase) {
  const rows = await sql<{ ingest_run_id: number; record_index: number | null; reason: string }>`
    SELECT ingest_run_id, record_index, reason FROM dead_letters ORDER BY id`.execute(fresh.handle.db);
  return rows.rows;
}

describe.each(testTargets())('dead letters stored once on $name', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
  });
  afterAll(() => fresh?.dispose());

  it('a re-import of a file with a bad record adds no dead letter (first load, then the SQL path twice)', async () => {
    // A bad record too long for an index entry: the key takes the raw text's md5.
    const [file] = writeParts(tempDir(), [[record, { ...record, video_id: 'v2', position: -1, title: 'x'.repeat(10_000) }]]) as [string];
    const summaries = [];
    for (let i = 0; i < 3; i++) summaries.push(await ingestFile(fresh.handle, file));
    expect(summaries.map((s) => [s.firstLoad, s.deadLetters])).toEqual([[true, 1], [false, 1], [false, 1]]);
    // One row, moved to the latest run that found it.
    expect(await deadLetters(fresh)).toEqual([{ ingest_run_id: summaries[2]!.runId, record_index: 1, reason: expect.stringMatching(/^position: .*-1$/) }]);
  });

  it('a conflict with a stored observation is one dead letter however often it is loaded', async () => {
    const [conflicting] = writeParts(tempDir(), [[{ ...record, views: 999 }]]) as [string];
    const before = (await deadLetters(fresh)).length;
    for (let i = 0; i < 3; i++) expect((await ingestFile(fresh.handle, conflicting)).observations.conflicts).toBe(1);
    const added = (await deadLetters(fresh)).slice(before);
    expect(added.map((d) => [d.record_index, d.reason])).toEqual([
      [null, 'conflict: same playlist_id, video_id and timestp already loaded by ingest run 1 with other views (the stored one is kept)'],
    ]);
  });

  it('the migration keeps the latest of each repeated dead letter in a database from before', async () => {
    const { db } = fresh.handle;
    await sql`DROP INDEX dead_letters_key`.execute(db);
    await sql`DELETE FROM dead_letters`.execute(db);
    await sql`INSERT INTO dead_letters (source_file, record_index, raw_text, reason) VALUES
      ('f.json', 3, '{"a":1}', 'bad'), ('f.json', 3, '{"a":1}', 'bad'), ('f.json', 3, '{"a":1}', 'bad'),
      ('f.json', 4, '{"a":1}', 'bad'), ('f.json', NULL, '{"a":2}', 'conflict'), ('f.json', NULL, '{"a":2}', 'conflict')`.execute(db);
    const ids = await sql<{ id: number }>`SELECT id FROM dead_letters ORDER BY id`.execute(db);
    await sql`DELETE FROM schema_migrations WHERE filename = '02_ingest.sql'`.execute(db);
    expect(await migrate(fresh.handle)).toEqual(['02_ingest.sql']);
    const kept = await sql<{ id: number }>`SELECT id FROM dead_letters ORDER BY id`.execute(db);
    expect(kept.rows.map((r) => r.id)).toEqual([2, 3, 5].map((i) => ids.rows[i]!.id));
    await expect(sql`INSERT INTO dead_letters (source_file, record_index, raw_text, reason) VALUES ('f.json', 3, '{"a":1}', 'bad')`.execute(db)).rejects.toThrow(/dead_letters_key/);
  });
});
