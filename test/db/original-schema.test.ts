import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCatalog } from '../../src/match/catalog-import.js';
import { packageRoot } from '../../src/paths.js';
import { CATALOG } from '../support/sample-db.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { ingestFile, sample } from './load-support.js';

// The original pipeline's tables and columns (its postgres_init/00_create_tables.sql), which its
// SQL names; cm-tui may add columns and tables, never rename these.
const ORIGINAL_TABLES: Record<string, string[]> = {
  users: ['id', 'source', 'source_id'],
  playlists: ['id', 'source', 'source_id'],
  media_items: ['id', 'source', 'source_id'],
  artists: ['id', 'name'],
  playlist_metadata_log: ['playlist_id', 'ingest_timestamp', 'name', 'cover_url', 'user_id', 'num_media_items'],
  playlist_plays_log: ['playlist_id', 'ingest_timestamp', 'plays'],
  playlist_positions_log: ['playlist_id', 'media_item_id', 'ingest_timestamp', 'position'],
  media_item_metadata_log: ['media_item_id', 'ingest_timestamp', 'primary_title', 'secondary_title', 'artist_id', 'cover_url'],
  isrc_lookup: ['track', 'artist', 'isrc'],
};

describe.each(testTargets())('the original pipeline\'s schema on $name', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
  });
  afterAll(() => fresh?.dispose());

  it('has its tables and columns under their names, and its `source` enum', async () => {
    const columns = await sql<{ table: string; column: string }>`SELECT table_name AS table, column_name AS column
      FROM information_schema.columns WHERE table_schema = 'public'`.execute(fresh.handle.db);
    const found = new Map<string, string[]>();
    for (const { table, column } of columns.rows) found.set(table, [...(found.get(table) ?? []), column]);
    for (const [table, wanted] of Object.entries(ORIGINAL_TABLES)) expect({ table, columns: found.get(table) }).toEqual({ table, columns: expect.arrayContaining(wanted) });
    const labels = await sql<{ label: string }>`SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
      WHERE t.typname = 'source' ORDER BY e.enumsortorder`.execute(fresh.handle.db);
    expect(labels.rows.map((r) => r.label)).toEqual(['YOUTUBE', 'SPOTIFY']);
  });
});

describe.skipIf(!existsSync(sample) || !existsSync(CATALOG)).each(testTargets())('the original ILIKE match on the sample and catalog on $name (skipped without ../shared/data)', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
    await ingestFile(fresh.handle, sample);
    await importCatalog(fresh.handle, CATALOG);
  });
  afterAll(() => fresh?.dispose());

  it('sql/baseline_match.sql runs as written: 220 matches over 188 media items', async () => {
    const query = readFileSync(`${packageRoot()}/sql/baseline_match.sql`, 'utf8').replace(/;\s*$/, '');
    const rows = (await sql.raw<{ video_id: string; isrc: string; track: string; artist: string }>(query).execute(fresh.handle.db)).rows;
    expect(rows).toHaveLength(220);
    expect(new Set(rows.map((r) => r.video_id)).size).toBe(188);
    expect(new Set(rows.map((r) => `${r.video_id} ${r.isrc}`)).size).toBe(220);
  });
});
