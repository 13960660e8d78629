import { describe, expect, it } from 'vitest';
import { Deduplicator } from '../../src/ingest/dedupe.js';
import type { Observation } from '../../src/record/fields.js';

function obs(overrides: Partial<Observation> = {}): Observation {
  return {
    playlistId: 'PL1',
    playlistName: 'Top',
    artworkUrl: null,
    channelId: 'UC1',
    views: 10,
    numVideos: 5,
    timestp: '2022-05-19 10:00:00.000001',
    videoId: 'v1',
    title: 'T',
    artistName: null,
    imageUrl: null,
    trackTitle: null,
    position: 1,
    ...overrides,
  };
}

describe('Deduplicator', () => {
  it('tells new keys, exact duplicates and conflicts apart, naming the first record', () => {
    const d = new Deduplicator();
    expect(d.check(obs(), 0)).toEqual({ kind: 'new' });
    expect(d.check(obs(), 1)).toEqual({ kind: 'duplicate' });
    expect(d.check(obs({ title: 'other' }), 2)).toEqual({ kind: 'conflict', firstIndex: 0 });
  });

  it('keeps keys that differ in any part apart, including years a Date would fold together', () => {
    const d = new Deduplicator();
    const variants = [
      obs(),
      obs({ playlistId: 'PL2' }),
      obs({ videoId: 'v2' }),
      obs({ timestp: '2022-05-19 10:00:00.000002' }),
      obs({ timestp: '2022-05-20 10:00:00.000001' }),
      obs({ timestp: '0022-05-19 10:00:00.000001' }),
      obs({ timestp: '1922-05-19 10:00:00.000001' }),
      obs({ timestp: '2022-05-19 22:00:00.000001' }),
    ];
    variants.forEach((o, i) => expect(d.check(o, i), o.timestp).toEqual({ kind: 'new' }));
  });

  it.each([
    [{ artworkUrl: '' }],
    [{ views: null }],
    [{ views: 0 }],
    [{ views: 10 + 2 ** 40 }],
    [{ title: '10' }],
    [{ position: 2 }],
    [{ channelId: null }],
  ])('sees %j as another value tuple', (change) => {
    const d = new Deduplicator();
    d.check(obs(), 0);
    expect(d.check(obs(change), 1)).toEqual({ kind: 'conflict', firstIndex: 0 });
  });

  it('stays exact past many table growths', () => {
    const d = new Deduplicator();
    for (let i = 0; i < 200_000; i++) d.check(obs({ videoId: `v${i % 1000}`, position: i, timestp: `2022-05-19 10:00:00.${String(i).padStart(6, '0')}` }), i);
    expect(d.check(obs({ videoId: 'v999', position: 199_999, timestp: '2022-05-19 10:00:00.199999' }), 200_000)).toEqual({ kind: 'duplicate' });
    expect(d.check(obs({ videoId: 'v999', position: 0, timestp: '2022-05-19 10:00:00.199999' }), 200_001)).toEqual({ kind: 'conflict', firstIndex: 199_999 });
  });
});
