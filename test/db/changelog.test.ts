import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputFolder } from '../../src/csv/output-folder.js';
import { DEFAULT_EXPORT_TABLES, exportTables } from '../../src/db/export.js';
import { loadObservations } from '../../src/db/load.js';
import { ModelBuilder } from '../../src/model/builder.js';
import { GRANULARITIES, type Observation } from '../../src/model/observation.js';
import { MODEL_TABLES } from '../../src/model/tables.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { naturalFolder, type NaturalTables } from './natural.js';
import { randomCuts, seeded, shuffled, tempDir } from './load-support.js';

/**
 * Observations whose values flip back and forth between few choices (nulls and '' included), at
 * strictly increasing times spread over months, so every granularity sees values that change
 * within a bucket, change and change back across buckets, and stay put.
 */
function flippingObservations(count: number, random: () => number): Observation[] {
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)] as T;
  let micros = Date.UTC(2022, 4, 16) * 1000;
  const observations: Observation[] = [];
  for (let i = 0; i < count; i++) {
    micros += Math.floor(random() * 40 * 3600 * 1e6) + 1;
    const date = new Date(Math.floor(micros / 1000)).toISOString();
    const timestp = `${date.slice(0, 10)} ${date.slice(11, 19)}.${String(micros % 1_000_000).padStart(6, '0')}`;
    observations.push({
      playlistId: pick(['PL1', 'PL2', 'PL3']),
      playlistName: pick(['Hits', 'Hits 2022', null]),
      artworkUrl: pick(['a.jpg', null]),
      channelId: pick(['UC1', 'UC2', '', null]),
      views: pick([100, 200, null]),
      numVideos: pick([5, 6]),
      timestp,
      videoId: pick(['v1', 'v2', 'v3', 'v4']),
      title: pick(['Song', 'Song (Live)', null]),
      artistName: pick(['Ana', 'Bo', '', null]),
      imageUrl: pick(['i.jpg', null]),
      trackTitle: pick(['Song', null]),
      position: pick([1, 2, null]),
    });
  }
  return observations;
}

/**
 * Observations in threes at one time (three videos of one playlist, values picked independently):
 * the latest time of a bucket is then shared by several observations with other values, and only
 * the tie-break decides which one a log keeps.
 */
function tiedObservations(count: number, random: () => number): Observation[] {
  const videos = ['v1', 'v2', 'v3'];
  return flippingObservations(count, random).map((o, i, all) => ({
    ...o,
    playlistId: all[i - (i % 3)]!.playlistId,
    timestp: all[i - (i % 3)]!.timestp,
    videoId: videos[i % 3]!,
  }));
}

/** The CSV normaliser's result for the same observations, through natural keys. */
async function modelBuilderTables(observations: Observation[], granularity: (typeof GRANULARITIES)[number]): Promise<NaturalTables> {
  const builder = new ModelBuilder(granularity);
  builder.addAll(observations);
  const rows = builder.finish();
  const dir = tempDir();
  const folder = await OutputFolder.open(dir);
  for (const table of MODEL_TABLES) await folder.writeCsv(table.file, table.columns, rows[table.name]);
  await folder.commit();
  return naturalFolder(dir);
}

describe.each(testTargets())('set-based change logs on $name', (target) => {
  const observations = flippingObservations(400, seeded(3));
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
  });
  afterAll(() => fresh?.dispose());

  it.each(GRANULARITIES)('equal the CSV normaliser at granularity %s, loaded in 3 shuffled parts', async (granularity) => {
    const random = seeded(granularity.length);
    for (const part of shuffled(randomCuts(observations, 3, random), random)) {
      await loadObservations(fresh.handle, { sourceFile: 'flips', batches: [{ observations: part, deadLetters: [] }], sha256: () => '' }, { granularity });
    }
    const dir = tempDir();
    await exportTables(fresh.handle, DEFAULT_EXPORT_TABLES, dir);
    const expected = await modelBuilderTables(observations, granularity);
    expect(naturalFolder(dir)).toEqual(expected);
    // The data really flips: some rows are dropped as unchanged, and some are emitted again.
    expect(expected['playlist_plays_log']!.length).toBeGreaterThan(3);
  });
});

describe.each(testTargets())('change logs with several observations at the latest time of a bucket on $name', (target) => {
  const observations = tiedObservations(600, seeded(5));

  it.each(GRANULARITIES)('equal the CSV normaliser at granularity %s, loaded in 3 shuffled parts', async (granularity) => {
    const fresh = await target.fresh();
    try {
      const random = seeded(granularity.length + 7);
      for (const part of shuffled(randomCuts(observations, 3, random), random)) {
        await loadObservations(fresh.handle, { sourceFile: 'ties', batches: [{ observations: part, deadLetters: [] }], sha256: () => '' }, { granularity });
      }
      const dir = tempDir();
      await exportTables(fresh.handle, DEFAULT_EXPORT_TABLES, dir);
      expect(naturalFolder(dir)).toEqual(await modelBuilderTables(observations, granularity));
    } finally {
      await fresh.dispose();
    }
  });
});
