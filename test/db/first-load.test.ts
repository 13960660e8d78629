import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseSink } from '../../src/db/ingest-sink.js';
import { loadObservations, type LoadPhase, type LoadSummary } from '../../src/db/load.js';
import { runIngest } from '../../src/ingest/pipeline.js';
import type { Database } from '../../src/db/schema.js';
import { GRANULARITIES, type Granularity } from '../../src/model/observation.js';
import type { Observation } from '../../src/record/fields.js';
import { testTargets, type FreshDatabase, type TestTarget } from '../support/db-targets.js';
import { awkwardFeed } from '../ingest/fixtures.js';
import { tiedObservations } from './generated-observations.js';
import { ingestFile, readRecords, sample, seeded, tempDir, writeParts } from './load-support.js';
import { naturalDatabase, rowCounts } from './natural.js';

/** Loads `observations` (distinct keys) into a fresh database, by the first-load path or in SQL. */
async function loadFresh(target: TestTarget, observations: Observation[], granularity: Granularity, deriveInSql: boolean) {
  const fresh = await target.fresh();
  try {
    const summary = await loadObservations(
      fresh.handle,
      { sourceFile: 'generated', batches: [{ observations, deadLetters: [] }], sha256: () => '', deduplicated: true },
      { granularity, deriveInSql },
    );
    return { summary, tables: await naturalDatabase(fresh.handle.db) };
  } finally {
    await fresh.dispose();
  }
}

async function observationIndexes(db: Kysely<Database>): Promise<string[]> {
  const rows = await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'playlist_observations' ORDER BY indexdef`.execute(db);
  return rows.rows.map((r) => r.def);
}

describe.each(testTargets())('the first load into an empty database on $name', (target) => {
  it.each(GRANULARITIES)('gives the tables the SQL derivation gives, with ties at the latest time of a bucket (%s)', async (granularity) => {
    const observations = tiedObservations(600, seeded(granularity.length + 40));
    const copied = await loadFresh(target, observations, granularity, false);
    const derived = await loadFresh(target, observations, granularity, true);
    expect(copied.summary.firstLoad).toBe(true);
    expect(derived.summary.firstLoad).toBe(false);
    expect(copied.tables).toEqual(derived.tables);
    expect(copied.summary.tables).toEqual(derived.summary.tables);
    expect(copied.tables['playlist_plays_log']!.length).toBeGreaterThan(3);
  });

  it('breaks a tie between two artists or two channels by name, as the SQL does, whichever came first', async () => {
    const base: Observation = {
      playlistId: 'PL1', playlistName: 'Hits', artworkUrl: null, channelId: 'UC9', views: 10, numVideos: 2,
      timestp: '2022-05-19 12:00:00.000000', videoId: 'v1', title: 'Song', artistName: 'Zed', imageUrl: null, trackTitle: null, position: 1,
    };
    // Zed and UC9 are met first (id 1 on the client) but are the greater names: they must win.
    const observations: Observation[] = [
      base,
      { ...base, playlistId: 'PL2', channelId: 'UC1', artistName: 'Abe' },
      { ...base, videoId: 'v2', channelId: 'UC1', artistName: 'Abe', position: 2 },
    ];
    const copied = await loadFresh(target, observations, 'day', false);
    const derived = await loadFresh(target, observations, 'day', true);
    expect(copied.tables).toEqual(derived.tables);
    expect(copied.tables['media_item_metadata_log']!.join('\n')).toContain('v1');
    expect(copied.tables['media_item_metadata_log']!.find((row) => row.includes('v1'))).toContain('Zed');
    expect(copied.tables['playlist_metadata_log']!.find((row) => row.includes('PL1'))).toContain('UC9');
  });
});

describe.each(testTargets())('the observations of a first load on $name (COPY text format)', (target) => {
  // Each a title, and its reverse as the artist: what the text format must escape, and what it must not mistake for a null or the end.
  const awkward = ['tab\there', 'line\nbreak', 'carriage\rreturn', 'back\\slash', '\\N', '\\.', '', 'a, b', 'He said "hi"', 'Café 😀', '\\', 'end\\'];
  const records = awkward.map((title, i) => ({
    playlist_id: 'PL1', playlist_name: i === 0 ? null : 'Hits', artwork_url: null, channel_id: 'UC1', views: i, num_videos: null,
    timestp: '2022-05-19T10:00:00.000001', video_id: `v${String(i).padStart(2, '0')}`, title, artist_name: [...title].reverse().join(''),
    image_url: null, track_title: i === 1 ? '' : null, position: i,
  }));
  const stored = sql<{ title: string | null; artist_name: string | null; playlist_name: string | null; track_title: string | null; num_videos: number | null }>`
    SELECT title, artist_name, playlist_name, track_title, num_videos FROM playlist_observations ORDER BY video_source_id`;

  it('keeps every string as it came, empty strings apart from nulls, by the parse threads and by the objects path', async () => {
    const file = join(tempDir(), 'awkward-strings.json');
    writeFileSync(file, JSON.stringify(records, null, 2));
    const threaded = await target.fresh();
    const objects = await target.fresh();
    try {
      const sink = new DatabaseSink(threaded.handle, { file, granularity: 'day' });
      await runIngest(file, { sinks: [sink] });
      expect(sink.summary?.firstLoad).toBe(true);
      const observations: Observation[] = records.map((r) => ({
        playlistId: r.playlist_id, playlistName: r.playlist_name, artworkUrl: r.artwork_url, channelId: r.channel_id, views: r.views,
        numVideos: r.num_videos, timestp: '2022-05-19 10:00:00.000001', videoId: r.video_id, title: r.title, artistName: r.artist_name,
        imageUrl: r.image_url, trackTitle: r.track_title, position: r.position,
      }));
      const summary = await loadObservations(objects.handle, { sourceFile: 'objects', batches: [{ observations, deadLetters: [] }], sha256: () => '', deduplicated: true });
      expect(summary.firstLoad).toBe(true);
      const expected = records.map((r) => ({ title: r.title, artist_name: r.artist_name, playlist_name: r.playlist_name, track_title: r.track_title, num_videos: null }));
      expect((await stored.execute(threaded.handle.db)).rows).toEqual(expected);
      expect((await stored.execute(objects.handle.db)).rows).toEqual(expected);
    } finally {
      await threaded.dispose();
      await objects.dispose();
    }
  });
});

describe.skipIf(!existsSync(sample)).each(testTargets())('the first load of the sample on $name (skipped without ../shared/data)', (target) => {
  let fresh: FreshDatabase;
  let summary: LoadSummary;
  beforeAll(async () => {
    fresh = await target.fresh();
    summary = await ingestFile(fresh.handle, sample);
  });
  afterAll(() => fresh?.dispose());

  it('equals the SQL derivation of the sample, rows and run bookkeeping alike', async () => {
    expect(summary.firstLoad).toBe(true);
    expect(summary.observations).toEqual({ sent: 5354, inserted: 5354, alreadyPresent: 0, conflicts: 0 });
    const derived = await target.fresh();
    try {
      const inSql = await ingestFile(derived.handle, sample, { deriveInSql: true });
      expect(inSql.firstLoad).toBe(false);
      expect(summary.tables).toEqual(inSql.tables);
      expect(summary.recomputed).toEqual(inSql.recomputed);
      expect(await naturalDatabase(fresh.handle.db)).toEqual(await naturalDatabase(derived.handle.db));
      expect(await rowCounts(fresh.handle.db)).toEqual(await rowCounts(derived.handle.db));
      const run = sql<{ records_read: number; valid: number; inserted: number }>`SELECT records_read, valid, inserted FROM ingest_runs`;
      expect((await run.execute(fresh.handle.db)).rows).toEqual((await run.execute(derived.handle.db)).rows);
      expect(await observationIndexes(fresh.handle.db)).toEqual(await observationIndexes(derived.handle.db));
      // Both number the entities in byte order of their names: the very same ids.
      for (const entity of ['users', 'playlists', 'media_items']) {
        const ids = sql.raw<{ id: number; source_id: string }>(`SELECT id, source_id FROM ${entity} ORDER BY id`);
        expect((await ids.execute(fresh.handle.db)).rows).toEqual((await ids.execute(derived.handle.db)).rows);
      }
      const artists = sql<{ id: number; name: string }>`SELECT id, name FROM artists ORDER BY id`;
      expect((await artists.execute(fresh.handle.db)).rows).toEqual((await artists.execute(derived.handle.db)).rows);
    } finally {
      await derived.dispose();
    }
  });

  it('leaves the id sequences after the copied ids: the next load adds media items after them', async () => {
    const before = await sql<{ n: number; max: number }>`SELECT count(*)::int8 AS n, max(id) AS max FROM media_items`.execute(fresh.handle.db);
    expect(before.rows[0]).toEqual({ n: 1046, max: 1046 });
    const file = join(tempDir(), 'new-video.json');
    const record = (JSON.parse(readFileSync(sample, 'utf8')) as Record<string, unknown>[])[0]!;
    writeFileSync(file, JSON.stringify([{ ...record, video_id: 'a-new-video', artist_name: 'A New Artist' }]));
    const next = await ingestFile(fresh.handle, file);
    expect(next.firstLoad).toBe(false);
    const added = await sql<{ id: number }>`SELECT id FROM media_items WHERE source_id = 'a-new-video'`.execute(fresh.handle.db);
    expect(added.rows).toEqual([{ id: 1047 }]);
    const artist = await sql<{ id: number }>`SELECT id FROM artists WHERE name = 'A New Artist'`.execute(fresh.handle.db);
    expect(artist.rows).toEqual([{ id: 263 }]);
  });
});

describe.skipIf(!existsSync(sample)).each(testTargets())('a failed first load on $name (skipped without ../shared/data)', (target) => {
  let fresh: FreshDatabase;
  let indexes: string[];
  let counts: Record<string, number>;
  beforeAll(async () => {
    fresh = await target.fresh();
    indexes = await observationIndexes(fresh.handle.db);
    counts = await rowCounts(fresh.handle.db);
  });
  afterAll(() => fresh?.dispose());

  async function expectEmpty() {
    // Every table empty but the seeded granularity setting.
    expect(counts).toMatchObject({ playlist_observations: 0, media_items: 0, playlist_positions_log: 0, ingest_runs: 0, cm_settings: 1 });
    expect(await rowCounts(fresh.handle.db)).toEqual(counts);
    expect(await observationIndexes(fresh.handle.db)).toEqual(indexes);
  }

  it.each<LoadPhase>(['staged', 'observations', 'entities', 'change-logs', 'before-commit'])('at %s leaves the database empty', async (failAt) => {
    const failing = ingestFile(fresh.handle, sample, {
      onPhase: (phase) => {
        if (phase === failAt) throw new Error(`injected failure at ${phase}`);
      },
    });
    await expect(failing).rejects.toThrow(`injected failure at ${failAt}`);
    await expectEmpty();
  });

  it('on a file cut short leaves the database empty, and the whole file then loads', async () => {
    const text = readFileSync(sample, 'utf8');
    const file = join(tempDir(), 'cut.json');
    writeFileSync(file, text.slice(0, Math.floor(text.length * 0.7)));
    await expect(ingestFile(fresh.handle, file)).rejects.toThrow(/byte|line/);
    await expectEmpty();
    const summary = await ingestFile(fresh.handle, sample);
    expect(summary.firstLoad).toBe(true);
    expect(await rowCounts(fresh.handle.db)).toMatchObject({ playlist_observations: 5354, media_items: 1046 });
  });
});

describe.skipIf(!existsSync(sample)).each(testTargets())('two loads at once into an empty database on $name (skipped without ../shared/data)', (target) => {
  it('one takes the first-load path, the other waits and adds to it: the same as one load of both', async () => {
    const records = readRecords(sample);
    const [first, second] = writeParts(tempDir(), [records.filter((_, i) => i % 2 === 0), records.filter((_, i) => i % 2 === 1)]) as [string, string];
    const both = await target.fresh();
    const whole = await target.fresh();
    try {
      const summaries = await Promise.all([ingestFile(both.handle, first), ingestFile(both.handle, second)]);
      expect(summaries.map((s) => s.firstLoad).sort()).toEqual([false, true]);
      await ingestFile(whole.handle, sample);
      expect(await naturalDatabase(both.handle.db)).toEqual(await naturalDatabase(whole.handle.db));
    } finally {
      await both.dispose();
      await whole.dispose();
    }
  });
});

describe.each(testTargets())('the first load of an awkward feed through the ingest pipeline on $name', (target) => {
  it('stores what the SQL derivation stores from the single-threaded reader: rows, ids and dead letters', async () => {
    const file = join(tempDir(), 'awkward.json');
    // 30,000 ordinary records first (some 12 MB): with the native scanner's 1 MiB reads, regions
    // are still parsed in the threads after the load has chosen its path.
    writeFileSync(file, awkwardFeed(30_000));
    const copied = await target.fresh();
    const derived = await target.fresh();
    try {
      // JSON array, every sink able to take numbered batches: the parallel reader, the first-load path.
      const sink = new DatabaseSink(copied.handle, { file, granularity: 'day' });
      // The regions parsed once the load has chosen this path come with their COPY lines.
      let withLines = 0;
      const writeEncoded = sink.writeEncoded.bind(sink);
      sink.writeEncoded = (batch) => {
        if (batch.copyLines !== undefined) withLines++;
        return writeEncoded(batch);
      };
      await runIngest(file, { sinks: [sink] });
      expect(sink.summary?.firstLoad).toBe(true);
      expect(withLines).toBeGreaterThan(0);
      // The reader hashed the file as it read it.
      const runs = await sql<{ sha256: string }>`SELECT sha256 FROM ingest_runs`.execute(copied.handle.db);
      expect(runs.rows).toEqual([{ sha256: createHash('sha256').update(readFileSync(file)).digest('hex') }]);
      const inSql = await ingestFile(derived.handle, file, { deriveInSql: true });
      expect(inSql.firstLoad).toBe(false);
      expect(sink.summary?.observations).toEqual(inSql.observations);
      expect(await naturalDatabase(copied.handle.db)).toEqual(await naturalDatabase(derived.handle.db));
      const letters = sql<{ record_index: number; reason: string; raw_text: string }>`SELECT record_index, reason, raw_text FROM dead_letters ORDER BY record_index`;
      const stored = (await letters.execute(copied.handle.db)).rows;
      expect(stored.length).toBeGreaterThan(20);
      expect(stored).toEqual((await letters.execute(derived.handle.db)).rows);
      const ids = sql<{ id: number; source_id: string }>`SELECT id, source_id FROM media_items ORDER BY id`;
      expect((await ids.execute(copied.handle.db)).rows).toEqual((await ids.execute(derived.handle.db)).rows);
      const titles = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM media_item_metadata_log WHERE primary_title LIKE 'Artista - Canción % 😀'`.execute(copied.handle.db);
      expect(titles.rows[0]!.n).toBeGreaterThan(0);
    } finally {
      await copied.dispose();
      await derived.dispose();
    }
  });
});
