import { render } from 'ink';
import type { DbHandle } from '../../src/db/connect.js';
import { lockTarget } from '../../src/db/folder-lock.js';
import { describeTarget, resolveTarget } from '../../src/db/target.js';
import { dataDir } from '../../src/paths.js';
import { demoTarget } from '../../src/demo/demo-target.js';
import type { StartScreen } from '../../src/screens.js';
import { ServicesProvider, type OpenProgress } from '../services.js';
import { App } from './App.js';

export interface RunOptions {
  db: string | undefined;
  demo: boolean;
  start: StartScreen | undefined;
}

// The alternate screen keeps the user's scrollback intact, as full-screen terminal apps do.
const ENTER_ALT_SCREEN = '\u001b[?1049h\u001b[H';
const LEAVE_ALT_SCREEN = '\u001b[?1049l';

/** Renders the app at once and opens the database behind it; resolves with the exit code. */
export async function runTui(options: RunOptions): Promise<number> {
  const target = options.demo && options.db === undefined ? demoTarget() : resolveTarget(options.db);
  // Before the first frame: a folder another process holds is one line and exit 1, not a screen.
  const lock = lockTarget(target);
  let handle: DbHandle | null = null;
  // The database modules (PGlite, pg, Kysely) load after the first frame: Home shows sooner.
  // An embedded database runs on its own thread: frames keep coming during a long statement
  // and the explorer's Ctrl+C can stop one.
  const open = async (progress: OpenProgress): Promise<DbHandle> => {
    progress('opening database');
    if (options.demo) {
      const { openDemo } = await import('../../src/demo/demo-db.js');
      handle = await openDemo(target, progress, { lock, thread: true });
    } else {
      const { connect } = await import('../../src/db/connect.js');
      handle = await connect(target, { lock, thread: true });
    }
    return handle;
  };
  process.stdout.write(ENTER_ALT_SCREEN);
  const app = render(
    <ServicesProvider description={describeTarget(target)} dataDir={dataDir()} open={open}>
      <App start={options.start ? { name: options.start } : undefined} />
    </ServicesProvider>,
    // Ctrl+C is handled by the App: it quits, except in the explorer where it cancels a query.
    { exitOnCtrlC: false },
  );
  try {
    await app.waitUntilExit();
  } finally {
    process.stdout.write(LEAVE_ALT_SCREEN);
    await (handle as DbHandle | null)?.close().catch(() => undefined);
    // Closing the handle released it; this is for a quit before the database opened.
    lock?.release();
  }
  return 0;
}
