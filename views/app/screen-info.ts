import type { ScreenName } from './screen.js';

/** Menu titles and one-line summaries, in menu order. */
export const SCREEN_INFO: readonly { name: Exclude<ScreenName, 'home'>; title: string; summary: string; key: string }[] = [
  { name: 'import', key: 'i', title: 'Import', summary: 'load a playlist snapshot file (JSON / NDJSON) into the database' },
  { name: 'preview', key: 'p', title: 'Preview', summary: 'browse the tables page by page, filter rows' },
  { name: 'review', key: 'r', title: 'Match review', summary: 'accept or reject ISRC candidates for each video' },
  { name: 'explorer', key: 's', title: 'SQL explorer', summary: 'query the database, export results' },
  { name: 'dashboard', key: 'd', title: 'Dashboard', summary: 'top playlists, position history, review progress' },
  { name: 'export', key: 'e', title: 'Export', summary: 'write tables as CSV files' },
];

export function screenTitle(name: ScreenName): string {
  return name === 'home' ? 'Home' : (SCREEN_INFO.find((s) => s.name === name)?.title ?? name);
}
