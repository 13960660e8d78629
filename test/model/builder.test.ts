import { describe, expect, it } from 'vitest';
import { bucketer, daysFromCivil } from '../../src/model/buckets.js';
import { ModelBuilder } from '../../src/model/builder.js';
import type { Granularity } from '../../src/model/observation.js';
import type { Observation } from '../../src/record/fields.js';
import type { Cell, ModelTableName } from '../../src/model/tables.js';

function obs(overrides: Partial<Observation> = {}): Observation {
  return {
    playlistId: 'PL1',
    playlistName: 'Top Hits',
    artworkUrl: 'pl.jpg',
    channelId: 'UC1',
    views: 100,
    numVideos: 10,
    timestp: '2022-05-19 10:00:00.000000',
    videoId: 'v1',
    title: 'A - Song',
    artistName: 'A',
    imageUrl: 'v1.jpg',
    trackTitle: 'Song',
    position: 1,
    ...overrides,
  };
}

function build(observations: Observation[], granularity: Granularity = 'day'): Record<ModelTableName, Cell[][]> {
  const builder = new ModelBuilder(granularity);
  builder.addAll(observations);
  const tables = builder.finish();
  return Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, [...rows]])) as Record<ModelTableName, Cell[][]>;
}

describe('ModelBuilder entity tables', () => {
  it('assigns ids 1.. in the code point order of the names, whatever the record order, skipping null or empty channel and artist', () => {
    const observations = [
      obs({ playlistId: 'PL2', channelId: 'UC9', videoId: 'v2', artistName: 'B' }),
      obs({ playlistId: 'PL1', channelId: null, videoId: 'v1', artistName: null }),
      obs({ playlistId: 'PL2', channelId: 'UC1', videoId: 'v3', artistName: '' }),
      obs({ playlistId: 'PL1', channelId: 'UC9', videoId: 'v2', artistName: 'A', timestp: '2022-05-20 10:00:00.000000' }),
      obs({ playlistId: 'PL3', videoId: 'v\u{1F600}', artistName: '\u{FF21}' }),
      obs({ playlistId: 'PL3', videoId: 'v\u{FB01}', artistName: '\u{1F600}' }),
    ];
    const rows = build(observations);
    expect(rows.playlists).toEqual([
      [1, 'YOUTUBE', 'PL1'],
      [2, 'YOUTUBE', 'PL2'],
      [3, 'YOUTUBE', 'PL3'],
    ]);
    expect(rows.users).toEqual([
      [1, 'YOUTUBE', 'UC1'],
      [2, 'YOUTUBE', 'UC9'],
    ]);
    // U+FB01 sorts before U+1F600 by code point (and UTF-8 bytes), after it by UTF-16 code unit.
    expect(rows.media_items).toEqual([
      [1, 'YOUTUBE', 'v1'],
      [2, 'YOUTUBE', 'v2'],
      [3, 'YOUTUBE', 'v3'],
      [4, 'YOUTUBE', 'v\u{FB01}'],
      [5, 'YOUTUBE', 'v\u{1F600}'],
    ]);
    expect(rows.artists).toEqual([
      [1, 'A'],
      [2, 'B'],
      [3, '\u{FF21}'],
      [4, '\u{1F600}'],
    ]);
    // The change logs carry the same ids: v2's metadata names artist B (id 2) then A (id 1).
    expect(rows.media_item_metadata_log.filter((row) => row[0] === 2).map((row) => row[4])).toEqual([2, 1]);
    expect(rows.playlist_positions_log.filter((row) => row[0] === 1).map((row) => row[1])).toEqual([1, 2]);
    // Rows come out in another order, with the same ids.
    const sorted = (tables: Record<string, Cell[][]>) => Object.fromEntries(Object.entries(tables).map(([name, r]) => [name, r.map((row) => JSON.stringify(row)).sort()]));
    expect(sorted(build([...observations].reverse()))).toEqual(sorted(rows));
  });

  it('fills each change log with keys, ingest_timestamp and values in header order', () => {
    const rows = build([obs({ artistName: null, trackTitle: null })]);
    const t = '2022-05-19 10:00:00.000000';
    expect(rows.playlist_metadata_log).toEqual([[1, t, 'Top Hits', 'pl.jpg', 1, 10]]);
    expect(rows.playlist_plays_log).toEqual([[1, t, 100]]);
    expect(rows.playlist_positions_log).toEqual([[1, 1, t, 1]]);
    expect(rows.media_item_metadata_log).toEqual([[1, t, 'A - Song', null, null, 'v1.jpg']]);
  });
});

describe('ModelBuilder compaction', () => {
  const at = (time: string, views: number | null): Observation => obs({ timestp: `2022-05-19 ${time}.000000`, views });

  it('keeps the latest observation of a day even when it arrives first', () => {
    const rows = build([at('18:00:00', 300), at('09:00:00', 100), at('12:00:00', 200)]);
    expect(rows.playlist_plays_log).toEqual([[1, '2022-05-19 18:00:00.000000', 300]]);
  });

  it('compares microseconds when picking the latest', () => {
    const rows = build([obs({ timestp: '2022-05-19 10:00:00.000002', views: 2 }), obs({ timestp: '2022-05-19 10:00:00.000001', views: 1 })]);
    expect(rows.playlist_plays_log).toEqual([[1, '2022-05-19 10:00:00.000002', 2]]);
  });

  it('emits a row per change: a value that changes and changes back gives three rows', () => {
    const days = [
      ['2022-05-19', 100],
      ['2022-05-20', 200],
      ['2022-05-21', 200],
      ['2022-05-22', 100],
    ] as const;
    const rows = build(days.map(([day, views]) => obs({ timestp: `${day} 10:00:00.000000`, views })).reverse());
    expect(rows.playlist_plays_log).toEqual([
      [1, '2022-05-19 10:00:00.000000', 100],
      [1, '2022-05-20 10:00:00.000000', 200],
      [1, '2022-05-22 10:00:00.000000', 100],
    ]);
  });

  it('compares nulls null-safe: null to null is no change, null to a value and back are changes', () => {
    const views = [null, null, 5, null, null];
    const rows = build(views.map((v, i) => obs({ timestp: `2022-05-1${i} 10:00:00.000000`, views: v })));
    expect(rows.playlist_plays_log).toEqual([
      [1, '2022-05-10 10:00:00.000000', null],
      [1, '2022-05-12 10:00:00.000000', 5],
      [1, '2022-05-13 10:00:00.000000', null],
    ]);
  });

  it('treats each key separately and a change in any value column as a change', () => {
    const rows = build([
      obs({ videoId: 'v1', position: 1, timestp: '2022-05-19 10:00:00.000000' }),
      obs({ videoId: 'v2', position: 2, timestp: '2022-05-19 10:00:00.000000' }),
      obs({ videoId: 'v1', position: 1, timestp: '2022-05-20 10:00:00.000000', imageUrl: 'new.jpg' }),
      obs({ videoId: 'v2', position: 1, timestp: '2022-05-20 10:00:00.000000' }),
    ]);
    expect(rows.playlist_positions_log).toEqual([
      [1, 1, '2022-05-19 10:00:00.000000', 1],
      [1, 2, '2022-05-19 10:00:00.000000', 2],
      [1, 2, '2022-05-20 10:00:00.000000', 1],
    ]);
    expect(rows.media_item_metadata_log).toEqual([
      [1, '2022-05-19 10:00:00.000000', 'A - Song', 'Song', 1, 'v1.jpg'],
      [1, '2022-05-20 10:00:00.000000', 'A - Song', 'Song', 1, 'new.jpg'],
      [2, '2022-05-19 10:00:00.000000', 'A - Song', 'Song', 1, 'v1.jpg'],
    ]);
  });

  it('picks the same row for equal timestamps whatever the order', () => {
    const a = obs({ views: 1 });
    const b = obs({ views: 2 });
    expect(build([a, b]).playlist_plays_log).toEqual(build([b, a]).playlist_plays_log);
    expect(build([a, b]).playlist_plays_log).toEqual([[1, '2022-05-19 10:00:00.000000', 2]]);
  });

  // 2022-05-16 and 2022-05-23 and 2022-05-30 are Mondays.
  const series: [string, number][] = [
    ['2022-05-16 10:00:00', 1],
    ['2022-05-16 11:00:00', 2],
    ['2022-05-22 09:00:00', 3],
    ['2022-05-23 09:00:00', 3],
    ['2022-05-31 12:00:00', 4],
    ['2022-06-01 08:00:00', 5],
  ];
  it.each([
    ['hour', ['2022-05-16 10:00:00', '2022-05-16 11:00:00', '2022-05-22 09:00:00', '2022-05-31 12:00:00', '2022-06-01 08:00:00']],
    ['day', ['2022-05-16 11:00:00', '2022-05-22 09:00:00', '2022-05-31 12:00:00', '2022-06-01 08:00:00']],
    ['week', ['2022-05-22 09:00:00', '2022-06-01 08:00:00']],
    ['month', ['2022-05-31 12:00:00', '2022-06-01 08:00:00']],
  ] as const)('at %s granularity emits rows at %j', (granularity, times) => {
    const rows = build(
      series.map(([t, position]) => obs({ timestp: `${t}.000000`, position })),
      granularity,
    );
    const positionAt = new Map(series);
    expect(rows.playlist_positions_log).toEqual(times.map((t) => [1, 1, `${t}.000000`, positionAt.get(t)]));
  });

  it('starts ISO weeks on Monday (UTC), across year ends and before 1970', () => {
    const week = bucketer('week');
    const monday = (day: string): number => daysFromCivil(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)));
    const cases = [
      ['2022-05-22', '2022-05-16'],
      ['2022-05-23', '2022-05-23'],
      ['2023-01-01', '2022-12-26'],
      ['2025-01-01', '2024-12-30'],
      ['2024-03-01', '2024-02-26'],
      ['1969-12-31', '1969-12-29'],
    ];
    for (const [day, expected] of cases) expect(week(`${day} 23:59:59.999999`), day).toBe(monday(expected as string));
  });

  it('numbers buckets so that they sort in time order', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2022, 5, 19)).toBe(19131);
    expect(daysFromCivil(2000, 3, 1) - daysFromCivil(2000, 2, 28)).toBe(2);
    expect(bucketer('hour')('2022-05-19 13:00:00.000000') - bucketer('hour')('2022-05-19 12:59:59.999999')).toBe(1);
    expect(bucketer('month')('2023-01-01 00:00:00.000000') - bucketer('month')('2022-12-31 23:59:59.999999')).toBe(1);
  });
});
