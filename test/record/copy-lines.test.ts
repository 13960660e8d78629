import { describe, expect, it } from 'vitest';
import { ObservationLines } from '../../src/record/copy-lines.js';
import { RecordEncoder } from '../../src/record/encoded.js';
import type { Observation } from '../../src/record/fields.js';

const base: Observation = {
  playlistId: 'PL1', playlistName: 'Hits, "2022"', artworkUrl: 'https://i.ytimg.com/a.jpg', channelId: 'UC1', views: 1_234_567_890_123,
  numVideos: 0, timestp: '2022-05-19 00:00:00.000000', videoId: 'v1', title: 'Line one\nline two \\ back', artistName: '',
  imageUrl: null, trackTitle: 'Café 😀', position: 10,
};

const observations: Observation[] = [
  base,
  { ...base, videoId: 'v2', timestp: '2022-12-31 23:59:59.999999', views: null, numVideos: null, position: null, title: null, playlistName: null, channelId: null },
  { ...base, playlistId: 'PL,2', videoId: 'v"3', timestp: '1999-01-01 09:05:07.000042', artistName: 'x'.repeat(5000) },
];

function encoded(list: Observation[]) {
  const encoder = new RecordEncoder();
  encoder.begin(list.length);
  list.forEach((o, k) => encoder.add(o, k));
  const { count, ints, floats } = encoder.finish();
  return { count, ints, floats, strings: encoder.strings };
}

describe('ObservationLines', () => {
  it('writes numbered observations as the same COPY lines as the objects, byte for byte', () => {
    const text = new ObservationLines(undefined).format(observations, 'o,,,,,', ',7');
    const bytes = new ObservationLines(undefined).format(encoded(observations), 'o,,,,,', ',7');
    expect(typeof text).toBe('string');
    expect(Buffer.from(bytes as Uint8Array).toString('utf8')).toBe(text);
    expect(text).toContain('o,,,,,PL1,v1,2022-05-19 00:00:00.000000,"Hits, ""2022""",https://i.ytimg.com/a.jpg,UC1,1234567890123,0,"Line one\nline two \\ back","",,Café 😀,10,7\n');
    expect(text).toContain('o,,,,,PL1,v2,2022-12-31 23:59:59.999999,,https://i.ytimg.com/a.jpg,,,,,"",,Café 😀,,7\n');
    expect(text).toContain('"PL,2","v""3",1999-01-01 09:05:07.000042,');
  });

  it('keeps only the playlists of a shard, counting them and their hashes', () => {
    const all = new ObservationLines(undefined);
    all.format(encoded(observations), '', '');
    expect(all.sent).toBe(3);
    expect(all.playlistHashes.size).toBe(2);
    const shards = [1, 2, 3].map((k) => new ObservationLines({ k, n: 3 }));
    for (const shard of shards) shard.format(encoded(observations), '', '');
    expect(shards.map((s) => s.sent).reduce((a, b) => a + b)).toBe(3);
  });
});
