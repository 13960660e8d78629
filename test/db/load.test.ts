import { existsSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadObservations, type LoadPhase } from '../../src/db/load.js';
import type { Database } from '../../src/db/schema.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { naturalDatabase, rowCounts, type NaturalTables } from './natural.js';
import { ingestFile, randomCuts, readRecords, sample, seeded, shuffled, tempDir, writeParts } from './load-support.js';

const SAMPLE_COUNTS = {
  users: 7, playlists: 10, media_items: 1046, artists: 262, playlist_metadata_log: 16,
  playlist_plays_log: 39, playlist_positions_log: 3447, media_item_metadata_log: 1046,
};

describe.skipIf(!existsSync(sample)).each(testTargets())('load of the sample on $name (skipped without ../shared/data)', (target) => {
  let whole: FreshDatabase;
  let wholeTables: NaturalTables;
  const records = existsSync(sample) ? readRecords(sample) : [];
  const dir = tempDir();

  beforeAll(async () => {
    whole = await target.fresh();
    await ingestFile(whole.handle, sample);
    wholeTables = await naturalDatabase(whole.handle.db);
  });
  afterAll(() => whole?.dispose());

  /** Ingests the parts in the order given into a fresh database: its tables must equal the whole sample's. */
  async function expectPartsEqualWhole(parts: string[]) {
    const fresh = await target.fresh();
    try {
      for (const part of parts) await ingestFile(fresh.handle, part);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(wholeTables);
    } finally {
      await fresh.dispose();
    }
  }

  it('gives the documented row counts, and a second import adds no row anywhere', async () => {
    const before = await rowCounts(whole.handle.db);
    expect(before).toMatchObject({ ...SAMPLE_COUNTS, playlist_observations: 5354, dead_letters: 0, ingest_runs: 1 });
    const again = await ingestFile(whole.handle, sample);
    expect(again.observations).toEqual({ sent: 5354, inserted: 0, alreadyPresent: 5354, conflicts: 0 });
    // As many stored as sent: row by row, the indexes kept.
    expect(again.indexesRebuilt).toBe(false);
    for (const change of Object.values(again.tables)) expect(change).toEqual({ added: 0, removed: 0 });
    expect(await rowCounts(whole.handle.db)).toEqual({ ...before, ingest_runs: 2 });
    expect(await naturalDatabase(whole.handle.db)).toEqual(wholeTables);
  });

  it('the four day files imported newest first equal the whole', async () => {
    const days = [...new Set(records.map((r) => String(r['timestp']).slice(0, 10)))].sort().reverse();
    expect(days).toEqual(['2022-05-22', '2022-05-21', '2022-05-20', '2022-05-19']);
    await expectPartsEqualWhole(writeParts(dir, days.map((day) => records.filter((r) => String(r['timestp']).startsWith(day)))));
  });

  it.each([11, 29])('random cut points imported in shuffled order equal the whole (seed %i)', async (seed) => {
    const random = seeded(seed);
    await expectPartsEqualWhole(shuffled(writeParts(tempDir(), randomCuts(records, 5, random)), random));
  });

  it('a failure in any phase of the transaction leaves every table as before; running again completes', async () => {
    const [first, second] = writeParts(tempDir(), [records.slice(0, 2000), records.slice(2000)]) as [string, string];
    const fresh = await target.fresh();
    try {
      expect((await ingestFile(fresh.handle, first)).indexesRebuilt).toBe(true);
      const before = await rowCounts(fresh.handle.db);
      const beforeTables = await naturalDatabase(fresh.handle.db);
      const indexes = await observationIndexes(fresh.handle.db);
      expect(indexes).toEqual([
        'CREATE INDEX playlist_observations_video_idx ON public.playlist_observations USING btree (video_source_id, timestp, source)',
        'CREATE UNIQUE INDEX playlist_observations_pkey ON public.playlist_observations USING btree (playlist_source_id, video_source_id, timestp, source)',
      ]);
      // 3354 records onto 2000 stored: the bulk path (indexes dropped inside the transaction).
      const phases: LoadPhase[] = ['staged', 'observations', 'entities', 'change-logs', 'before-commit'];
      for (const failAt of phases) {
        const failing = ingestFile(fresh.handle, second, {
          onPhase: (phase) => {
            if (phase === failAt) throw new Error(`injected failure at ${phase}`);
          },
        });
        await expect(failing).rejects.toThrow(`injected failure at ${failAt}`);
        expect(await rowCounts(fresh.handle.db)).toEqual(before);
        expect(await naturalDatabase(fresh.handle.db)).toEqual(beforeTables);
        expect(await observationIndexes(fresh.handle.db)).toEqual(indexes);
      }
      expect((await ingestFile(fresh.handle, second)).indexesRebuilt).toBe(true);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(wholeTables);
      expect(await observationIndexes(fresh.handle.db)).toEqual(indexes);
      const primaryKey = await sql<{ name: string }>`SELECT conname AS name FROM pg_constraint
        WHERE conrelid = 'playlist_observations'::regclass AND contype = 'p'`.execute(fresh.handle.db);
      expect(primaryKey.rows).toEqual([{ name: 'playlist_observations_pkey' }]);
    } finally {
      await fresh.dispose();
    }
  });

  it('another granularity recomputes every key, as a fresh load at that granularity would', async () => {
    const fresh = await target.fresh();
    const weekly = await target.fresh();
    try {
      await ingestFile(fresh.handle, sample);
      const [part] = writeParts(tempDir(), [records.slice(0, 10)]) as [string];
      const summary = await ingestFile(fresh.handle, part, { granularity: 'week' });
      expect(summary.granularityChangedFrom).toBe('day');
      expect(summary.recomputed).toEqual({ playlists: 10, mediaItems: 1046 });
      await ingestFile(weekly.handle, sample, { granularity: 'week' });
      const weeklyTables = await naturalDatabase(weekly.handle.db);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(weeklyTables);
      // 2022-05-19..22 is one ISO week: one plays row per playlist whose views changed at all.
      expect(weeklyTables['playlist_plays_log']).toHaveLength(10);
      const setting = await sql<{ value: string }>`SELECT value FROM cm_settings WHERE name = 'granularity'`.execute(fresh.handle.db);
      expect(setting.rows[0]?.value).toBe('week');
    } finally {
      await fresh.dispose();
      await weekly.dispose();
    }
  });
});

describe.each(testTargets())('conflicts with stored observations on $name', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
  });
  afterAll(() => fresh?.dispose());

  it('dead-letters a record whose key is stored with other values and keeps the stored one', async () => {
    const record = {
      playlist_id: 'PL1', playlist_name: 'Hits', artwork_url: null, channel_id: 'UC1', views: 100, num_videos: 2,
      timestp: '2022-05-19T12:00:00.5', video_id: 'v1', title: 'A - B', artist_name: 'A', image_url: null, track_title: 'B', position: 1,
    };
    const [first, second] = writeParts(tempDir(), [[record], [{ ...record, views: 999, position: 2 }, { ...record, video_id: 'v2', artist_name: '' }]]) as [string, string];
    await ingestFile(fresh.handle, first);
    const summary = await ingestFile(fresh.handle, second);
    expect(summary.observations).toEqual({ sent: 2, inserted: 1, alreadyPresent: 0, conflicts: 1 });
    expect(summary.deadLetters).toBe(1);
    const letters = await fresh.handle.db.selectFrom('dead_letters').selectAll().execute();
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toBe('conflict: same playlist_id, video_id and timestp already loaded by ingest run 1 with other views, position (the stored one is kept)');
    expect(JSON.parse(letters[0]!.raw_text)).toMatchObject({ playlist_id: 'PL1', video_id: 'v1', views: 999, timestp: '2022-05-19T12:00:00.500000' });
    const plays = await fresh.handle.db.selectFrom('playlist_plays_log').select(['plays', 'ingest_timestamp']).execute();
    expect(plays).toEqual([{ plays: 100, ingest_timestamp: '2022-05-19 12:00:00.5' }]);
    // An empty artist name is no artist, as in the CSV normaliser.
    expect(await fresh.handle.db.selectFrom('artists').select('name').execute()).toEqual([{ name: 'A' }]);
    const metadata = await fresh.handle.db.selectFrom('media_item_metadata_log').select(['artist_id']).orderBy('media_item_id').execute();
    expect(metadata.map((m) => m.artist_id === null)).toEqual([false, true]);
  });
});

describe.each(testTargets())('a key twice in one load on $name', (target) => {
  it('stores one of them and dead-letters the other (the fallback from the plain insert)', async () => {
    const fresh = await target.fresh();
    try {
      const observation = {
        playlistId: 'PL9', playlistName: null, artworkUrl: null, channelId: null, views: 1, numVideos: null,
        timestp: '2022-05-19 12:00:00.000000', videoId: 'v9', title: null, artistName: null, imageUrl: null, trackTitle: null, position: 3,
      };
      const summary = await loadObservations(fresh.handle, {
        sourceFile: 'twice', sha256: () => '',
        batches: [{ observations: [observation, { ...observation, views: 2 }], deadLetters: [] }],
      });
      expect(summary.observations).toEqual({ sent: 2, inserted: 1, alreadyPresent: 0, conflicts: 1 });
      // The bulk path's unique index build failed on the pair and was rolled back to its savepoint.
      expect(summary.indexesRebuilt).toBe(false);
      expect(await rowCounts(fresh.handle.db)).toMatchObject({ playlist_observations: 1, dead_letters: 1, playlist_plays_log: 1 });
      expect(await observationIndexes(fresh.handle.db)).toHaveLength(2);
    } finally {
      await fresh.dispose();
    }
  });
});

/** The index definitions on playlist_observations, sorted. */
async function observationIndexes(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes
    WHERE tablename = 'playlist_observations' ORDER BY indexdef`.execute(db);
  return rows.rows.map((r) => r.def);
}

const serverUrl = process.env['TEST_DATABASE_URL'];
describe.skipIf(!serverUrl || !existsSync(sample))('a killed connection on the server (needs TEST_DATABASE_URL and ../shared/data)', () => {
  const server = testTargets().find((t) => t.name === 'server');

  it.each<LoadPhase>(['staged', 'change-logs'])('pg_terminate_backend at %s leaves every table as before; running again completes', async (killAt) => {
    const fresh = await server!.fresh();
    const records = readRecords(sample);
    const [first, second] = writeParts(tempDir(), [records.slice(0, 3000), records.slice(3000)]) as [string, string];
    const killer = new pg.Client({ connectionString: fresh.dbArg });
    await killer.connect();
    try {
      await ingestFile(fresh.handle, first);
      const before = await rowCounts(fresh.handle.db);
      const beforeTables = await naturalDatabase(fresh.handle.db);
      const killed = ingestFile(fresh.handle, second, {
        onPhase: async (phase, session) => {
          if (phase !== killAt) return;
          const pid = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(session.db);
          await killer.query('SELECT pg_terminate_backend($1)', [pid.rows[0]!.pid]);
        },
      });
      // The error depends on where the socket dies: mid-query (terminated) or between queries.
      await expect(killed).rejects.toThrow(/terminat|connection error/i);
      expect(await rowCounts(fresh.handle.db)).toEqual(before);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(beforeTables);
      await ingestFile(fresh.handle, second);
      const whole = await server!.fresh();
      try {
        await ingestFile(whole.handle, sample);
        expect(await naturalDatabase(fresh.handle.db)).toEqual(await naturalDatabase(whole.handle.db));
      } finally {
        await whole.dispose();
      }
    } finally {
      await killer.end();
      await fresh.dispose();
    }
  });
});
