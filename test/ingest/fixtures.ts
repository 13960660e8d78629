import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A valid feed record; override or delete fields per test. */
export function rawRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    playlist_id: 'PL1',
    playlist_name: 'Top Hits',
    artwork_url: 'https://img/pl1.jpg',
    channel_id: 'UC1',
    views: 1000,
    num_videos: 50,
    timestp: '2022-05-19T12:31:23.242571',
    video_id: 'vid1',
    title: 'Artist - Song (Official Video)',
    artist_name: 'Artist',
    image_url: 'https://img/vid1.jpg',
    track_title: 'Song',
    position: 1,
    ...overrides,
  };
}

export function tempDir(prefix = 'cm-tui-ingest-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes `content` to a new file in a fresh temp folder and returns its path. */
export function writeTemp(name: string, content: string | Buffer): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/**
 * About 2.8 MB (several 256 KiB regions), pretty-printed like the feed, with everything that
 * takes the reader off its fast path: '},' inside strings (a cut there does not parse), elements
 * that are not objects, invalid records, exact duplicates and conflicting duplicates.
 */
export function awkwardFeed(plainHead = 0): string {
  const elements: string[] = [];
  // Ordinary records first when asked: regions that parse, for readers that read a lot at once.
  for (let i = 0; i < plainHead; i++) {
    elements.push(JSON.stringify(rawRecord({ playlist_id: `PH${i % 5}`, video_id: `head${i % 400}`, timestp: `2022-04-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00.${String(i).padStart(6, '0')}`, position: i % 40 }), null, 4));
  }
  for (let i = 0; i < 4000; i++) {
    const minute = String(i % 60).padStart(2, '0');
    const hour = String(Math.floor(i / 60) % 24).padStart(2, '0');
    const day = String(1 + Math.floor(i / 1440)).padStart(2, '0');
    const record = rawRecord({
      playlist_id: `PL${i % 7}`,
      video_id: `vid${i % 300}`,
      timestp: `2022-05-${day}T${hour}:${minute}:00.${String(i).padStart(6, '0')}`,
      views: 1000 + Math.floor(i / 50),
      position: i % 40,
      // Every third title holds the very bytes the reader cuts at.
      title: i % 3 === 0 ? `odd },\n    { title ${i}` : i % 3 === 1 ? `Artista - Canción ${i % 300} 😀` : `Artist - Song ${i % 300}`,
      track_title: i % 11 === 0 ? null : `Song ${i % 300}`,
      // A field the feed may add later, longer than a region and full of false cut points.
      ...(i % 1000 === 999 ? { note: '},\n{'.repeat(100_000) } : {}),
    });
    elements.push(JSON.stringify(record, null, 4));
    if (i % 500 === 0) elements.push(JSON.stringify(record, null, 4)); // exact duplicate
    if (i % 700 === 0) elements.push(JSON.stringify({ ...record, views: 1 }, null, 4)); // conflict
    if (i % 450 === 0) elements.push('42', '"text"', 'null'); // not objects
    if (i % 333 === 0) elements.push(JSON.stringify(rawRecord({ position: -1, video_id: '' }), null, 4)); // invalid
  }
  return `[\n${elements.join(',\n')}\n]\n`;
}
