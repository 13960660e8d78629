/** The small fixed dataset behind `cm-tui --demo`: the same every time, quick to build. */
import { makeFolder } from '../folders.js';
import { join } from 'node:path';
import { generate } from './generate.js';

export const DEMO_SEED = 20220519;
export const DEMO_RECORDS = 3000;
export const DEMO_TRACKS = 800;

/** Writes demo_feed.json and demo_cm_track.csv into `dir` (created if needed). */
export async function generateDemoDataset(dir: string): Promise<{ feedPath: string; catalogPath: string }> {
  makeFolder(dir);
  const feedPath = join(dir, 'demo_feed.json');
  const catalogPath = join(dir, 'demo_cm_track.csv');
  // Six playlists scraped daily: about five days of history, so the change logs and the
  // dashboard's position sparklines have something to show.
  await generate({
    rows: DEMO_RECORDS,
    out: feedPath,
    seed: DEMO_SEED,
    catalogOut: catalogPath,
    tracks: DEMO_TRACKS,
    playlists: 6,
    snapshotsPerDay: 1,
  });
  return { feedPath, catalogPath };
}
