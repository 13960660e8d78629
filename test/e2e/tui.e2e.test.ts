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
/**
 * tmux reads an argument ending in ; as the end of its command and drops the ; (even from
 * execFile, with no shell): `select 1;` would arrive as `select 1`. Escaped, it is sent.
 */
const tmuxText = (literal: string) => literal.replace(/;$/, '\\;');
const text = (literal: string) => tmux('send-keys', '-t', SESSION, '-l', tmuxText(literal));

/** Polls the pane until it shows `expected` (capture-pane every 50 ms); fails with what it shows. */
async function waitFor(expected: string | RegExp, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (typeof expected === 'string' ? shown.includes(expected) : expected.test(shown)) return shown;
    if (Date.now() > deadline) throw new Error(`the terminal did not show ${String(expected)} within ${timeoutMs} ms; it shows:\n${shown}`);
    await sleep(50);
  }
}

/** Sends one key (a tmux key name) and waits for the frame it should bring: keys never travel together. */
async function press(key: string, expected: string | RegExp, timeoutMs?: number): Promise<string> {
  tmux('send-keys', '-t', SESSION, key);
  return waitFor(expected, timeoutMs);
}

/** Waits until the pane no longer shows `gone`. */
async function waitForGone(gone: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = screen();
    if (!shown.includes(gone)) return shown;
    if (Date.now() > deadline) throw new Error(`the terminal still shows ${gone} after ${timeoutMs} ms:\n${shown}`);
    await sleep(50);
  }
}

const videoOn = (shown: string) => /Video ([\w-]{11})/.exec(shown)?.[1] ?? null;

/** Waits for a review item other than `current`; returns its video id. */
async function nextVideo(current: string | null): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const video = videoOn(screen());
    if (video && video !== current) return video;
    if (Date.now() > deadline) throw new Error(`no item after ${current}; the terminal shows:\n${screen()}`);
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

  it('the whole day in the app: import feed and catalog, run match, auto decisions, review, explorer, export', async () => {
    const db = join(dir, 'db');
    const out = join(dir, 'out');
    startTui(['--db', db], env);
    await waitFor('Observations: 0', 120_000);

    // 1. Import the feed, then the catalog (recognised by its header), on the Import screen.
    await press('i', 'File:');
    text(SAMPLE);
    let shown = await press('Enter', 'Imported', 60_000);
    expect(shown).toContain('Records: 5,354 read');
    expect(shown).toMatch(/media_items\s+\+1,046\s+1,046/);
    await press('n', 'File:');
    await press('C-u', 'path to a .json or .ndjson file');
    text(CATALOG);
    shown = await press('Enter', 'Imported the ISRC catalog', 60_000);
    expect(shown).toMatch(/Rows: 4,538 read · 4,5\d\d new/);
    await press('q', 'Media items: 1,046');
    expect(screen()).toContain('not run yet');

    // 2. Run match from Home; the automatic decisions with a live count; y records them.
    shown = await press('m', /Auto no-match: no recording reaches 0\.05 \(>\/<\) → [\d,]+ undecided items?/, 120_000);
    expect(shown).toContain('Matched 1,046 videos');
    const count = (text: string, bar: 'accept' | 'no match') =>
      Number(new RegExp(`${bar === 'accept' ? 'Auto-accept: confidence' : 'Auto no-match: no recording reaches'} [^→]*→ ([\\d,]+) undecided`).exec(text)![1]!.replace(/,/g, ''));
    const atDefault = count(shown, 'accept');
    const noMatchAtDefault = count(shown, 'no match');
    await press('+', 'Auto-accept: confidence ≥ 0.96 (+/-)');
    shown = await waitFor(/confidence ≥ 0\.96 \(\+\/-\) → [\d,]+ undecided/);
    expect(count(shown, 'accept')).toBeLessThanOrEqual(atDefault);
    await press('>', /no recording reaches 0\.06 \(>\/<\) → [\d,]+ undecided/);
    expect(count(screen(), 'no match')).toBeGreaterThanOrEqual(noMatchAtDefault);
    await press('-', /confidence ≥ 0\.95 \(\+\/-\) → [\d,]+ undecided/);
    await press('<', /no recording reaches 0\.05 \(>\/<\) → [\d,]+ undecided/);
    shown = await press('y', /Auto-accepted [\d,]+ items \(confidence ≥ 0\.95\), no match for [\d,]+ \(no recording reaches 0\.05\)/);
    const autoAccepted = Number(/Auto-accepted ([\d,]+) items/.exec(shown)![1]!.replace(/,/g, ''));
    const autoNoMatch = Number(/no match for ([\d,]+)/.exec(shown)![1]!.replace(/,/g, ''));
    expect(autoAccepted).toBe(atDefault);
    expect(autoNoMatch).toBe(noMatchAtDefault);

    // 3. Review five items with every key.
    await press('r', 'Match review');
    let video = await nextVideo(null);
    shown = screen();
    expect(shown).toMatch(/item 1 of [\d,]+/);
    expect(shown).toContain(`decided ${(autoAccepted + autoNoMatch).toLocaleString('en-US')} / 1,046`);
    // Help, and back.
    await press('?', 'pick candidate n');
    await press('Space', 'Candidates');
    // Item 1: pick by number and with the arrows, a note, accept.
    await press('1', /▶  1\./);
    tmux('send-keys', '-t', SESSION, 'Down');
    await press('Up', /▶  1\./);
    await press('e', 'note for the next decision:');
    text('checked in the e2e test');
    await press('Enter', 'note: checked in the e2e test');
    tmux('send-keys', '-t', SESSION, 'a');
    const first = video;
    video = await nextVideo(video);
    expect(await waitFor('accepted ')).toMatch(/item 2 of/);
    // Item 2: search the catalog, back to the candidates; reject the first candidate, then accept with Enter.
    await press('/', 'search catalog (words or ISRC):');
    text('love');
    await press('Enter', 'Catalog search "love"');
    await press('Escape', /Candidates \(\d+\)/);
    await press('r', 'rejected ');
    tmux('send-keys', '-t', SESSION, 'Enter');
    video = await nextVideo(video);
    // Item 3: no match. Item 4: defer. Item 5: skip, then back with [ and p, forward with ].
    const third = video;
    tmux('send-keys', '-t', SESSION, 'n');
    video = await nextVideo(video);
    tmux('send-keys', '-t', SESSION, 'd');
    video = await nextVideo(video);
    const fifth = video;
    await press('s', 'skipped: still in the queue');
    video = await nextVideo(fifth);
    await press('[', `Video ${fifth}`);
    shown = await press('p', 'in force: defer');
    const fourth = videoOn(shown)!;
    await press(']', `Video ${fifth}`);
    // Accept the fifth item, undo it (it comes back), accept it again.
    tmux('send-keys', '-t', SESSION, 'a');
    await waitFor(/accepted .* u undoes/);
    await press('u', 'undid accept');
    await waitFor(`Video ${fifth}`);
    tmux('send-keys', '-t', SESSION, 'a');
    await waitFor(/accepted .* u undoes/);
    // Queues: f shows the deferred one (the fourth item), six more come back to undecided.
    await press('f', 'Queue: deferred');
    await waitFor(`Video ${fourth}`);
    for (const queue of ['medium', 'low', 'none', 'strong', 'automatic decisions sample', 'undecided']) await press('f', `Queue: ${queue}`);
    // A: the auto-decision panel, a bar for each decision; n leaves it.
    await press('A', 'Auto-accept: confidence ≥ 0.95 (+/-)');
    await waitFor('Auto no-match: no recording reaches 0.05 (>/<)');
    await press('n', 'automatic decisions cancelled');
    await press('q', 'Matches:');

    // 4. The SQL explorer: the decisions just made.
    await press('s', 'ro=>');
    // Pasted over four lines (tmux pastes line ends as \r, as a terminal does): the lines stay
    // lines and nothing runs until ⏎ after the closing ;.
    tmux('set-buffer', '-b', 'query', tmuxText('select decision, method, count(*) as n\nfrom isrc_match_state\ngroup by 1, 2\norder by 1, 2;'));
    tmux('paste-buffer', '-b', 'query', '-t', SESSION);
    shown = await waitFor('... order by 1, 2;');
    expect(shown).toContain('ro=> select decision, method, count(*) as n\n ... from isrc_match_state\n ... group by 1, 2\n');
    shown = await press('Enter', new RegExp(`${autoNoMatch > 0 ? 5 : 4} rows · \\d+ ms`));
    expect(shown).toMatch(/accept\s+│ manual │\s+3\n/);
    expect(shown).toMatch(new RegExp(`accept\\s+│ auto\\s+│\\s+${autoAccepted}\\n`));
    expect(shown).toMatch(/no_match │ manual │\s+1\n/);
    if (autoNoMatch > 0) expect(shown).toMatch(new RegExp(`no_match │ auto\\s+│\\s+${autoNoMatch}\\n`));
    expect(shown).toMatch(/defer\s+│ manual │\s+1\n/);
    await press('Escape', 'Matches:');

    // 5. Export every table.
    await press('e', 'Tables (8 of');
    await press('Tab', 'Tab tables');
    tmux('send-keys', '-t', SESSION, 'C-u');
    text(out);
    shown = await press('Enter', 'Wrote 8 files', 60_000);
    expect(shown).toMatch(/media_items\s+1,046 rows/);
    await press('q', 'Matches:');
    await press('q', '[exit 0]');
    stopTui();

    // 6. What the terminal did is in the database and the files.
    expect(readFileSync(join(out, 'media_items.csv'), 'utf8').trim().split('\n')).toHaveLength(1047);
    const handle = await connect({ kind: 'embedded', dir: db });
    try {
      const decisions = await handle.db
        .selectFrom('isrc_match_decisions as d')
        .innerJoin('media_items as m', 'm.id', 'd.media_item_id')
        .select(['m.source_id', 'd.decision', 'd.method', 'd.note'])
        .where('d.method', '=', 'manual')
        .orderBy('d.id')
        .execute();
      expect(decisions.map((d) => [d.source_id, d.decision])).toEqual([
        [first, 'accept'],
        [decisions[1]!.source_id, 'reject'],
        [decisions[1]!.source_id, 'accept'],
        [third, 'no_match'],
        [fourth, 'defer'],
        [fifth, 'accept'],
        [fifth, 'undo'],
        [fifth, 'accept'],
      ]);
      expect(decisions[0]!.note).toBe('checked in the e2e test');
      const auto = await handle.db.selectFrom('isrc_match_decisions').select(['decision', (eb) => eb.fn.countAll<number>().as('n')]).where('method', '=', 'auto').groupBy('decision').orderBy('decision').execute();
      expect(auto.map((a) => [a.decision, Number(a.n)])).toEqual([
        ['accept', autoAccepted],
        ...(autoNoMatch > 0 ? [['no_match', autoNoMatch]] : []),
      ]);
    } finally {
      await handle.close();
    }
  }, 400_000);
});
