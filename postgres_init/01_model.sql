-- The original pipeline's model: four entity tables and four change logs.
-- Idempotent: runs as a docker-entrypoint-initdb.d script and again at every app connect.

DO $$ BEGIN
  CREATE TYPE source AS ENUM ('YOUTUBE', 'SPOTIFY');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

CREATE TABLE IF NOT EXISTS users (
  id        bigserial PRIMARY KEY,
  source    source NOT NULL,
  source_id text   NOT NULL,
  UNIQUE (source, source_id)
);

CREATE TABLE IF NOT EXISTS playlists (
  id        bigserial PRIMARY KEY,
  source    source NOT NULL,
  source_id text   COLLATE "C" NOT NULL,  -- an id: byte order, and memcmp-fast index maintenance
  UNIQUE (source, source_id)
);

CREATE TABLE IF NOT EXISTS media_items (
  id        bigserial PRIMARY KEY,
  source    source NOT NULL,
  source_id text   COLLATE "C" NOT NULL,  -- an id: byte order, and memcmp-fast index maintenance
  UNIQUE (source, source_id)
);

CREATE TABLE IF NOT EXISTS artists (
  id   bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS playlist_metadata_log (
  playlist_id      bigint    NOT NULL REFERENCES playlists (id),
  ingest_timestamp timestamp NOT NULL,
  name             text,
  cover_url        text,
  user_id          bigint REFERENCES users (id),
  num_media_items  integer,
  PRIMARY KEY (playlist_id, ingest_timestamp)
);

CREATE TABLE IF NOT EXISTS playlist_plays_log (
  playlist_id      bigint    NOT NULL REFERENCES playlists (id),
  ingest_timestamp timestamp NOT NULL,
  plays            bigint,
  PRIMARY KEY (playlist_id, ingest_timestamp)
);

CREATE TABLE IF NOT EXISTS playlist_positions_log (
  playlist_id      bigint    NOT NULL REFERENCES playlists (id),
  media_item_id    bigint    NOT NULL REFERENCES media_items (id),
  ingest_timestamp timestamp NOT NULL,
  position         integer,
  PRIMARY KEY (playlist_id, media_item_id, ingest_timestamp)
);
CREATE INDEX IF NOT EXISTS playlist_positions_log_media_item_idx ON playlist_positions_log (media_item_id);

-- Databases created when this table was called media_item_metadata (the original pipeline's
-- name is media_item_metadata_log, so its SQL runs unchanged): renamed in place, rows kept.
DO $$
DECLARE
  old_name text;
BEGIN
  IF to_regclass('media_item_metadata') IS NOT NULL AND to_regclass('media_item_metadata_log') IS NULL THEN
    ALTER TABLE media_item_metadata RENAME TO media_item_metadata_log;
    -- Its constraints (and the primary key's index) as a new table's would be named.
    FOR old_name IN SELECT conname FROM pg_constraint
      WHERE conrelid = 'media_item_metadata_log'::regclass AND conname LIKE 'media\_item\_metadata\_%' LOOP
      EXECUTE format('ALTER TABLE media_item_metadata_log RENAME CONSTRAINT %I TO %I',
        old_name, 'media_item_metadata_log_' || substr(old_name, length('media_item_metadata_') + 1));
    END LOOP;
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS media_item_metadata_log (
  media_item_id    bigint    NOT NULL REFERENCES media_items (id),
  ingest_timestamp timestamp NOT NULL,
  primary_title    text,
  secondary_title  text,
  artist_id        bigint REFERENCES artists (id),
  cover_url        text,
  PRIMARY KEY (media_item_id, ingest_timestamp)
);

-- The track catalog the media items are matched against (the original pipeline's isrc_lookup).
CREATE TABLE IF NOT EXISTS isrc_lookup (
  isrc      text PRIMARY KEY,
  cm_track  bigint,
  track     text,
  cm_artist bigint,
  artist    text
);
