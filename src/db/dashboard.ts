import { sql } from 'kysely';
import type { DbHandle } from './connect.js';

export interface TopPlaylist {
  playlistId: string;
  name: string | null;
  /** Plays (views) at the latest logged change. */
  plays: number;
  playsAt: string;
  /** Plays at the change before it, null when the playlist has one row. */
  previousPlays: number | null;
  previousAt: string | null;
}

/** Playlists ranked by their latest plays, with the change since the previous logged value. */
export async function topPlaylists(handle: DbHandle, limit = 10): Promise<TopPlaylist[]> {
  const result = await sql<{ source_id: string; name: string | null; plays: number; plays_at: string; previous_plays: number | null; previous_at: string | null }>`
    WITH ranked AS (
      SELECT playlist_id, plays, ingest_timestamp,
             row_number() OVER (PARTITION BY playlist_id ORDER BY ingest_timestamp DESC) AS recency
        FROM playlist_plays_log WHERE plays IS NOT NULL
    ), latest_name AS (
      SELECT DISTINCT ON (playlist_id) playlist_id, name
        FROM playlist_metadata_log ORDER BY playlist_id, ingest_timestamp DESC
    )
    SELECT p.source_id, n.name, cur.plays, cur.ingest_timestamp AS plays_at,
           prev.plays AS previous_plays, prev.ingest_timestamp AS previous_at
      FROM ranked cur
      JOIN playlists p ON p.id = cur.playlist_id
      LEFT JOIN ranked prev ON prev.playlist_id = cur.playlist_id AND prev.recency = 2
      LEFT JOIN latest_name n ON n.playlist_id = cur.playlist_id
     WHERE cur.recency = 1
     ORDER BY cur.plays DESC, p.source_id
     LIMIT ${limit}`.execute(handle.db);
  return result.rows.map((r) => ({ playlistId: r.source_id, name: r.name, plays: r.plays, playsAt: r.plays_at, previousPlays: r.previous_plays, previousAt: r.previous_at }));
}

export interface PlaylistVideo {
  videoId: string;
  title: string | null;
  position: number;
}

/** The videos of a playlist on its latest observed day, by position. */
export async function playlistVideos(handle: DbHandle, playlistId: string, limit = 20): Promise<PlaylistVideo[]> {
  const result = await sql<{ video_source_id: string; title: string | null; position: number }>`
    WITH last_day AS (
      SELECT date_trunc('day', max(timestp)) AS day FROM playlist_observations WHERE playlist_source_id = ${playlistId}
    )
    SELECT DISTINCT ON (o.video_source_id) o.video_source_id, o.title, o.position
      FROM playlist_observations o, last_day
     WHERE o.playlist_source_id = ${playlistId} AND o.timestp >= last_day.day AND o.position IS NOT NULL
     ORDER BY o.video_source_id, o.timestp DESC`.execute(handle.db);
  return result.rows
    .map((r) => ({ videoId: r.video_source_id, title: r.title, position: r.position }))
    .sort((a, b) => a.position - b.position || a.videoId.localeCompare(b.videoId))
    .slice(0, limit);
}

export interface PositionHistory {
  /** Every day from the video's first to its last observation, `YYYY-MM-DD`. */
  days: string[];
  /** One series per playlist the video was seen in; null on days it was not seen there. */
  series: { playlistId: string; name: string | null; positions: (number | null)[] }[];
}

/** A video's position per day (the day's last observation) in each playlist it appeared in. */
export async function positionHistory(handle: DbHandle, videoId: string): Promise<PositionHistory> {
  const result = await sql<{ playlist_source_id: string; name: string | null; day: string; position: number | null }>`
    SELECT playlist_source_id, day::text AS day,
           (array_agg(playlist_name ORDER BY timestp DESC))[1] AS name,
           (array_agg(position ORDER BY timestp DESC))[1] AS position
      FROM (SELECT *, timestp::date AS day FROM playlist_observations WHERE video_source_id = ${videoId}) o
     GROUP BY playlist_source_id, day
     ORDER BY playlist_source_id, day`.execute(handle.db);
  if (result.rows.length === 0) return { days: [], series: [] };
  const sorted = result.rows.map((r) => r.day).sort();
  const days = dayRange(sorted[0]!, sorted[sorted.length - 1]!);
  const index = new Map(days.map((d, i) => [d, i]));
  const byPlaylist = new Map<string, { playlistId: string; name: string | null; positions: (number | null)[] }>();
  for (const row of result.rows) {
    let series = byPlaylist.get(row.playlist_source_id);
    if (!series) {
      series = { playlistId: row.playlist_source_id, name: row.name, positions: days.map(() => null) };
      byPlaylist.set(row.playlist_source_id, series);
    }
    series.name = row.name ?? series.name;
    series.positions[index.get(row.day)!] = row.position;
  }
  return { days, series: [...byPlaylist.values()] };
}

function dayRange(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
