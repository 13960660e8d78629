import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputFolder } from '../../src/csv/output-folder.js';
import { DEFAULT_EXPORT_TABLES, exportTables } from '../../src/db/export.js';
import { loadObservations } from '../../src/db/load.js';
import { ModelBuilder } from '../../src/model/builder.js';
import { GRANULARITIES } from '../../src/model/observation.js';
import type { Observation } from '../../src/record/fields.js';
import { flippingObservations, tiedObservations } from './generated-observations.js';
import { MODEL_TABLES } from '../../src/model/tables.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { naturalFolder, type NaturalTables } from './natural.js';
import { randomCuts, seeded, shuffled, tempDir } from './load-support.js';

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
