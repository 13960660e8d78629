import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_EXPORT_TABLES, exportTables, listExportableTables, type ExportProgress } from '../../src/db/export.js';
import { DatabaseSink } from '../../src/db/ingest-sink.js';
import { MODEL_TABLES } from '../../src/model/tables.js';
import { UserError } from '../../src/errors.js';
import { runIngest } from '../../src/ingest/pipeline.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';
import { naturalFolder } from './natural.js';
import { reference, sample, tempDir } from './load-support.js';

describe.skipIf(!existsSync(sample)).each(testTargets())('export on $name (skipped without ../shared/data)', (target) => {
  let fresh: FreshDatabase;
  let outOfIngest: string;
  beforeAll(async () => {
    fresh = await target.fresh();
    outOfIngest = tempDir();
    // Through the ingest pipeline's database sink, with --out written inside the transaction.
    const sink = new DatabaseSink(fresh.handle, { file: sample, granularity: 'day', outDir: outOfIngest });
    const summary = await runIngest(sample, { sinks: [sink] });
    expect(summary.tables).toMatchObject({ playlists: 10, playlist_positions_log: 3447 });
    expect(sink.summary?.observations.inserted).toBe(5354);
  });
  afterAll(() => fresh?.dispose());

  it('writes the eight model tables equal to the reference output through natural keys', async () => {
    const out = tempDir();
    const progress: ExportProgress[] = [];
    const written = await exportTables(fresh.handle, DEFAULT_EXPORT_TABLES, out, { onProgress: (p) => progress.push(p) });
    expect(written.map((w) => [w.table, w.rows])).toEqual([
      ['users', 7], ['playlists', 10], ['media_items', 1046], ['artists', 262], ['playlist_metadata_log', 16],
      ['playlist_plays_log', 39], ['playlist_positions_log', 3447], ['media_item_metadata_log', 1046],
    ]);
    expect(progress.filter((p) => p.done).map((p) => p.table)).toEqual([...DEFAULT_EXPORT_TABLES]);
    expect(naturalFolder(out)).toEqual(naturalFolder(reference));
    const metadata = readFileSync(join(out, 'playlist_metadata_log.csv'), 'utf8').split('\n');
    expect(metadata[0]).toBe('playlist_id,ingest_timestamp,playlist_name,cover_url,user_id,num_media_items');
    expect(readFileSync(join(out, 'media_item_metadata.csv'), 'utf8').split('\n')[0]).toBe(
      'media_item_id,ingest_timestamp,primary_title,secondary_title,artist_id,media_cover_url',
    );
    for (const line of metadata.slice(1, -1)) expect(line.split(',')[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    expect(readdirSync(out).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('ingest --out into a database writes exactly what export writes', async () => {
    const out = tempDir();
    await exportTables(fresh.handle, DEFAULT_EXPORT_TABLES, out);
    for (const { file } of MODEL_TABLES) {
      expect(readFileSync(join(outOfIngest, file), 'utf8')).toBe(readFileSync(join(out, file), 'utf8'));
    }
    expect(readFileSync(join(outOfIngest, 'dead_letters.jsonl'), 'utf8')).toBe('');
  });

  it('exports any table or view, and names the valid tables for an unknown one', async () => {
    await sql`CREATE OR REPLACE VIEW busiest_playlists AS
      SELECT p.source_id, count(*)::int8 AS positions FROM playlist_positions_log l JOIN playlists p ON p.id = l.playlist_id
      GROUP BY p.source_id ORDER BY positions DESC, p.source_id LIMIT 2`.execute(fresh.handle.db);
    expect(await listExportableTables(fresh.handle)).toEqual(expect.arrayContaining(['busiest_playlists', 'ingest_runs', 'playlist_observations', 'users']));
    const out = tempDir();
    const written = await exportTables(fresh.handle, ['busiest_playlists', 'ingest_runs'], out);
    expect(written.map((w) => [w.table, w.rows])).toEqual([['busiest_playlists', 2], ['ingest_runs', 1]]);
    const runs = readFileSync(join(out, 'ingest_runs.csv'), 'utf8').split('\n');
    expect(runs[0]).toBe('id,source_file,sha256,granularity,started_at,finished_at,records_read,valid,duplicates,dead_letters,inserted');
    expect(runs[1]).toMatch(/^1,.*youtube_playlist\.json,[0-9a-f]{64},day,.*,5354,5354,0,0,5354$/);
    expect(readFileSync(join(out, 'busiest_playlists.csv'), 'utf8').split('\n')[0]).toBe('source_id,positions');

    const empty = tempDir();
    const failing = exportTables(fresh.handle, ['users', 'no_such_table'], empty);
    await expect(failing).rejects.toBeInstanceOf(UserError);
    await expect(failing).rejects.toThrow(/^unknown table no_such_table; valid: .*artists, .*users/);
    expect(readdirSync(empty)).toEqual([]);
  });
});
