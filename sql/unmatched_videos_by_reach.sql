-- Videos without an accepted ISRC match, by reach: how many playlists hold them and those playlists' latest plays.
WITH latest_plays AS (
  SELECT DISTINCT ON (playlist_id) playlist_id, plays
  FROM playlist_plays_log
  ORDER BY playlist_id, ingest_timestamp DESC
),
membership AS (
  SELECT media_item_id, playlist_id, min(position) AS best_position
  FROM playlist_positions_log
  GROUP BY media_item_id, playlist_id
),
latest_title AS (
  SELECT DISTINCT ON (media_item_id) media_item_id, primary_title
  FROM media_item_metadata_log
  ORDER BY media_item_id, ingest_timestamp DESC
)
SELECT mi.source_id AS video_id,
       t.primary_title AS title,
       count(*) AS playlists,
       sum(coalesce(lp.plays, 0)) AS reach_plays,
       min(m.best_position) AS best_position,
       coalesce(s.decision::text, 'undecided') AS review_state,
       round(c.score::numeric, 2) AS top_score
FROM membership m
JOIN media_items mi ON mi.id = m.media_item_id
LEFT JOIN latest_plays lp ON lp.playlist_id = m.playlist_id
LEFT JOIN latest_title t ON t.media_item_id = mi.id
LEFT JOIN isrc_match_state s ON s.media_item_id = mi.id
LEFT JOIN isrc_candidates c ON c.media_item_id = mi.id AND c.rank = 1
WHERE s.decision IS DISTINCT FROM 'accept'
GROUP BY mi.source_id, t.primary_title, s.decision, c.score
ORDER BY reach_plays DESC, playlists DESC, video_id
LIMIT 100
