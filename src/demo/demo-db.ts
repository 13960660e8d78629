import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { connect, type ConnectOptions, type DbHandle } from '../db/connect.js';
import type { DbTarget } from '../db/target.js';
import { generateDemoDataset } from '../generate/demo.js';
import { importFile } from '../import/import-file.js';
import { importCatalog } from '../match/catalog-import.js';
import { runMatch } from '../match/run.js';
import { DEFAULT_ACCEPT_CONFIDENCE } from '../match/recommendation.js';

export type DemoProgress = (step: string, fraction: number) => void;

const BUILT_MARK = 'demo_built';

/**
 * Opens the demo database, building it first when it is new or an earlier build did not finish:
 * a generated feed and catalog, imported, the catalog loaded and matched, through the same core
 * functions as the headless commands. `options` go to connect (the lock the caller took already).
 */
export async function openDemo(target: DbTarget, progress: DemoProgress, options: Pick<ConnectOptions, 'lock' | 'thread'> = {}): Promise<DbHandle> {
  // A new embedded database runs initdb first, which takes PGlite several seconds.
  progress(target.kind === 'embedded' && !existsSync(join(target.dir, 'PG_VERSION')) ? 'creating the demo database (first run only)' : 'opening the demo database', 0);
  const handle = await connect(target, options);
  try {
    const mark = await sql<{ value: string }>`SELECT value FROM cm_settings WHERE name = ${BUILT_MARK}`.execute(handle.db);
    if (mark.rows.length === 0) await buildDemo(handle, progress);
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

async function buildDemo(handle: DbHandle, progress: DemoProgress): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cm-tui-demo-'));
  try {
    progress('generating the demo playlists and catalog', 0.05);
    const { feedPath, catalogPath } = await generateDemoDataset(dir);
    await importFile(handle, feedPath, {
      onProgress: (p) => progress(`importing playlists: ${p.recordsRead.toLocaleString('en-US')} records`, 0.1 + 0.5 * (p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 0)),
    });
    progress('loading the ISRC catalog', 0.6);
    await importCatalog(handle, catalogPath);
    progress('matching videos to the catalog', 0.7);
    await runMatch(handle, {
      top: 5,
      reviewer: 'demo',
      autoAccept: DEFAULT_ACCEPT_CONFIDENCE,
      onProgress: (stage, done) => progress(`matching: ${stage} ${done.toLocaleString('en-US')}`, stage === 'catalog' ? 0.75 : 0.85),
    });
    await sql`INSERT INTO cm_settings (name, value) VALUES (${BUILT_MARK}, now()::text) ON CONFLICT (name) DO NOTHING`.execute(handle.db);
    progress('demo ready', 1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
