-- Playlists ranked by their latest plays, with the growth since their first recorded plays.
WITH plays AS (
  SELECT playlist_id, ingest_timestamp, plays,
         row_number() OVER (PARTITION BY playlist_id ORDER BY ingest_timestamp DESC) AS newest,
         row_number() OVER (PARTITION BY playlist_id ORDER BY ingest_timestamp) AS oldest
  FROM playlist_plays_log
  WHERE plays IS NOT NULL
),
names AS (
  SELECT DISTINCT ON (playlist_id) playlist_id, name
  FROM playlist_metadata_log
  ORDER BY playlist_id, ingest_timestamp DESC
)
SELECT p.source_id AS playlist, n.name,
       latest.plays AS latest_plays,
       latest.plays - first.plays AS growth,
       latest.ingest_timestamp::date AS as_of
FROM plays latest
JOIN plays first ON first.playlist_id = latest.playlist_id AND first.oldest = 1
JOIN playlists p ON p.id = latest.playlist_id
LEFT JOIN names n ON n.playlist_id = latest.playlist_id
WHERE latest.newest = 1
ORDER BY latest.plays DESC
LIMIT 50
