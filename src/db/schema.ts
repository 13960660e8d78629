import type { Generated } from 'kysely';
import type { ObservationColumns } from '../record/fields.js';

/**
 * Every table cm-tui reads or writes, as the connect layer returns them: int8 as number (our
 * ids and counts stay far below 2^53), timestamps as Postgres' own text so microseconds survive.
 * Tables added by later schema files extend this interface in their own modules' types.
 */
export type Source = 'YOUTUBE' | 'SPOTIFY';
/** `YYYY-MM-DD HH:MM:SS[.ffffff]` as Postgres prints a `timestamp`. */
export type Timestamp = string;

export interface EntityTable {
  id: Generated<number>;
  source: Source;
  source_id: string;
}

export interface ArtistsTable {
  id: Generated<number>;
  name: string;
}

export interface PlaylistMetadataLogTable {
  playlist_id: number;
  ingest_timestamp: Timestamp;
  name: string | null;
  cover_url: string | null;
  user_id: number | null;
  num_media_items: number | null;
}

export interface PlaylistPlaysLogTable {
  playlist_id: number;
  ingest_timestamp: Timestamp;
  plays: number | null;
}

export interface PlaylistPositionsLogTable {
  playlist_id: number;
  media_item_id: number;
  ingest_timestamp: Timestamp;
  position: number | null;
}

export interface MediaItemMetadataTable {
  media_item_id: number;
  ingest_timestamp: Timestamp;
  primary_title: string | null;
  secondary_title: string | null;
  artist_id: number | null;
  cover_url: string | null;
}

export interface IsrcLookupTable {
  isrc: string;
  cm_track: number | null;
  track: string | null;
  cm_artist: number | null;
  artist: string | null;
}

export interface IngestRunsTable {
  id: Generated<number>;
  source_file: string;
  sha256: string;
  granularity: string;
  started_at: Generated<Timestamp>;
  finished_at: Timestamp | null;
  records_read: Generated<number>;
  valid: Generated<number>;
  duplicates: Generated<number>;
  dead_letters: Generated<number>;
  inserted: Generated<number>;
}

/** The record's columns come from its declaration (src/record/fields.ts). */
export type PlaylistObservationsTable = { source: Generated<Source> } & ObservationColumns<Timestamp> & { ingest_run_id: number | null };

export interface DeadLettersTable {
  id: Generated<number>;
  ingest_run_id: number | null;
  source_file: string;
  /** Null for a conflict with an observation already in the database. */
  record_index: number | null;
  raw_text: string;
  reason: string;
  created_at: Generated<Timestamp>;
}

export interface SettingsTable {
  name: string;
  value: string;
}

export interface ModelTables {
  users: EntityTable;
  playlists: EntityTable;
  media_items: EntityTable;
  artists: ArtistsTable;
  playlist_metadata_log: PlaylistMetadataLogTable;
  playlist_plays_log: PlaylistPlaysLogTable;
  playlist_positions_log: PlaylistPositionsLogTable;
  media_item_metadata_log: MediaItemMetadataTable;
  isrc_lookup: IsrcLookupTable;
}

export interface IngestTables {
  ingest_runs: IngestRunsTable;
  playlist_observations: PlaylistObservationsTable;
  dead_letters: DeadLettersTable;
  cm_settings: SettingsTable;
  schema_migrations: { filename: string; checksum: string; applied_at: Generated<Timestamp> };
}

export type IsrcDecision = 'accept' | 'reject' | 'no_match' | 'defer' | 'undo';
export type IsrcDecisionMethod = 'manual' | 'auto';
export type RecommendationLevel = 'strong' | 'medium' | 'low' | 'none';

/** ISRC matching (postgres_init/03_match.sql): candidates, the append-only decision log, derived views. */
export interface MatchTables {
  isrc_candidates: {
    media_item_id: number;
    rank: number;
    isrc: string;
    score: number;
    title_score: number;
    artist_score: number;
    flags: Generated<string>;
    reading_title: Generated<string>;
    reading_artists: Generated<string>;
    matched_at: Generated<Timestamp>;
    /** Rank of the candidate's recording (its rows share it); the representative row comes first. */
    recording: number;
    representative: Generated<boolean>;
    /** P(the recording is the item's); null for candidates stored before confidences. */
    confidence: number | null;
    /** The waterfall: each piece of evidence and how much it moved the score, '; '-separated. */
    evidence: Generated<string>;
  };
  isrc_recommendations: {
    media_item_id: number;
    level: RecommendationLevel;
    confidence: number;
    isrc: string | null;
    caveat: string | null;
    reason: string;
    matched_at: Generated<Timestamp>;
  };
  isrc_match_decisions: {
    id: Generated<number>;
    media_item_id: number;
    isrc: string | null;
    decision: IsrcDecision;
    method: Generated<IsrcDecisionMethod>;
    score: number | null;
    reviewer: string;
    note: string | null;
    decided_at: Generated<Timestamp>;
    undoes: number | null;
  };
  isrc_match_state: {
    media_item_id: number;
    decision_id: number;
    isrc: string | null;
    decision: Exclude<IsrcDecision, 'undo'>;
    method: IsrcDecisionMethod;
    score: number | null;
    reviewer: string;
    note: string | null;
    decided_at: Timestamp;
  };
  isrc_matches: {
    video_id: string;
    isrc: string;
    track: string | null;
    artist: string | null;
    score: number | null;
    method: IsrcDecisionMethod;
    reviewer: string;
    decided_at: Timestamp;
  };
}

export interface Database extends ModelTables, IngestTables, MatchTables {}
