import { readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { migrate, schemaFiles } from '../../src/db/migrate.js';
import { templateFor } from '../../src/db/pglite-template.js';
import type { DbTarget } from '../../src/db/target.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { ingestFile, tempDir, writeParts } from './load-support.js';

// postgres_init/01_model.sql as cm-tui shipped it while the metadata log was called media_item_metadata.
const BEFORE = readFileSync(new URL('../fixtures/01_model-before-metadata-log.sql', import.meta.url), 'utf8');

// What that version stored: two media items, one with two metadata rows (microseconds kept).
const OLD_ROWS = `
  INSERT INTO users (source, source_id) VALUES ('YOUTUBE', 'UC1');
  INSERT INTO media_items (source, source_id) VALUES ('YOUTUBE', 'v1'), ('YOUTUBE', 'v2');
  INSERT INTO artists (name) VALUES ('Zed');
  INSERT INTO media_item_metadata VALUES
    (1, '2022-05-19 10:00:00.123456', 'Zed - Song', 'Song', 1, 'a.jpg'),
    (1, '2022-05-20 10:00:00', 'Zed - Song (Official Video)', 'Song', 1, NULL),
    (2, '2022-05-19 10:00:00', 'Other', NULL, NULL, NULL);`;

const EXPECTED_ROWS = [
  { media_item_id: 1, ingest_timestamp: '2022-05-19 10:00:00.123456', primary_title: 'Zed - Song', secondary_title: 'Song', artist_id: 1, cover_url: 'a.jpg' },
  { media_item_id: 1, ingest_timestamp: '2022-05-20 10:00:00', primary_title: 'Zed - Song (Official Video)', secondary_title: 'Song', artist_id: 1, cover_url: null },
  { media_item_id: 2, ingest_timestamp: '2022-05-19 10:00:00', primary_title: 'Other', secondary_title: null, artist_id: null, cover_url: null },
];

interface OldDatabase {
  target: DbTarget;
  dispose(): Promise<void>;
}

/** An embedded folder holding the old schema and rows, written by PGlite directly (no cm-tui migrate). */
async function oldEmbedded(): Promise<OldDatabase> {
  const dir = tempDir();
  // The build's template spares an initdb; its schema is replaced by the old one.
  const pglite = await PGlite.create(dir, { loadDataDir: templateFor(dir) });
  await pglite.exec(`DROP SCHEMA public CASCADE; CREATE SCHEMA public; ${BEFORE} ${OLD_ROWS}`);
  await pglite.close();
  return { target: { kind: 'embedded', dir }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new database on the TEST_DATABASE_URL server holding the old schema and rows. */
async function oldServer(adminUrl: string): Promise<OldDatabase> {
  const name = `cm_test_${randomBytes(6).toString('hex')}`;
  const run = async (url: string, text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await run(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await run(url.toString(), BEFORE + OLD_ROWS);
  return { target: { kind: 'server', url: url.toString() }, dispose: () => run(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

const targets: { name: string; make: () => Promise<OldDatabase> }[] = [{ name: 'embedded', make: oldEmbedded }];
const serverUrl = process.env['TEST_DATABASE_URL'];
if (serverUrl) targets.push({ name: 'server', make: () => oldServer(serverUrl) });

/** A database created by the current schema on the same kind of target. */
const freshOf = (target: DbTarget): Promise<FreshDatabase> => testTargets().find((t) => t.name === target.kind)!.fresh();

const rowsOf = async (handle: DbHandle) =>
  (await handle.db.selectFrom('media_item_metadata_log').selectAll().orderBy('media_item_id').orderBy('ingest_timestamp').execute()).map((r) => ({ ...r }));

const constraintsOf = async (handle: DbHandle, table: string) =>
  (await sql<{ name: string }>`SELECT conname AS name FROM pg_constraint WHERE conrelid = to_regclass(${table}) ORDER BY conname`.execute(handle.db)).rows.map((r) => r.name);

describe.each(targets)('a database made while the metadata log was media_item_metadata, on $name', ({ make }) => {
  let old: OldDatabase;
  let handle: DbHandle;
  let fresh: FreshDatabase;
  beforeAll(async () => {
    old = await make();
    handle = await connect(old.target);
    fresh = await freshOf(old.target);
  });
  afterAll(async () => {
    await fresh?.dispose();
    await handle?.close();
    await old?.dispose();
  });

  it('is renamed to media_item_metadata_log in place at connect, its rows kept', async () => {
    const gone = await sql<{ old: string | null }>`SELECT to_regclass('media_item_metadata')::text AS old`.execute(handle.db);
    expect(gone.rows[0]?.old).toBeNull();
    expect(await rowsOf(handle)).toEqual(EXPECTED_ROWS);
  });

  it('names its constraints and primary key index as a database created with the new name', async () => {
    const names = await constraintsOf(handle, 'media_item_metadata_log');
    expect(names).toEqual(await constraintsOf(fresh.handle, 'media_item_metadata_log'));
    expect(names).toEqual(expect.arrayContaining([
      'media_item_metadata_log_artist_id_fkey', 'media_item_metadata_log_media_item_id_fkey', 'media_item_metadata_log_pkey',
    ]));
    const pkey = await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'media_item_metadata_log'`.execute(handle.db);
    expect(pkey.rows.map((r) => r.def)).toEqual(['CREATE UNIQUE INDEX media_item_metadata_log_pkey ON public.media_item_metadata_log USING btree (media_item_id, ingest_timestamp)']);
  });

  it('renames once: running the schema file again (initdb, a later edit) changes nothing', async () => {
    expect(await migrate(handle)).toEqual([]);
    const again = schemaFiles().map((f) => (f.filename === '01_model.sql' ? { ...f, checksum: 'run again' } : f));
    expect(await migrate(handle, again)).toEqual(['01_model.sql']);
    expect(await rowsOf(handle)).toEqual(EXPECTED_ROWS);
  });

  it('takes new loads: a feed with a new video adds its metadata row beside the old ones', async () => {
    const dir = tempDir();
    try {
      const [feed] = writeParts(dir, [[
        { playlist_id: 'PL1', video_id: 'v3', timestp: '2022-05-21T10:00:00', title: 'Zed - New', artist_name: 'Zed', channel_id: 'UC1' },
      ]]);
      await ingestFile(handle, feed!);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const v3 = await sql<{ title: string; artist: string }>`SELECT l.primary_title AS title, a.name AS artist FROM media_item_metadata_log l
      JOIN media_items m ON m.id = l.media_item_id JOIN artists a ON a.id = l.artist_id WHERE m.source_id = 'v3'`.execute(handle.db);
    expect(v3.rows).toEqual([{ title: 'Zed - New', artist: 'Zed' }]);
    expect((await rowsOf(handle)).slice(0, 3)).toEqual(EXPECTED_ROWS);
  });
});
