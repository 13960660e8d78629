/**
 * A headless subcommand. `run` receives the raw argv after the command name and returns the exit
 * code; it throws UserError / UsageError for problems the user can fix.
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

// Loaded lazily so `cm-tui ingest` does not pay for Ink, Fuse or PGlite start-up it never uses.
export const COMMANDS: Record<string, () => Promise<Command>> = {
  tui: async () => (await import('./tui.js')).default,
  import: async () => (await import('./tui.js')).tuiCommand('import'),
  preview: async () => (await import('./tui.js')).tuiCommand('preview'),
  export: async () => (await import('./export.js')).default,
  review: async () => (await import('./tui.js')).tuiCommand('review'),
  explorer: async () => (await import('./tui.js')).tuiCommand('explorer'),
  dashboard: async () => (await import('./tui.js')).tuiCommand('dashboard'),
  generate: async () => (await import('./generate.js')).default,
  ingest: async () => (await import('./ingest.js')).default,
  isrc: async () => (await import('./isrc.js')).default,
  match: async () => (await import('./match.js')).default,
  sql: async () => (await import('./sql.js')).default,
};
