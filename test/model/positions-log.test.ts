import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../../src/model/builder.js';
import type { Observation } from '../../src/record/fields.js';

/** An observation of `video` at `position` in `playlist` (the other logs' fields fixed). */
const seen = (playlistId: string, videoId: string, timestp: string, position: number | null): Observation => ({
  playlistId, playlistName: 'Hits', artworkUrl: null, channelId: 'UC1', views: 1, numVideos: 2,
  timestp, videoId, title: 'Song', artistName: 'A', imageUrl: null, trackTitle: null, position,
});

function positions(observations: Observation[]) {
  const builder = new ModelBuilder('day');
  builder.addAll(observations);
  return [...builder.finish().playlist_positions_log];
}

describe('playlist_positions_log, keyed by (playlist, media item) pairs', () => {
  it('keeps the latest position per pair and day, the greater one at equal times, and a row only when it changes', () => {
    expect(positions([
      // (PL1, v2): day one seen twice (the later wins), day two the same position (no row), day three a tie (the greater wins).
      seen('PL1', 'v2', '2022-05-19 00:00:05.000000', 3),
      seen('PL1', 'v2', '2022-05-19 00:00:09.000000', 4),
      seen('PL1', 'v2', '2022-05-19 00:00:01.000000', 9), // older in the day: ignored
      seen('PL2', 'v1', '2022-05-19 00:00:00.000000', null), // second pair, a null position
      seen('PL1', 'v2', '2022-05-20 00:00:00.000000', 4),
      seen('PL1', 'v2', '2022-05-21 00:00:00.000007', 6),
      seen('PL1', 'v2', '2022-05-21 00:00:00.000007', 2),
      seen('PL2', 'v1', '2022-05-18 00:00:00.000000', 8), // an earlier day, out of order
      seen('PL2', 'v1', '2022-05-19 00:00:00.000000', 0), // a tie with null: the position wins
    ])).toEqual([
      [1, 2, '2022-05-19 00:00:09.000000', 4],
      [1, 2, '2022-05-21 00:00:00.000007', 6],
      [2, 1, '2022-05-18 00:00:00.000000', 8],
      [2, 1, '2022-05-19 00:00:00.000000', 0],
    ]);
  });

  it('holds many pairs and days through its tables growing', () => {
    const observations: Observation[] = [];
    for (let day = 0; day < 5; day++) {
      for (let p = 1; p <= 3000; p++) observations.push(seen(`PL${(p % 7) + 1}`, `v${p}`, `2022-05-${19 + day} 00:00:00.000000`, day < 3 ? p : p + 1));
    }
    const rows = positions(observations);
    // Per pair: a row on the first day and one on the fourth, where the position changes.
    expect(rows.length).toBe(6000);
    expect(rows[0]).toEqual([2, 1, '2022-05-19 00:00:00.000000', 1]);
    expect(rows[1]).toEqual([2, 1, '2022-05-22 00:00:00.000000', 2]);
  });
});
