import { START_SCREENS } from '../screens.js';
import type { Command } from './command.js';

// Loaded lazily so `cm-tui ingest` does not pay for Ink, Fuse or PGlite start-up it never uses.
export const COMMANDS: Record<string, () => Promise<Command>> = {
  tui: async () => (await import('./tui.js')).default,
  ...Object.fromEntries(START_SCREENS.map((name) => [name, async () => (await import('./tui.js')).tuiCommand(name)])),
  // `cm-tui export` is the headless export (it writes CSV), not the Export screen: listed after the screens, it wins.
  export: async () => (await import('./export.js')).default,
  generate: async () => (await import('./generate.js')).default,
  ingest: async () => (await import('./ingest.js')).default,
  isrc: async () => (await import('./isrc.js')).default,
  match: async () => (await import('./match.js')).default,
  sql: async () => (await import('./sql.js')).default,
};
