-- ISRC matching: the candidates `cm-tui match` proposes and the analyst's append-only decision log.
-- Idempotent: runs as a docker-entrypoint-initdb.d script and again at every app connect.

-- Top N catalog rows per media item from the last match run (replaced per item on every run).
CREATE TABLE IF NOT EXISTS isrc_candidates (
  media_item_id   bigint           NOT NULL REFERENCES media_items (id),
  rank            integer          NOT NULL CHECK (rank >= 1),
  isrc            text             NOT NULL,
  score           double precision NOT NULL CHECK (score BETWEEN 0 AND 1),
  title_score     double precision NOT NULL,
  artist_score    double precision NOT NULL,
  -- Why the score is what it is, ';'-separated: catalog:remix, video:live, artist:in-title, ...
  flags           text             NOT NULL DEFAULT '',
  -- The reading of the video title that scored best: folded song title and artists ('; '-separated).
  reading_title   text             NOT NULL DEFAULT '',
  reading_artists text             NOT NULL DEFAULT '',
  matched_at      timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (media_item_id, rank)
);
CREATE INDEX IF NOT EXISTS isrc_candidates_isrc_idx ON isrc_candidates (isrc);

-- Recordings and confidences (added in place to a database made before them). Rows of one
-- recording (same title, artist, credits and version under several ISRCs) share `recording`, the
-- recording's rank for the item; its representative, the ISRC an accept records, comes first.
-- `confidence` is P(this recording is the item's) from the fitted model, NULL for candidates
-- stored by an older version (run match again); `evidence` its waterfall in words.
ALTER TABLE isrc_candidates ADD COLUMN IF NOT EXISTS recording integer;
UPDATE isrc_candidates SET recording = rank WHERE recording IS NULL;
ALTER TABLE isrc_candidates ALTER COLUMN recording SET NOT NULL;
ALTER TABLE isrc_candidates ADD COLUMN IF NOT EXISTS representative boolean NOT NULL DEFAULT true;
ALTER TABLE isrc_candidates ADD COLUMN IF NOT EXISTS confidence double precision CHECK (confidence BETWEEN 0 AND 1);
ALTER TABLE isrc_candidates ADD COLUMN IF NOT EXISTS evidence text NOT NULL DEFAULT '';

DO $$ BEGIN
  CREATE TYPE isrc_recommendation_level AS ENUM ('strong', 'medium', 'low', 'none');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- One recommendation per matched media item, computed with its candidates by the same match run:
-- what auto-accept, auto no-match, the review queues and the review screen read.
CREATE TABLE IF NOT EXISTS isrc_recommendations (
  media_item_id bigint                    PRIMARY KEY REFERENCES media_items (id),
  level         isrc_recommendation_level NOT NULL,
  -- P(the top recording is the item's); 0 without candidates.
  confidence    double precision          NOT NULL CHECK (confidence BETWEEN 0 AND 1),
  -- The top recording's representative ISRC; NULL without candidates.
  isrc          text,
  -- Why a person must look although the confidence is high (an edit row for a full video).
  caveat        text,
  reason        text                      NOT NULL,
  matched_at    timestamptz               NOT NULL DEFAULT now()
);

DO $$ BEGIN
  CREATE TYPE isrc_decision AS ENUM ('accept', 'reject', 'no_match', 'defer', 'undo');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

DO $$ BEGIN
  CREATE TYPE isrc_decision_method AS ENUM ('manual', 'auto');
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;

-- The audit log. Never updated or deleted: an undo is a new row naming the decision it undoes.
CREATE TABLE IF NOT EXISTS isrc_match_decisions (
  id            bigserial            PRIMARY KEY,
  media_item_id bigint               NOT NULL REFERENCES media_items (id),
  isrc          text,
  decision      isrc_decision        NOT NULL,
  method        isrc_decision_method NOT NULL DEFAULT 'manual',
  score         double precision,
  reviewer      text                 NOT NULL,
  note          text,
  decided_at    timestamptz          NOT NULL DEFAULT clock_timestamp(),
  undoes        bigint REFERENCES isrc_match_decisions (id),
  CHECK ((decision = 'undo') = (undoes IS NOT NULL)),
  CHECK (decision <> 'accept' OR isrc IS NOT NULL)
);
CREATE INDEX IF NOT EXISTS isrc_match_decisions_item_idx ON isrc_match_decisions (media_item_id, id);
-- A decision is undone at most once; undoing the undo brings it back. The chain stays a line.
CREATE UNIQUE INDEX IF NOT EXISTS isrc_match_decisions_undoes_idx ON isrc_match_decisions (undoes);

CREATE OR REPLACE FUNCTION isrc_match_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'isrc_match_decisions is append-only: record an undo instead';
END $$;
DROP TRIGGER IF EXISTS isrc_match_decisions_append_only ON isrc_match_decisions;
CREATE TRIGGER isrc_match_decisions_append_only BEFORE UPDATE OR DELETE ON isrc_match_decisions
  FOR EACH ROW EXECUTE FUNCTION isrc_match_decisions_append_only();
-- TRUNCATE fires no row triggers: refuse it per statement (also when cascaded from media_items).
DROP TRIGGER IF EXISTS isrc_match_decisions_no_truncate ON isrc_match_decisions;
CREATE TRIGGER isrc_match_decisions_no_truncate BEFORE TRUNCATE ON isrc_match_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION isrc_match_decisions_append_only();

-- The current decision per media item, derived by walking the log: a decision counts while the
-- chain of undos hanging off it is of even length (undo of undo restores it); the latest
-- counting decision wins.
CREATE OR REPLACE VIEW isrc_match_state AS
WITH RECURSIVE chain AS (
  SELECT d.id AS root, d.id, 0 AS depth FROM isrc_match_decisions d WHERE d.decision <> 'undo'
  UNION ALL
  SELECT c.root, u.id, c.depth + 1 FROM chain c JOIN isrc_match_decisions u ON u.undoes = c.id
), standing AS (
  SELECT root FROM chain GROUP BY root HAVING max(depth) % 2 = 0
)
SELECT DISTINCT ON (d.media_item_id)
  d.media_item_id, d.id AS decision_id, d.isrc, d.decision, d.method, d.score, d.reviewer, d.note, d.decided_at
FROM isrc_match_decisions d JOIN standing s ON s.root = d.id
ORDER BY d.media_item_id, d.id DESC;

-- The current accepted match per media item, in the columns `cm-tui export --tables isrc_matches` writes.
CREATE OR REPLACE VIEW isrc_matches AS
SELECT mi.source_id AS video_id, s.isrc, l.track, l.artist, s.score, s.method::text AS method, s.reviewer, s.decided_at
FROM isrc_match_state s
JOIN media_items mi ON mi.id = s.media_item_id
LEFT JOIN isrc_lookup l ON l.isrc = s.isrc
WHERE s.decision = 'accept';
