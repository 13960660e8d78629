import type { Observation } from '../../src/record/fields.js';

/**
 * Observations whose values flip back and forth between few choices (nulls and '' included), at
 * strictly increasing times spread over months, so every granularity sees values that change
 * within a bucket, change and change back across buckets, and stay put.
 */
export function flippingObservations(count: number, random: () => number): Observation[] {
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)] as T;
  let micros = Date.UTC(2022, 4, 16) * 1000;
  const observations: Observation[] = [];
  for (let i = 0; i < count; i++) {
    micros += Math.floor(random() * 40 * 3600 * 1e6) + 1;
    const date = new Date(Math.floor(micros / 1000)).toISOString();
    const timestp = `${date.slice(0, 10)} ${date.slice(11, 19)}.${String(micros % 1_000_000).padStart(6, '0')}`;
    observations.push({
      playlistId: pick(['PL1', 'PL2', 'PL3']),
      playlistName: pick(['Hits', 'Hits 2022', null]),
      artworkUrl: pick(['a.jpg', null]),
      channelId: pick(['UC1', 'UC2', '', null]),
      views: pick([100, 200, null]),
      numVideos: pick([5, 6]),
      timestp,
      videoId: pick(['v1', 'v2', 'v3', 'v4']),
      title: pick(['Song', 'Song (Live)', null]),
      artistName: pick(['Ana', 'Bo', '', null]),
      imageUrl: pick(['i.jpg', null]),
      trackTitle: pick(['Song', null]),
      position: pick([1, 2, null]),
    });
  }
  return observations;
}

/**
 * Observations in threes at one time (three videos of one playlist, values picked independently):
 * the latest time of a bucket is then shared by several observations with other values, and only
 * the tie-break decides which one a log keeps.
 */
export function tiedObservations(count: number, random: () => number): Observation[] {
  const videos = ['v1', 'v2', 'v3'];
  return flippingObservations(count, random).map((o, i, all) => ({
    ...o,
    playlistId: all[i - (i % 3)]!.playlistId,
    timestp: all[i - (i % 3)]!.timestp,
    videoId: videos[i % 3]!,
  }));
}
