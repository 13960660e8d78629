/**
 * One validated row of a playlist snapshot: "video V sat at position P of playlist L at time T".
 * Field names follow the feed, in camelCase.
 */
export interface Observation {
  playlistId: string;
  playlistName: string | null;
  artworkUrl: string | null;
  channelId: string | null;
  views: number | null;
  numVideos: number | null;
  /** UTC, microsecond precision, `YYYY-MM-DD HH:MM:SS.ffffff`: sorts as text and keeps what a JS Date would drop. */
  timestp: string;
  videoId: string;
  title: string | null;
  artistName: string | null;
  imageUrl: string | null;
  trackTitle: string | null;
  position: number | null;
}

/** A record that could not be used, with why. `recordIndex` is 0-based in the source file. */
export interface DeadLetter {
  sourceFile: string;
  recordIndex: number;
  rawText: string;
  reason: string;
}

export type Granularity = 'hour' | 'day' | 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['hour', 'day', 'week', 'month'];
