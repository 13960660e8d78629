import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { CsvSink } from '../../src/ingest/csv-sink.js';
import { runIngest, type IngestSummary } from '../../src/ingest/pipeline.js';
import { MODEL_TABLES } from '../../src/model/tables.js';
import { tempDir } from './fixtures.js';

const shared = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
const sample = join(shared, 'youtube_playlist.json');
const reference = join(shared, 'reference-output');

type Row = Record<string, string>;
const readCsv = (path: string): Row[] => parse(readFileSync(path), { columns: true }) as Row[];

/** The reference trims trailing zeros of the microseconds: compare instants at full precision. */
function instant(timestamp: string | undefined): string {
  const [seconds, fraction = ''] = (timestamp ?? '').split('.');
  return `${seconds}.${fraction.padEnd(6, '0')}`;
}

/** All eight tables of a folder with ids replaced by natural keys, each as sorted JSON rows. */
function naturalTables(folder: string): Record<string, string[]> {
  const table = (name: string): Row[] => readCsv(join(folder, `${name}.csv`));
  const bySourceId = (rows: Row[]): Map<string | undefined, string | undefined> => new Map(rows.map((r) => [r['id'], r['source_id']]));
  // A dangling id must fail the test, not turn into null on both sides.
  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`${folder}: id without an entity row`);
    return value;
  };
  const users = bySourceId(table('users'));
  const playlists = bySourceId(table('playlists'));
  const media = bySourceId(table('media_items'));
  const artists = new Map(table('artists').map((r) => [r['id'], r['name']]));
  const sorted = (rows: unknown[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();
  const nullable = (value: string | undefined): string | null => (value === '' || value === undefined ? null : value);
  return {
    users: sorted(table('users').map((r) => [r['source'], r['source_id']])),
    playlists: sorted(table('playlists').map((r) => [r['source'], r['source_id']])),
    media_items: sorted(table('media_items').map((r) => [r['source'], r['source_id']])),
    artists: sorted(table('artists').map((r) => [r['name']])),
    playlist_metadata_log: sorted(
      table('playlist_metadata_log').map((r) => [
        must(playlists.get(r['playlist_id'])),
        instant(r['ingest_timestamp']),
        r['playlist_name'],
        r['cover_url'],
        r['user_id'] === '' ? null : must(users.get(r['user_id'])),
        r['num_media_items'],
      ]),
    ),
    playlist_plays_log: sorted(table('playlist_plays_log').map((r) => [must(playlists.get(r['playlist_id'])), instant(r['ingest_timestamp']), r['plays']])),
    playlist_positions_log: sorted(
      table('playlist_positions_log').map((r) => [
        must(playlists.get(r['playlist_id'])),
        must(media.get(r['media_item_id'])),
        instant(r['ingest_timestamp']),
        r['position'],
      ]),
    ),
    media_item_metadata_log: sorted(
      table('media_item_metadata').map((r) => [
        must(media.get(r['media_item_id'])),
        instant(r['ingest_timestamp']),
        r['primary_title'],
        nullable(r['secondary_title']),
        r['artist_id'] === '' ? null : must(artists.get(r['artist_id'])),
        r['media_cover_url'],
      ]),
    ),
  };
}

describe.skipIf(!existsSync(sample) || !existsSync(reference))('golden: the sample equals the reference output (skipped without ../shared/data)', () => {
  let out: string;
  let summary: IngestSummary;
  beforeAll(async () => {
    out = tempDir('cm-tui-golden-');
    summary = await runIngest(sample, { sinks: [new CsvSink(out, 'day')] });
  });

  it('reads every record as valid', () => {
    expect(summary).toMatchObject({ format: 'array', recordsRead: 5354, valid: 5354, duplicates: 0, deadLetters: 0 });
    expect(readFileSync(join(out, 'dead_letters.jsonl'), 'utf8')).toBe('');
  });

  it('gives the row counts the original pipeline gives for the sample', () => {
    expect(summary.tables).toEqual({
      users: 7,
      playlists: 10,
      media_items: 1046,
      artists: 262,
      playlist_metadata_log: 16,
      playlist_plays_log: 39,
      playlist_positions_log: 3447,
      media_item_metadata_log: 1046,
    });
  });

  it('writes the reference file names with identical headers', () => {
    for (const table of MODEL_TABLES) {
      const header = (path: string): string => readFileSync(path, 'utf8').split('\n', 1)[0] as string;
      expect(header(join(out, table.file))).toBe(header(join(reference, table.file)));
    }
  });

  it('holds the same rows as the reference, compared through natural keys', () => {
    const ours = naturalTables(out);
    const theirs = naturalTables(reference);
    for (const table of MODEL_TABLES) expect(ours[table.name], table.name).toEqual(theirs[table.name]);
  });
});
