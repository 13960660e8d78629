import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { schemaFiles } from '../../src/db/migrate.js';
import { packageRoot } from '../../src/paths.js';
import { rowCounts } from './natural.js';
import { ingestFile, sample } from './load-support.js';

const serverUrl = process.env['TEST_DATABASE_URL'];
const hasPsql = spawnSync('psql', ['--version']).status === 0;

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

// What the postgres image's docker-entrypoint does with /docker-entrypoint-initdb.d/*.sql: each
// file in name order through psql, stopping at the first error.
describe.skipIf(!serverUrl || !hasPsql)('postgres_init/*.sql applied by psql as the postgres image\'s initdb does (needs TEST_DATABASE_URL and psql)', () => {
  const name = `cm_test_${randomBytes(6).toString('hex')}`;
  const url = new URL(serverUrl ?? 'postgresql://unused');
  url.pathname = `/${name}`;
  let handle: DbHandle;
  beforeAll(async () => {
    await admin(`CREATE DATABASE ${name}`);
    const folder = join(packageRoot(), 'postgres_init');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.sql')).sort()) {
      execFileSync('psql', ['-v', 'ON_ERROR_STOP=1', '--no-psqlrc', '-q', '--dbname', url.toString(), '-f', join(folder, file)], { stdio: 'pipe' });
    }
    handle = await connect({ kind: 'server', url: url.toString() });
  });
  afterAll(async () => {
    await handle?.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('gives a database cm-tui connects to, recording its schema files as applied', async () => {
    const applied = await handle.db.selectFrom('schema_migrations').select('filename').orderBy('filename').execute();
    expect(applied.map((r) => r.filename)).toEqual(schemaFiles().map((f) => f.filename));
    expect(await rowCounts(handle.db)).toEqual({
      users: 0, playlists: 0, media_items: 0, artists: 0, playlist_metadata_log: 0, playlist_plays_log: 0,
      playlist_positions_log: 0, media_item_metadata_log: 0, playlist_observations: 0, dead_letters: 0, ingest_runs: 0, cm_settings: 1,
    });
  });

  it.skipIf(!existsSync(sample))('takes the sample: the documented row counts (skipped without ../shared/data)', async () => {
    await ingestFile(handle, sample);
    expect(await rowCounts(handle.db)).toEqual({
      users: 7, playlists: 10, media_items: 1046, artists: 262, playlist_metadata_log: 16, playlist_plays_log: 39,
      playlist_positions_log: 3447, media_item_metadata_log: 1046, playlist_observations: 5354, dead_letters: 0, ingest_runs: 1, cm_settings: 1,
    });
  });
});
