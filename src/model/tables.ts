/**
 * The eight model tables as files and columns: one definition shared by the CSV export and the
 * database layer, so names and headers cannot drift apart. Headers equal the reference output
 * (../shared/data/reference-output/*.csv) exactly.
 */

export type EntityTableName = 'users' | 'playlists' | 'media_items' | 'artists';
export type ChangeLogName = 'playlist_metadata_log' | 'playlist_plays_log' | 'playlist_positions_log' | 'media_item_metadata_log';
export type ModelTableName = EntityTableName | ChangeLogName;

export interface TableDefinition {
  /** Table name in Postgres (the original pipeline's) and in summaries. */
  name: ModelTableName;
  /** File name in an output folder. */
  file: string;
  /** CSV header, in order. */
  columns: readonly string[];
}

export interface EntityTableDefinition extends TableDefinition {
  name: EntityTableName;
}

export interface ChangeLogDefinition extends TableDefinition {
  name: ChangeLogName;
  /** Entity id columns that identify the tracked thing. */
  keyColumns: readonly string[];
  /** The tracked values; a row is emitted when this tuple changes. */
  valueColumns: readonly string[];
}

/** Every change log's columns: keys, then `ingest_timestamp`, then values. */
export const INGEST_TIMESTAMP = 'ingest_timestamp';

function changeLog(name: ChangeLogName, keyColumns: string[], valueColumns: string[], file = `${name}.csv`): ChangeLogDefinition {
  return { name, file, keyColumns, valueColumns, columns: [...keyColumns, INGEST_TIMESTAMP, ...valueColumns] };
}

export const USERS: EntityTableDefinition = { name: 'users', file: 'users.csv', columns: ['id', 'source', 'source_id'] };
export const PLAYLISTS: EntityTableDefinition = { name: 'playlists', file: 'playlists.csv', columns: ['id', 'source', 'source_id'] };
export const MEDIA_ITEMS: EntityTableDefinition = { name: 'media_items', file: 'media_items.csv', columns: ['id', 'source', 'source_id'] };
export const ARTISTS: EntityTableDefinition = { name: 'artists', file: 'artists.csv', columns: ['id', 'name'] };

export const PLAYLIST_METADATA_LOG = changeLog('playlist_metadata_log', ['playlist_id'], ['playlist_name', 'cover_url', 'user_id', 'num_media_items']);
export const PLAYLIST_PLAYS_LOG = changeLog('playlist_plays_log', ['playlist_id'], ['plays']);
export const PLAYLIST_POSITIONS_LOG = changeLog('playlist_positions_log', ['playlist_id', 'media_item_id'], ['position']);
// The original pipeline's table is media_item_metadata_log, its CSV file media_item_metadata.csv.
export const MEDIA_ITEM_METADATA_LOG = changeLog('media_item_metadata_log', ['media_item_id'], ['primary_title', 'secondary_title', 'artist_id', 'media_cover_url'], 'media_item_metadata.csv');

export const ENTITY_TABLES: readonly EntityTableDefinition[] = [USERS, PLAYLISTS, MEDIA_ITEMS, ARTISTS];
export const CHANGE_LOGS: readonly ChangeLogDefinition[] = [PLAYLIST_METADATA_LOG, PLAYLIST_PLAYS_LOG, PLAYLIST_POSITIONS_LOG, MEDIA_ITEM_METADATA_LOG];
/** All eight, in the order files are written and summaries list them. */
export const MODEL_TABLES: readonly TableDefinition[] = [...ENTITY_TABLES, ...CHANGE_LOGS];

/** Postgres names the CSV columns differently in two places: the original pipeline's `name` and `cover_url`. */
export const DB_COLUMN_NAMES: Readonly<Record<string, string>> = { playlist_name: 'name', media_cover_url: 'cover_url' };

/** The one source the feed knows (`source` enum in Postgres: YOUTUBE, SPOTIFY). */
export const SOURCE_YOUTUBE = 'YOUTUBE';

/** A CSV/database cell: null is an empty (unquoted) CSV field. */
export type Cell = string | number | null;
