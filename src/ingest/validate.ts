import type { Observation } from '../model/observation.js';
import { parseTimestamp } from './timestamp.js';

/** The record's value, short enough for a one-line reason. */
function shown(value: unknown): string {
  if (value === undefined) return 'nothing (field missing)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function requiredString(record: Record<string, unknown>, field: string, problems: string[]): string {
  const value = record[field];
  if (typeof value === 'string' && value !== '') return value;
  problems.push(`${field}: expected a non-empty string, got ${shown(value)}`);
  return '';
}

function optionalString(record: Record<string, unknown>, field: string, problems: string[]): string | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  problems.push(`${field}: expected a string or null, got ${shown(value)}`);
  return null;
}

function optionalCount(record: Record<string, unknown>, field: string, problems: string[]): number | null {
  const value = record[field];
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  problems.push(`${field}: expected a non-negative integer or null, got ${shown(value)}`);
  return null;
}

function timestamp(record: Record<string, unknown>, problems: string[]): string {
  const value = record['timestp'];
  if (typeof value !== 'string') {
    problems.push(`timestp: expected an ISO 8601 timestamp, got ${shown(value)}`);
    return '';
  }
  const parsed = parseTimestamp(value);
  if ('value' in parsed) return parsed.value;
  problems.push(`timestp: ${parsed.error}, got ${shown(value)}`);
  return '';
}

export type ValidationResult = { observation: Observation } | { reason: string };

/**
 * DESIGN.md section 2 for one parsed record. Every broken field is named, so one look at the
 * dead letter tells the user all that is wrong with it. Fields the feed adds later are ignored.
 */
export function validateRecord(record: Record<string, unknown>): ValidationResult {
  const problems: string[] = [];
  const observation: Observation = {
    playlistId: requiredString(record, 'playlist_id', problems),
    playlistName: optionalString(record, 'playlist_name', problems),
    artworkUrl: optionalString(record, 'artwork_url', problems),
    channelId: optionalString(record, 'channel_id', problems),
    views: optionalCount(record, 'views', problems),
    numVideos: optionalCount(record, 'num_videos', problems),
    timestp: timestamp(record, problems),
    videoId: requiredString(record, 'video_id', problems),
    title: optionalString(record, 'title', problems),
    artistName: optionalString(record, 'artist_name', problems),
    imageUrl: optionalString(record, 'image_url', problems),
    trackTitle: optionalString(record, 'track_title', problems),
    position: optionalCount(record, 'position', problems),
  };
  return problems.length === 0 ? { observation } : { reason: problems.join('; ') };
}

/** How a dead letter names a record that is not an object. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'a string' : typeof value === 'number' ? 'a number' : `a ${typeof value}`;
}
