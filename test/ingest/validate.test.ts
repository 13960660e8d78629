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

  it.each(['playlist_id', 'playlist_name', 'artwork_url', 'channel_id', 'video_id', 'title', 'artist_name', 'image_url', 'track_title'])('refuses a NUL in %s: the database cannot store it', (field) => {
    expect(reasonFor({ [field]: 'a\u0000b' })).toBe(`${field}: contains a NUL character (U+0000), which the database cannot store, got "a\\u0000b"`);
  });

  it('keeps counts within their column: integer for position and num_videos, exact numbers for views', () => {
    expect(reasonFor({ position: 2147483647, num_videos: 2147483647, views: Number.MAX_SAFE_INTEGER })).toBeUndefined();
    expect(reasonFor({ position: 3000000000 })).toBe('position: 3000000000 is out of range: at most 2147483647 (the column is a 32-bit integer)');
    expect(reasonFor({ num_videos: 2147483648 })).toBe('num_videos: 2147483648 is out of range: at most 2147483647 (the column is a 32-bit integer)');
    expect(reasonFor({ views: 2 ** 53 })).toBe('views: 9007199254740992 is out of range: at most 9007199254740991 (larger numbers lose digits)');
    expect(reasonFor({ views: Infinity })).toBe('views: expected a non-negative integer or null, got Infinity');
  });

  it('judges a count by its text when parsing may have rounded it, and quotes it as written', () => {
    const check = (text: string) => {
      const result = validateRecord(JSON.parse(text) as Record<string, unknown>, { text: () => text, mayBeRounded: true });
      return 'reason' in result ? result.reason : result.observation;
    };
    const record = (member: string) => JSON.stringify(rawRecord({ views: 1 })).replace('"views":1', member);
    expect(check(record('"views":9007199254740993'))).toBe('views: 9007199254740993 is out of range: at most 9007199254740991 (larger numbers lose digits)');
    expect(check(record('"views":1e400'))).toBe('views: 1e400 is out of range: at most 9007199254740991 (larger numbers lose digits)');
    expect(check(record('"views":-1e400'))).toBe('views: expected a non-negative integer or null, got -1e400');
    expect(check(record('"views":1e-400'))).toBe('views: expected a non-negative integer or null, got 1e-400');
    expect(check(record('"views":1.0000000000000001'))).toBe('views: expected a non-negative integer or null, got 1.0000000000000001');
    expect(check(record(`"views":${'1'.repeat(80)}`))).toBe(`views: ${'1'.repeat(57)}... is out of range: at most 9007199254740991 (larger numbers lose digits)`);
    expect(check(record('"views":1.5e3'))).toMatchObject({ views: 1500 });
    // Not flagged: the parsed value is trusted, and the text is read only to quote a refused one.
    const unflagged = JSON.stringify(rawRecord({ views: 1 })).replace('"views":1', '"views":1e400');
    const result = validateRecord(JSON.parse(unflagged) as Record<string, unknown>, { text: () => unflagged, mayBeRounded: false });
    expect(result).toEqual({ reason: 'views: 1e400 is out of range: at most 9007199254740991 (larger numbers lose digits)' });
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
