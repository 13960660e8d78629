import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { rawRecord } from '../ingest/fixtures.js';

// Real processes of the built CLI (npm test builds first) on one embedded folder.
const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'cm-tui-lock-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let folders = 0;
const freshDir = (): string => join(scratch, `db${++folders}`);

function run(args: string[], cwd = scratch) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function finished(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Waits until the folder's lock file names `pid` (the holder writes it right after locking). */
async function lockedBy(dir: string, pid: number): Promise<void> {
  const path = join(dir, 'cm-tui.lock');
  for (const started = Date.now(); Date.now() - started < 60_000; ) {
    if (existsSync(path) && readFileSync(path, 'utf8').includes(`"pid":${pid},`)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${path} never named process ${pid}`);
}

const CATALOG = 'cm_track,track,isrc,cm_artist,artist\n1,Song A,USAAA2200001,10,Artist A\n2,Song B,USAAA2200002,11,Artist B\n';
const MORE = 'cm_track,track,isrc,cm_artist,artist\n3,Song C,USAAA2200003,12,Artist C\n';
const COUNTS = `select (select count(*) from isrc_lookup) as isrc, (select count(*) from ingest_runs) as runs,
  (select count(*) from playlist_observations) as observations, (select count(*) from isrc_candidates) as candidates`;

function counts(dir: string): string {
  const result = run(['sql', '--db', dir, '--csv', COUNTS]);
  expect(result.stderr).toBe('');
  return result.stdout;
}

function inUse(dir: string, pid: number, command: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // The holder's command is cut at 100 characters (long temp folder paths reach that).
  if (command.length > 100) command = `${command.slice(0, 99)}…`;
  return new RegExp(
    `^cm-tui: the embedded database at ${escape(dir)} is in use by process ${pid} \\(${escape(command)}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\); ` +
      'only one process at a time can open it: wait for that one to finish or quit it, then run this again\\n$',
  );
}

describe('one process per embedded folder', () => {
  it('refuses a second process with one line naming the holder, writing nothing', async () => {
    const dir = freshDir();
    const catalog = join(scratch, 'catalog.csv');
    const more = join(scratch, 'more.csv');
    const feed = join(scratch, 'feed.json');
    writeFileSync(catalog, CATALOG);
    writeFileSync(more, MORE);
    writeFileSync(feed, JSON.stringify([rawRecord(), rawRecord({ video_id: 'vid2', position: 2 })]));
    expect(run(['isrc', catalog, '--db', dir]).code).toBe(0);
    const before = counts(dir);
    expect(before).toBe('isrc,runs,observations,candidates\n2,0,0,0\n');

    const holderArgs = ['sql', '--db', dir, 'select pg_sleep(600)'];
    const holder = spawn(process.execPath, [cli, ...holderArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    const holderDone = finished(holder);
    try {
      await lockedBy(dir, holder.pid!);
      const message = inUse(dir, holder.pid!, `cm-tui ${holderArgs.join(' ')}`);
      const out = join(scratch, 'export-out');
      for (const args of [
        ['isrc', more, '--db', dir],
        ['ingest', feed, '--db', dir],
        ['match', '--db', dir, '--auto-accept'],
        ['sql', '--db', dir, '--write', "insert into isrc_lookup (isrc, track) values ('USAAA2200009', 'x')"],
        ['sql', '--db', dir, 'select 1'],
        ['export', '--db', dir, '--out', out],
      ]) {
        const result = run(args);
        expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 1, stdout: '' });
        expect(result.stderr).toMatch(message);
      }
      expect(existsSync(out)).toBe(false);
    } finally {
      holder.kill('SIGKILL');
    }
    await holderDone;
    // Killed: its name is still in the file, but the kernel dropped its lock with the process.
    expect(readFileSync(join(dir, 'cm-tui.lock'), 'utf8')).toContain(`"pid":${holder.pid},`);
    expect(counts(dir)).toBe(before);
    // Released at exit: the file names no one.
    expect(readFileSync(join(dir, 'cm-tui.lock'), 'utf8')).toBe('');
  }, 240_000);

  it('takes over a lock file left by a dead process or naming a live one that does not hold it', () => {
    const dir = freshDir();
    expect(run(['sql', '--db', dir, 'select 1']).code).toBe(0);
    const exited = spawnSync(process.execPath, ['-e', '']);
    const dead = exited.pid!;
    const lockFile = join(dir, 'cm-tui.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: dead, command: 'cm-tui ingest feed.json', since: '2026-01-01T00:00:00.000Z' }) + '\n');
    expect(run(['sql', '--db', dir, '--csv', 'select 41 + 1 as n'])).toEqual({ code: 0, stdout: 'n\n42\n', stderr: '' });
    // A pid now used by another program (here this test process, which holds no lock).
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, command: 'cm-tui ingest feed.json', since: '2026-01-01T00:00:00.000Z' }) + '\n');
    expect(run(['sql', '--db', dir, '--csv', 'select 41 + 1 as n'])).toEqual({ code: 0, stdout: 'n\n42\n', stderr: '' });
  }, 120_000);

  it('lets exactly one of two processes starting at once on a free folder in', async () => {
    // A new folder (the first open loads the template) and an existing database.
    const existing = freshDir();
    expect(run(['sql', '--db', existing, 'select 1']).code).toBe(0);
    for (const dir of [freshDir(), existing]) {
      const args = [cli, 'sql', '--db', dir, '--csv', 'select pg_sleep(3) is null as slept'];
      const racers = [spawn(process.execPath, args), spawn(process.execPath, args)];
      const results = await Promise.all(racers.map(finished));
      const winner = results.findIndex((r) => r.code === 0);
      expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
      expect(results[winner]).toEqual({ code: 0, stdout: 'slept\nfalse\n', stderr: '' });
      const loser = results[1 - winner]!;
      expect(loser.stdout).toBe('');
      expect(loser.stderr).toMatch(inUse(dir, racers[winner]!.pid!, `cm-tui sql --db ${dir} --csv select pg_sleep(3) is null as slept`));
    }
  }, 240_000);

  it.skipIf(spawnSync('tmux', ['-V']).status !== 0)('stops the terminal UI and the demo before their first frame, in a real terminal', async () => {
    const data = join(scratch, 'xdg');
    const demo = join(data, 'cm-tui', 'demo');
    const holderArgs = ['sql', '--db', demo, 'select pg_sleep(600)'];
    const holder = spawn(process.execPath, [cli, ...holderArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    const holderDone = finished(holder);
    const socket = `cm-tui-lock-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    try {
      await lockedBy(demo, holder.pid!);
      const message = inUse(demo, holder.pid!, `cm-tui ${holderArgs.join(' ')}`);
      for (const [name, args] of [
        ['app', `--db '${demo}'`],
        ['demo', '--demo'],
      ]) {
        tmux('new-session', '-d', '-s', name!, '-x', '400', '-y', '20', `env XDG_DATA_HOME='${data}' node '${cli}' ${args}; echo "exit=$?"; sleep 600`);
        let pane = '';
        for (const started = Date.now(); !pane.includes('exit=') && Date.now() - started < 60_000; ) {
          await new Promise((r) => setTimeout(r, 100));
          pane = tmux('capture-pane', '-p', '-J', '-t', name!).stdout;
        }
        const lines = pane.split('\n').filter((line) => line.trim() !== '');
        expect(lines).toHaveLength(2);
        expect(`${lines[0]!.trimEnd()}\n`).toMatch(message);
        expect(lines[1]!.trim()).toBe('exit=1');
      }
    } finally {
      tmux('kill-server');
      holder.kill('SIGKILL');
    }
    await holderDone;
  }, 180_000);

  it('needs no lock for memory://: two at once both run', async () => {
    const args = [cli, 'sql', '--db', 'memory://', '--csv', 'select pg_sleep(2) is null as slept'];
    const results = await Promise.all([spawn(process.execPath, args), spawn(process.execPath, args)].map(finished));
    expect(results).toEqual([
      { code: 0, stdout: 'slept\nfalse\n', stderr: '' },
      { code: 0, stdout: 'slept\nfalse\n', stderr: '' },
    ]);
  }, 120_000);
});

describe('--db values that are no database', () => {
  const accepted = 'give a folder path (embedded database), memory:// or a postgresql:// (postgres://) URL';

  it('refuses an empty --db (an unset variable) with exit 2, creating nothing', () => {
    const cwd = mkdtempSync(join(scratch, 'cwd-'));
    for (const command of [['sql', 'select 1'], ['ingest', join(scratch, 'none.json')], ['isrc', join(scratch, 'none.csv')]]) {
      expect(run([...command, '--db', ''], cwd)).toEqual({ code: 2, stdout: '', stderr: `cm-tui: --db is empty: ${accepted}\n` });
    }
    expect(readdirSync(cwd)).toEqual([]);
  }, 120_000);

  it('refuses a URL of another scheme, the password masked, creating nothing', () => {
    const cwd = mkdtempSync(join(scratch, 'cwd-'));
    for (const [url, shown, scheme] of [
      ['postgresl://ana:s3cret@db.example/music', 'postgresl://ana:***@db.example/music', 'postgresl'],
      ['mysql://root:s3cret@localhost/music', 'mysql://root:***@localhost/music', 'mysql'],
      ['http://example.com/db', 'http://example.com/db', 'http'],
    ] as const) {
      expect(run(['sql', '--db', url, 'select 1'], cwd)).toEqual({
        code: 2,
        stdout: '',
        stderr: `cm-tui: --db '${shown}' is not a database cm-tui can open (${scheme}://): ${accepted}\n`,
      });
    }
    const fromEnv = spawnSync(process.execPath, [cli, 'sql', 'select 1'], { encoding: 'utf8', cwd, env: { ...process.env, DATABASE_URL: 'mysql://root:s3cret@localhost/music' } });
    expect({ code: fromEnv.status, stderr: fromEnv.stderr }).toEqual({
      code: 1,
      stderr: `cm-tui: DATABASE_URL 'mysql://root:***@localhost/music' is not a database cm-tui can open (mysql://): ${accepted}\n`,
    });
    expect(readdirSync(cwd)).toEqual([]);
  }, 120_000);
});
