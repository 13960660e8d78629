import { UsageError, UserError } from '../errors.js';
import type { StartScreen } from '../screens.js';
import type { Command } from './command.js';
import { parseFlags } from './flags.js';


const USAGE = `Usage:
  cm-tui [--demo] [--db URL|PATH]        open the terminal UI at Home
  cm-tui import|preview|export|review|explorer|dashboard [--db URL|PATH]
                                         open the terminal UI at that screen

  --db URL|PATH   a postgresql:// URL or an embedded database folder (default: DATABASE_URL,
                  else the embedded database in the data folder)
  --demo          build a generated demo dataset in its own embedded database (once) and open it

The TUI needs an interactive terminal; scripts use the headless commands (cm-tui --help).`;

export interface TuiOptions {
  db: string | undefined;
  demo: boolean;
}

/** `command`: what the user typed (`tui` for plain `cm-tui`, else a screen's name). */
export function parseTuiArgs(argv: string[], allowDemo: boolean, command = 'tui'): TuiOptions {
  const { values } = parseFlags(command, {
    args: argv,
    options: { db: { type: 'string' }, demo: { type: 'boolean', default: false } },
    allowPositionals: false,
  });
  if (values.demo && !allowDemo) throw new UsageError('--demo opens Home: use `cm-tui --demo`');
  return { db: values.db, demo: values.demo ?? false };
}

export const NO_TTY_MESSAGE = 'the terminal UI needs an interactive terminal; for scripts use the headless commands (cm-tui --help)';

/** Opens the TUI at `start` (Home when undefined). */
export function tuiCommand(start: StartScreen | undefined): Command {
  return {
    name: start ?? 'tui',
    summary: start ? `open the terminal UI at the ${start} screen` : 'open the terminal UI',
    usage: USAGE,
    async run(argv) {
      const options = parseTuiArgs(argv, start === undefined, start ?? 'tui');
      if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UserError(NO_TTY_MESSAGE);
      // Ink renders only the last frame, at exit, when CI or CONTINUOUS_INTEGRATION is set (is-in-ci,
      // read as ink loads): a blank screen for a user whose shell or runner sets them. Both ends are
      // terminals here, so the UI is interactive whatever those say.
      for (const name of ['CI', 'CONTINUOUS_INTEGRATION']) delete process.env[name];
      // chalk (inside ink) ignores NO_COLOR; FORCE_COLOR=0 must be set before ink loads.
      if (process.env['NO_COLOR'] !== undefined && process.env['NO_COLOR'] !== '') process.env['FORCE_COLOR'] = '0';
      // React's development build (the default without NODE_ENV) renders several times slower:
      // a review key's frame is mostly rendering. Set before React loads.
      process.env['NODE_ENV'] ??= 'production';
      // Loaded only now so headless commands never pay for React and Ink.
      const { runTui } = await import('../../views/app/run.js');
      return runTui({ ...options, start });
    },
  };
}

export default tuiCommand(undefined);
