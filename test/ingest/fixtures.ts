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
