import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

/** Every model table with ids replaced by natural keys, each as sorted JSON rows. */
export type NaturalTables = Record<string, string[]>;

const sorted = (rows: unknown[][]): string[] => rows.map((r) => JSON.stringify(r)).sort();

/** The reference trims trailing zeros of the microseconds: compare instants at full precision. */
export function instant(timestamp: string | undefined): string {
  const [seconds, fraction = ''] = (timestamp ?? '').split('.');
  return `${seconds}.${fraction.padEnd(6, '0')}`;
}

/** The database's model tables (and the observation log) through natural keys. */
export async function naturalDatabase(db: Kysely<Database>): Promise<NaturalTables> {
  const rows = async (text: string): Promise<string[]> => {
    const result = await sql.raw<Record<string, unknown>>(text).execute(db);
    return sorted(result.rows.map((r) => Object.values(r)));
  };
  const ts = (column: string) => `to_char(${column}, 'YYYY-MM-DD HH24:MI:SS.US')`;
  return {
    users: await rows(`SELECT source, source_id FROM users`),
    playlists: await rows(`SELECT source, source_id FROM playlists`),
    media_items: await rows(`SELECT source, source_id FROM media_items`),
    artists: await rows(`SELECT name FROM artists`),
    playlist_metadata_log: await rows(`SELECT p.source_id, ${ts('l.ingest_timestamp')}, l.name, l.cover_url, u.source_id AS user, l.num_media_items::text
      FROM playlist_metadata_log l JOIN playlists p ON p.id = l.playlist_id LEFT JOIN users u ON u.id = l.user_id`),
    playlist_plays_log: await rows(`SELECT p.source_id, ${ts('l.ingest_timestamp')}, l.plays::text FROM playlist_plays_log l JOIN playlists p ON p.id = l.playlist_id`),
    playlist_positions_log: await rows(`SELECT p.source_id, m.source_id AS video, ${ts('l.ingest_timestamp')}, l.position::text
      FROM playlist_positions_log l JOIN playlists p ON p.id = l.playlist_id JOIN media_items m ON m.id = l.media_item_id`),
    media_item_metadata_log: await rows(`SELECT m.source_id, ${ts('l.ingest_timestamp')}, l.primary_title, l.secondary_title, a.name, l.cover_url
      FROM media_item_metadata_log l JOIN media_items m ON m.id = l.media_item_id LEFT JOIN artists a ON a.id = l.artist_id`),
    playlist_observations: await rows(`SELECT count(*)::text, count(DISTINCT playlist_source_id)::text, sum(coalesce(views, 0))::text, sum(coalesce(position, 0))::text FROM playlist_observations`),
  };
}

/** Row counts of every table cm-tui writes during a load, for "nothing changed" checks. */
export async function rowCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const tables = ['users', 'playlists', 'media_items', 'artists', 'playlist_metadata_log', 'playlist_plays_log',
    'playlist_positions_log', 'media_item_metadata_log', 'playlist_observations', 'dead_letters', 'ingest_runs', 'cm_settings'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const result = await sql.raw<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${table}`).execute(db);
    counts[table] = result.rows[0]!.n;
  }
  return counts;
}

type Row = Record<string, string>;

/** The eight model CSVs of a folder through natural keys (same shape as naturalDatabase, minus observations). */
export function naturalFolder(folder: string): NaturalTables {
  const table = (name: string): Row[] => parse(readFileSync(join(folder, `${name}.csv`)), { columns: true }) as Row[];
  const must = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`${folder}: id without an entity row`);
    return value;
  };
  const idMap = (rows: Row[], column: string) => new Map(rows.map((r) => [r['id'], r[column]]));
  const users = idMap(table('users'), 'source_id');
  const playlists = idMap(table('playlists'), 'source_id');
  const media = idMap(table('media_items'), 'source_id');
  const artists = idMap(table('artists'), 'name');
  const orNull = (value: string | undefined) => (value === '' || value === undefined ? null : value);
  return {
    users: sorted(table('users').map((r) => [r['source'], r['source_id']])),
    playlists: sorted(table('playlists').map((r) => [r['source'], r['source_id']])),
    media_items: sorted(table('media_items').map((r) => [r['source'], r['source_id']])),
    artists: sorted(table('artists').map((r) => [r['name']])),
    playlist_metadata_log: sorted(table('playlist_metadata_log').map((r) => [must(playlists.get(r['playlist_id'])), instant(r['ingest_timestamp']),
      orNull(r['playlist_name']), orNull(r['cover_url']), r['user_id'] === '' ? null : must(users.get(r['user_id'])), orNull(r['num_media_items'])])),
    playlist_plays_log: sorted(table('playlist_plays_log').map((r) => [must(playlists.get(r['playlist_id'])), instant(r['ingest_timestamp']), orNull(r['plays'])])),
    playlist_positions_log: sorted(table('playlist_positions_log').map((r) => [must(playlists.get(r['playlist_id'])), must(media.get(r['media_item_id'])),
      instant(r['ingest_timestamp']), orNull(r['position'])])),
    media_item_metadata_log: sorted(table('media_item_metadata').map((r) => [must(media.get(r['media_item_id'])), instant(r['ingest_timestamp']),
      orNull(r['primary_title']), orNull(r['secondary_title']), r['artist_id'] === '' ? null : must(artists.get(r['artist_id'])), orNull(r['media_cover_url'])])),
  };
}
