import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { importFile } from '../../src/import/import-file.js';

/** The shared sample (not committed; beside the checkout). */
export const SAMPLE = fileURLToPath(new URL('../../../shared/data/youtube_playlist.json', import.meta.url));
export const CATALOG = fileURLToPath(new URL('../../../shared/data/cm_track.csv', import.meta.url));
export const hasSample = existsSync(SAMPLE);

/** An in-memory embedded database holding the sample, loaded through the real import. */
export async function sampleDb(): Promise<DbHandle> {
  const handle = await connect({ kind: 'embedded', dir: 'memory://' });
  await importFile(handle, SAMPLE);
  return handle;
}
