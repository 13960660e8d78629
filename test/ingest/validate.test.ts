import { describe, expect, it } from 'vitest';
import { validateRecord } from '../../src/ingest/validate.js';
import { rawRecord } from './fixtures.js';

function reasonFor(overrides: Record<string, unknown>, drop: string[] = []): string | undefined {
  const record = rawRecord(overrides);
  for (const field of drop) delete record[field];
  const result = validateRecord(record);
  return 'reason' in result ? result.reason : undefined;
}

describe('validateRecord', () => {
  it('turns a valid record into an observation with a normalised UTC timestamp', () => {
    expect(validateRecord(rawRecord({ timestp: '2022-05-19T14:31:23.5+02:00' }))).toEqual({
      observation: {
        playlistId: 'PL1',
        playlistName: 'Top Hits',
        artworkUrl: 'https://img/pl1.jpg',
        channelId: 'UC1',
        views: 1000,
        numVideos: 50,
        timestp: '2022-05-19 12:31:23.500000',
        videoId: 'vid1',
        title: 'Artist - Song (Official Video)',
        artistName: 'Artist',
        imageUrl: 'https://img/vid1.jpg',
        trackTitle: 'Song',
        position: 1,
      },
    });
  });

  it('reads missing optional fields and explicit nulls as null, and ignores unknown fields', () => {
    const record = rawRecord({ views: null, title: null, extra: { nested: true } });
    delete record['artist_name'];
    delete record['position'];
    const result = validateRecord(record);
    expect(result).toMatchObject({ observation: { views: null, title: null, artistName: null, position: null } });
  });

  it.each([
    [{ playlist_id: '' }, [], 'playlist_id: expected a non-empty string, got ""'],
    [{ playlist_id: 42 }, [], 'playlist_id: expected a non-empty string, got 42'],
    [{}, ['playlist_id'], 'playlist_id: expected a non-empty string, got nothing (field missing)'],
    [{ video_id: null }, [], 'video_id: expected a non-empty string, got null'],
    [{}, ['video_id'], 'video_id: expected a non-empty string, got nothing (field missing)'],
    [{}, ['timestp'], 'timestp: expected an ISO 8601 timestamp, got nothing (field missing)'],
    [{ timestp: null }, [], 'timestp: expected an ISO 8601 timestamp, got null'],
    [{ timestp: 1652963483 }, [], 'timestp: expected an ISO 8601 timestamp, got 1652963483'],
    [{ timestp: 'yesterday' }, [], 'timestp: expected an ISO 8601 timestamp, got "yesterday"'],
    [{ timestp: '2022-02-30T10:00:00' }, [], 'timestp: impossible date, got "2022-02-30T10:00:00"'],
    [{ views: -3 }, [], 'views: expected a non-negative integer or null, got -3'],
    [{ views: 1.5 }, [], 'views: expected a non-negative integer or null, got 1.5'],
    [{ views: '1000' }, [], 'views: expected a non-negative integer or null, got "1000"'],
    [{ num_videos: true }, [], 'num_videos: expected a non-negative integer or null, got true'],
    [{ position: 1e300 }, [], 'position: 1e+300 is out of range: at most 2147483647 (the column is a 32-bit integer)'],
    [{ playlist_name: 7 }, [], 'playlist_name: expected a string or null, got 7'],
    [{ artwork_url: ['a'] }, [], 'artwork_url: expected a string or null, got ["a"]'],
    [{ channel_id: {} }, [], 'channel_id: expected a string or null, got {}'],
    [{ title: false }, [], 'title: expected a string or null, got false'],
    [{ artist_name: 1 }, [], 'artist_name: expected a string or null, got 1'],
    [{ image_url: 2 }, [], 'image_url: expected a string or null, got 2'],
    [{ track_title: 3 }, [], 'track_title: expected a string or null, got 3'],
  ])('%j (without %j) -> %s', (overrides, drop, reason) => {
    expect(reasonFor(overrides, drop)).toBe(reason);
  });

  it('names every broken field in one reason', () => {
    expect(reasonFor({ views: -1, position: 'x' }, ['video_id'])).toBe(
      'views: expected a non-negative integer or null, got -1; video_id: expected a non-empty string, got nothing (field missing); position: expected a non-negative integer or null, got "x"',
    );
  });

  it('shortens long values in the reason', () => {
    expect(reasonFor({ title: { text: 'x'.repeat(200) } })).toBe(`title: expected a string or null, got {"text":"${'x'.repeat(48)}...`);
  });
});
