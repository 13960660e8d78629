-- One video's position in each playlist over time: \i video_position_history video_id=XYZ (the YouTube video id).
SELECT pl.source_id AS playlist, n.name AS playlist_name, l.ingest_timestamp, l.position
FROM playlist_positions_log l
JOIN media_items m ON m.id = l.media_item_id
JOIN playlists pl ON pl.id = l.playlist_id
LEFT JOIN LATERAL (
  SELECT name FROM playlist_metadata_log pm
  WHERE pm.playlist_id = l.playlist_id
  ORDER BY pm.ingest_timestamp DESC
  LIMIT 1
) n ON true
WHERE m.source_id = :'video_id'
ORDER BY pl.source_id, l.ingest_timestamp
