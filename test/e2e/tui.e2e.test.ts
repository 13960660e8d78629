import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { CATALOG, hasSample, SAMPLE } from '../support/sample-db.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `cm-tui-e2e-${process.pid}`;
const SESSION = 'e2e';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', SESSION);
/** One send-keys per key, spaced: keys sent together reach the app as one chunk of input. */
async function keys(...names: string[]) {
  for (const name of names) {
    tmux('send-keys', '-t', SESSION, name);
    await sleep(60);
  }
}
const text = (literal: string) => tmux('send-keys', '-t', SESSION, '-l', literal);

async function waitFor(expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (typeof expected === 'string' ? shown.includes(expected) : expected.test(shown)) {
      // The frame is drawn before the screen's key handlers subscribe: give them a moment.
      await sleep(100);
      return shown;
    }
    if (Date.now() > deadline) throw new Error(`the terminal did not show ${String(expected)} within ${timeoutMs} ms; it shows:\n${shown}`);
    await sleep(50);
  }
}

/** Runs the built CLI in a 120x40 tmux window; the pane stays open after exit to show the code. */
function startTui(args: string[], env: Record<string, string>) {
  const exports = Object.entries(env).map(([k, v]) => `${k}='${v}'`).join(' ');
  const command = `cd '${ROOT}' && env ${exports} node '${CLI}' ${args.map((a) => `'${a}'`).join(' ')}; echo "[exit $?]"; sleep 600`;
  tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', command);
}

function stopTui() {
  spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', SESSION]);
}

describe.skipIf(!hasTmux || !hasSample || !existsSync(CLI))('cm-tui in a real terminal (needs tmux, ../shared/data and npm run build)', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cm-tui-e2e-'));
    env = { XDG_DATA_HOME: join(dir, 'xdg'), TERM: 'xterm-256color' };
  });
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports the sample, previews it, reviews a match (accept, undo) and exports the tables', async () => {
    const db = join(dir, 'db');
    const out = join(dir, 'out');

    // 1. Import through the Import screen, opened directly.
    startTui(['import', '--db', db], env);
    await waitFor('File:');
    text(SAMPLE);
    await keys('Enter');
    const imported = await waitFor('Imported', 60_000);
    expect(imported).toContain('Records: 5,354 read');
    expect(imported).toMatch(/media_items\s+\+1,046\s+1,046/);

    // 2. Back to Home (counts), then Preview: the first table (artists), a page down, a filter.
    await keys('q');
    await waitFor('Observations: 5,354 · Media items: 1,046');
    await keys('p');
    await waitFor('Pick a table');
    await keys('Enter');
    await waitFor('row 1 of 262');
    await keys('PageDown');
    await waitFor(/row \d{2} of 262/);
    await keys('/');
    text('Sheeran');
    await keys('Enter');
    const filtered = await waitFor(/filter "Sheeran"[^]*row 1 of 2\b/);
    expect(filtered).toContain('Ed Sheeran');
    await keys('q');
    await waitFor('Pick a table');
    await keys('q');
    await waitFor('Media items: 1,046');
    await keys('q');
    await waitFor('[exit 0]');
    stopTui();

    // 3. Catalog and candidates with the headless commands (one process at a time on PGlite).
    execFileSync('node', [CLI, 'isrc', CATALOG, '--db', db], { env: { ...process.env, ...env }, stdio: 'pipe' });
    execFileSync('node', [CLI, 'match', '--db', db], { env: { ...process.env, ...env }, stdio: 'pipe' });

    // 4. Review: accept the picked candidate, undo it; then Export from Home.
    startTui(['review', '--db', db], env);
    await waitFor(/decided 0 \/ 1,046 · accepted 0/, 60_000);
    await keys('a');
    await waitFor(/decided 1 \/ 1,046 · accepted 1/);
    await keys('u');
    await waitFor(/decided 0 \/ 1,046 · accepted 0/);
    await keys('q');
    await waitFor('Matches: 0 reviewed');
    await keys('e');
    await waitFor('Tables (8 of');
    await keys('Tab', 'C-u');
    text(out);
    await keys('Enter');
    const exported = await waitFor('Wrote 8 files', 60_000);
    expect(exported).toMatch(/media_items\s+1,046 rows/);
    expect(exported).toContain(join(out, 'media_items.csv'));
    await keys('q');
    await waitFor('Matches: 0 reviewed');
    await keys('q');
    await waitFor('[exit 0]');
    stopTui();

    // 5. What the terminal did is in the database and the files.
    expect(readFileSync(join(out, 'media_items.csv'), 'utf8').trim().split('\n')).toHaveLength(1047);
    expect(readFileSync(join(out, 'playlist_positions_log.csv'), 'utf8').trim().split('\n')).toHaveLength(3448);
    const handle = await connect({ kind: 'embedded', dir: db });
    try {
      const decisions = await handle.db.selectFrom('isrc_match_decisions' as never).select(['decision' as never]).orderBy('id' as never).execute();
      expect(decisions.map((d) => (d as { decision: string }).decision)).toEqual(['accept', 'undo']);
      const observations = await handle.db.selectFrom('playlist_observations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(observations.n)).toBeGreaterThan(5000);
    } finally {
      await handle.close();
    }
  }, 180_000);
});
