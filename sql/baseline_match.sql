-- The original pipeline's ISRC match, kept as the baseline `npm run match:eval` compares against:
-- an exact, case-insensitive ILIKE join of each media item's latest track title (secondary_title)
-- and artist name against isrc_lookup. As in the original, ILIKE reads % and _ in catalog titles as
-- wildcards, and a video without artist_name or track_title can never match.
SELECT mi.source_id AS video_id, l.isrc, l.track, l.artist
FROM media_items mi
JOIN LATERAL (
  SELECT m.secondary_title, m.artist_id FROM media_item_metadata_log m
  WHERE m.media_item_id = mi.id ORDER BY m.ingest_timestamp DESC LIMIT 1
) m ON true
JOIN artists a ON a.id = m.artist_id
JOIN isrc_lookup l ON m.secondary_title ILIKE l.track AND a.name ILIKE l.artist
ORDER BY mi.source_id, l.isrc;
