/**
 * The app's screens, in menu order: the one list that the headless commands (`cm-tui <name>`
 * opens the TUI there) and the views (Home's menu, the navigation type) both read.
 * Plain data, so reading it loads neither React nor Ink.
 */
export const SCREEN_LIST = [
  { name: 'import', key: 'i', title: 'Import', summary: 'load a playlist snapshot file (JSON / NDJSON) into the database' },
  { name: 'preview', key: 'p', title: 'Preview', summary: 'browse the tables page by page, filter rows' },
  { name: 'run-match', key: 'm', title: 'Run match', summary: 'score every video against the ISRC catalog, then auto-decide the clear ones' },
  { name: 'review', key: 'r', title: 'Match review', summary: 'accept or reject ISRC candidates for each video' },
  { name: 'decisions', key: 'h', title: 'Decisions', summary: 'the match decision log: filter it, undo a decision' },
  { name: 'explorer', key: 's', title: 'SQL explorer', summary: 'query the database, export results' },
  { name: 'dashboard', key: 'd', title: 'Dashboard', summary: 'top playlists, position history, review progress' },
  { name: 'export', key: 'e', title: 'Export', summary: 'write tables as CSV files' },
] as const;

/** A screen `cm-tui <name>` can open directly: every screen but Home. */
export type StartScreen = (typeof SCREEN_LIST)[number]['name'];

export type ScreenName = 'home' | StartScreen;

export const START_SCREENS: readonly StartScreen[] = SCREEN_LIST.map((screen) => screen.name);
