import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testTargets } from '../support/db-targets.js';

// A lost connection, a full disk or a denied folder is the environment, not a bug: one line on
// stderr and exit 1, never exit 3 with a stack trace.
const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');
const sample = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/youtube_playlist.json');
const scratch = mkdtempSync(join(tmpdir(), 'cm-tui-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
// A one-record feed of its own: the test must run on a machine without ../shared/data.
const feed = join(scratch, 'feed.json');
writeFileSync(feed, JSON.stringify([{ playlist_id: 'PL1', playlist_name: 'Top', artwork_url: null, channel_id: 'UC1', views: 10, num_videos: 1, timestp: '2022-05-20T12:19:10.516896', video_id: 'XXYlFuWEuKI', title: 'The Weeknd - Save Your Tears', artist_name: 'The Weeknd', image_url: null, track_title: 'Save Your Tears', position: 1 }]));

const root = process.getuid?.() === 0;
const hasSetpriv = spawnSync('setpriv', ['--version']).status === 0;
// As root the CLI runs as nobody, who must be able to reach it (a checkout under a 0700 folder is not).
const nobodyReachesCli = !root || (hasSetpriv && spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', `require('fs').accessSync(${JSON.stringify(cli)})`]).status === 0);

/**
 * The CLI as a user the folder denies: root may write anywhere, so as root it runs as nobody
 * (setpriv); as anyone else, directly.
 */
function runDenied(args: string[]) {
  const command = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, cli, ...args] : [process.execPath, cli, ...args];
  const result = spawnSync(command[0]!, command.slice(1), { encoding: 'utf8', timeout: 120_000, env: { ...process.env, HOME: scratch } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(root && !nobodyReachesCli)('a denied folder (skipped as root when nobody cannot reach the checkout)', () => {
  // Everyone may pass through, nobody but root may write.
  const denied = join(scratch, 'denied');
  mkdirSync(denied, { mode: 0o555 });
  chmodSync(scratch, 0o755);

  it('as --out of export and ingest: one line naming the file, exit 1, nothing left', () => {
    const exported = runDenied(['export', '--db', 'memory://', '--out', denied]);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(new RegExp(`^cm-tui: permission denied: cannot open ${denied}/\\.[a-z_]+\\.csv\\.\\d+\\.tmp\\n$`));
    expect(exported.code).toBe(1);
    const ingested = runDenied(['ingest', feed, '--no-db', '--out', denied]);
    expect(ingested.stdout).toBe('');
    expect(ingested.stderr).toMatch(new RegExp(`^cm-tui: permission denied: cannot open ${denied}/\\.[a-z_]+\\.(csv|jsonl)\\.\\d+\\.tmp\\n$`));
    expect(ingested.code).toBe(1);
    expect(readdirSync(denied)).toEqual([]);
  }, 120_000);

  it('as --db, new or an existing database: one line, exit 1', () => {
    const fresh = runDenied(['sql', '--db', join(denied, 'db'), 'select 1']);
    expect(fresh).toEqual({ code: 1, stdout: '', stderr: `cm-tui: cannot open the embedded database at ${join(denied, 'db')}: EACCES: permission denied, mkdir '${join(denied, 'db')}'\n` });
    const existing = join(scratch, 'existing');
    expect(spawnSync(process.execPath, [cli, 'sql', '--db', existing, 'select 1']).status).toBe(0);
    spawnSync('chmod', ['-R', 'a-w', existing]);
    try {
      const opened = runDenied(['sql', '--db', existing, 'select 1']);
      expect(opened).toEqual({ code: 1, stdout: '', stderr: `cm-tui: cannot open the embedded database at ${existing}: EACCES: permission denied, open '${existing}/cm-tui.lock'\n` });
    } finally {
      spawnSync('chmod', ['-R', 'u+w', existing]);
    }
  }, 120_000);
});

// A 64 KiB tmpfs is a full disk; mounting needs root (and a machine that allows it).
const small = join(scratch, 'small');
mkdirSync(small);
const mounted = root && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small]).status === 0;
afterAll(() => {
  if (mounted) spawnSync('umount', [small]);
});

describe.skipIf(!mounted || !existsSync(sample))('a full disk', () => {
  it('under --out: one line, exit 1, the folder as it was', () => {
    const result = spawnSync(process.execPath, [cli, 'ingest', sample, '--no-db', '--out', join(small, 'out')], { encoding: 'utf8', timeout: 120_000 });
    expect({ code: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      code: 1,
      stdout: '',
      stderr: 'cm-tui: no space left on the device: cannot write; free some space and run the command again\n',
    });
    expect(readdirSync(small)).toEqual([]);
  }, 120_000);
});

const server = testTargets().find((t) => t.name === 'server');

describe.skipIf(server === undefined)('a server connection killed mid-run', () => {
  it('ends the ingest with one line and exit 1, the database as it was', async () => {
    const feed = join(scratch, 'big.json');
    expect(spawnSync(process.execPath, [cli, 'generate', '--rows', '200000', '--out', feed]).status).toBe(0);
    const fresh = await server!.fresh();
    const admin = new pg.Client({ connectionString: process.env['TEST_DATABASE_URL'] });
    await admin.connect();
    try {
      const database = new URL(fresh.dbArg).pathname.slice(1);
      const child = spawn(process.execPath, [cli, 'ingest', feed, '--db', fresh.dbArg]);
      let stderr = '';
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      // The load's COPY, not the schema check at connect.
      let terminated = 0;
      for (const started = Date.now(); terminated === 0 && Date.now() - started < 120_000; ) {
        const killed = await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND state = 'active' AND query ILIKE 'COPY%'`,
          [database],
        );
        terminated = killed.rowCount ?? 0;
        if (terminated === 0) await new Promise((r) => setTimeout(r, 100));
      }
      expect(terminated).toBe(1);
      expect(await exited).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        'cm-tui: lost the connection to the database server (terminating connection due to administrator command); the server rolls back what was not committed: run the command again once it is reachable\n',
      );
      const left = await fresh.handle.db.selectFrom('ingest_runs').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const observations = await fresh.handle.db.selectFrom('playlist_observations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect([Number(left.n), Number(observations.n)]).toEqual([0, 0]);
    } finally {
      await admin.end();
      await fresh.dispose();
    }
  }, 300_000);
});
