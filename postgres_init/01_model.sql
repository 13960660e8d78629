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

CREATE TABLE IF NOT EXISTS media_item_metadata (
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
