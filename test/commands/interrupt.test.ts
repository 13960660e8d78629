import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';

// Ctrl-C and SIGTERM at each phase of a database load, on the built CLI in real processes: the
// command runs under a pseudo-terminal (`script`) so it prints its phase lines, the signal goes
// to the node process when a phase's line shows, and the database must be exactly as before.
const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');
// Skipped without script(1) (util-linux), which gives the command its pseudo-terminal.
const hasScript = spawnSync('script', ['--version']).status === 0;
const serverUrl = process.env['TEST_DATABASE_URL'];

const INTERRUPTED_LOAD = 'cm-tui: interrupted: nothing was loaded (the database is as it was)';

interface Run {
  code: number | null;
  /** Terminal output (stdout and stderr together), the progress rewrites split into lines. */
  lines: string[];
  /** Milliseconds from the signal to the exit, or null when none was sent. */
  delayMs: number | null;
}

/** The phase lines and output of a command, as lines. */
function terminalLines(output: string): string[] {
  return output
    .split(/\r|\n/)
    .map((line) => line.replace(/\x1b\[K/g, '').trim())
    .filter((line) => line !== '');
}

/**
 * Runs `cm-tui args` under a pseudo-terminal; sends `signal` to the node process once `trigger`
 * says so (given the output so far; or a promise resolving when to send it).
 */
function runInterrupted(args: string[], trigger: ((output: string) => boolean) | Promise<void>, signal: NodeJS.Signals = 'SIGINT'): Promise<Run> {
  const command = `exec ${[process.execPath, cli, ...args].map((a) => `'${a}'`).join(' ')}`;
  const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let sentAt: number | null = null;
  const send = () => {
    if (sentAt !== null) return;
    sentAt = performance.now();
    // `script` runs the command as its only child.
    const pid = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]);
    process.kill(pid, signal);
  };
  if (typeof trigger !== 'function') void trigger.then(send);
  child.stdout.on('data', (data: Buffer) => {
    output += data.toString();
    if (typeof trigger === 'function' && trigger(output)) send();
  });
  return new Promise((done) => {
    child.on('exit', (code) => done({ code, lines: terminalLines(output), delayMs: sentAt === null ? null : performance.now() - sentAt }));
  });
}

const shows = (text: string) => (output: string) => output.includes(text);

function runCli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Rows of every table of the public schema. */
async function counts(db: string): Promise<Record<string, number>> {
  const handle = await connect(db.startsWith('postgresql://') ? { kind: 'server', url: db } : { kind: 'embedded', dir: db });
  try {
    const tables = await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c
      WHERE c.relkind IN ('r', 'p') AND c.relnamespace = 'public'::regnamespace ORDER BY 1`.execute(handle.db);
    const result: Record<string, number> = {};
    for (const { name } of tables.rows) {
      const n = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM ${sql.table(name)}`.execute(handle.db);
      result[name] = n.rows[0]!.n;
    }
    return result;
  } finally {
    await handle.close();
  }
}

/** Model table rows from an `ingest --no-db` summary: what a clean load of the file gives. */
function cleanRunTables(file: string): Record<string, number> {
  const out = join(dir, `clean-${randomBytes(4).toString('hex')}`);
  const run = runCli('ingest', file, '--no-db', '--out', out);
  expect(run.code).toBe(0);
  const tables: Record<string, number> = {};
  for (const match of run.stdout.matchAll(/^ {2}(users|playlists|media_items|artists|playlist_\w+|media_item_metadata) +([\d,]+)$/gm)) {
    tables[match[1]!] = Number(match[2]!.replaceAll(',', ''));
  }
  return tables;
}

let dir: string;
let feedA: string;
let feedB: string;
let catalog: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-interrupt-'));
  feedA = join(dir, 'a.json');
  feedB = join(dir, 'b.json');
  catalog = join(dir, 'cm_track.csv');
  // Enough records for each phase to take a moment, few enough to keep the file quick.
  expect(runCli('generate', '--rows', '50000', '--seed', '1', '--videos', '6000', '--out', feedA, '--catalog', catalog, '--tracks', '55000').code).toBe(0);
  expect(runCli('generate', '--rows', '50000', '--seed', '2', '--out', feedB).code).toBe(0);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh database of each kind: a PGlite folder, and a database on the test server when there is one. */
const targets: { name: string; fresh(): Promise<{ db: string; dispose(): Promise<void> }> }[] = [
  {
    name: 'PGlite',
    async fresh() {
      const db = join(dir, `pglite-${randomBytes(4).toString('hex')}`);
      return { db, dispose: async () => rmSync(db, { recursive: true, force: true }) };
    },
  },
  ...(serverUrl === undefined
    ? []
    : [
        {
          name: 'server',
          async fresh() {
            const name = `cm_test_${randomBytes(6).toString('hex')}`;
            await admin((client) => client.query(`CREATE DATABASE ${name}`));
            const url = new URL(serverUrl);
            url.pathname = `/${name}`;
            return {
              db: url.toString(),
              async dispose() {
                await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
              },
            };
          },
        },
      ]),
];

async function admin<T>(work: (client: pg.Client) => Promise<T>, url = serverUrl!): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!hasScript).each(targets)('Ctrl-C during a load into $name (real processes)', (target) => {
  let db: string;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await target.fresh());
  });
  afterAll(async () => {
    await dispose();
  });

  // Each phase line shows as its step begins; the signal then lands in that step.
  const firstLoadPhases = ['reading', 'database: inserting observations', 'database: recomputing change logs', 'database: committing'];
  it('a first load, interrupted at each phase, leaves the database empty; then it completes', async () => {
    const before = await counts(db);
    expect(before['playlist_observations']).toBe(0);
    for (const phase of firstLoadPhases) {
      const run = await runInterrupted(['ingest', feedA, '--db', db], shows(phase));
      expect({ phase, code: run.code, last: run.lines.at(-1) }).toEqual({ phase, code: 130, last: INTERRUPTED_LOAD });
      expect(run.lines.some((line) => line.startsWith('loaded into'))).toBe(false);
      expect(await counts(db)).toEqual(before);
    }
    const rerun = runCli('ingest', feedA, '--db', db);
    expect(rerun.code).toBe(0);
    const after = await counts(db);
    expect(after).toMatchObject(cleanRunTables(feedA));
    expect(after['ingest_runs']).toBe(1);
  }, 600_000);

  const incrementalPhases = ['reading', 'database: inserting observations', 'database: recomputing change logs'];
  it('a load into a loaded database, interrupted at each phase (SIGTERM once), leaves it as it was; then it completes', async () => {
    const before = await counts(db);
    expect(before['ingest_runs']).toBe(1);
    for (const [i, phase] of incrementalPhases.entries()) {
      const signal = i === 1 ? 'SIGTERM' : 'SIGINT';
      const run = await runInterrupted(['ingest', feedB, '--db', db], shows(phase), signal);
      expect({ phase, code: run.code, last: run.lines.at(-1) }).toEqual({ phase, code: signal === 'SIGTERM' ? 143 : 130, last: INTERRUPTED_LOAD });
      expect(await counts(db)).toEqual(before);
    }
    expect(runCli('ingest', feedB, '--db', db).code).toBe(0);
    expect((await counts(db))['ingest_runs']).toBe(2);
  }, 600_000);

  it('isrc, interrupted while reading the catalog, loads nothing; then it completes', async () => {
    const before = await counts(db);
    const run = await runInterrupted(['isrc', catalog, '--db', db], shows('reading 50,000 rows'));
    expect({ code: run.code, last: run.lines.at(-1) }).toEqual({ code: 130, last: INTERRUPTED_LOAD });
    expect(await counts(db)).toEqual(before);
    const rerun = runCli('isrc', catalog, '--db', db);
    expect(rerun.code).toBe(0);
    const inserted = Number(/^ {2}inserted +([\d,]+)$/m.exec(rerun.stdout)![1]!.replaceAll(',', ''));
    expect(inserted).toBeGreaterThan(50_000);
    expect((await counts(db))['isrc_lookup']).toBe(inserted);
  }, 600_000);

  it('match, interrupted while storing candidates, stores none; then it completes', async () => {
    const before = await counts(db);
    expect(before['isrc_candidates']).toBe(0);
    const run = await runInterrupted(['match', '--db', db, '--auto-accept'], shows('media items: 2,000'));
    expect({ code: run.code, last: run.lines.at(-1) }).toEqual({ code: 130, last: 'cm-tui: interrupted: no candidates were stored (the database is as it was)' });
    expect(await counts(db)).toEqual(before);
    expect(runCli('match', '--db', db).code).toBe(0);
    expect((await counts(db))['isrc_candidates']).toBeGreaterThan(0);
  }, 600_000);
});

/**
 * On a server a statement that is running is cancelled, not waited for: the test holds a lock
 * the load's next statement needs, so that statement waits until the signal comes. Without the
 * cancel the command would wait for the lock, which is released only after WAIT_MS.
 */
describe.skipIf(!hasScript || serverUrl === undefined)('Ctrl-C cancels the running statement on a server', () => {
  const WAIT_MS = 20_000;
  let db: string;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await targets[1]!.fresh());
  });
  afterAll(async () => {
    await dispose();
  });

  /**
   * Holds `lock` (SQL run in an open transaction) and sends the signal once a statement like
   * `waiting` waits on it; the lock is released WAIT_MS after that, or when the command exits.
   */
  async function whileLocked(lock: string, waiting: string, args: string[], signal: NodeJS.Signals = 'SIGINT'): Promise<Run> {
    const holder = new pg.Client({ connectionString: db });
    const watcher = new pg.Client({ connectionString: db });
    for (const client of [holder, watcher]) {
      client.on('error', () => undefined);
      await client.connect();
    }
    await holder.query('BEGIN');
    await holder.query(lock);
    let exited = false;
    let release: NodeJS.Timeout | undefined;
    const blocked = (async () => {
      while (!exited) {
        const rows = await watcher.query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE $1`, [`%${waiting}%`]);
        if (rows.rowCount! > 0) {
          release = setTimeout(() => void holder.query('ROLLBACK').catch(() => undefined), WAIT_MS);
          return;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      await new Promise(() => undefined);
    })();
    try {
      return await runInterrupted(args, blocked, signal);
    } finally {
      exited = true;
      clearTimeout(release);
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end().catch(() => undefined);
      await watcher.end().catch(() => undefined);
    }
  }

  it('a first load waiting on a lock is cancelled at once', async () => {
    const before = await counts(db);
    // The load's first lock: its turn among loads without --shard.
    const run = await whileLocked('SELECT pg_advisory_xact_lock(74211004::int8)', 'pg_advisory_xact_lock', ['ingest', feedA, '--db', db]);
    expect({ code: run.code, last: run.lines.at(-1) }).toEqual({ code: 130, last: INTERRUPTED_LOAD });
    expect(run.delayMs).toBeLessThan(WAIT_MS / 2);
    expect(await counts(db)).toEqual(before);
  }, 120_000);

  it('a load after reading (inserting users) is cancelled at once', async () => {
    expect(runCli('ingest', feedA, '--db', db).code).toBe(0);
    const before = await counts(db);
    const run = await whileLocked('LOCK TABLE users IN SHARE MODE', 'INSERT INTO users', ['ingest', feedB, '--db', db], 'SIGTERM');
    expect({ code: run.code, last: run.lines.at(-1) }).toEqual({ code: 143, last: INTERRUPTED_LOAD });
    expect(run.delayMs).toBeLessThan(WAIT_MS / 2);
    expect(await counts(db)).toEqual(before);
  }, 120_000);

  it('isrc upserting the catalog is cancelled at once', async () => {
    const before = await counts(db);
    const run = await whileLocked('LOCK TABLE isrc_lookup IN SHARE MODE', 'INSERT INTO isrc_lookup', ['isrc', catalog, '--db', db]);
    expect({ code: run.code, last: run.lines.at(-1) }).toEqual({ code: 130, last: INTERRUPTED_LOAD });
    expect(run.delayMs).toBeLessThan(WAIT_MS / 2);
    expect(await counts(db)).toEqual(before);
    expect(runCli('isrc', catalog, '--db', db).code).toBe(0);
  }, 120_000);

  it('match replacing candidates is cancelled at once; auto-accept too, after the candidates are stored', async () => {
    // Media items to match (a re-import when the test above loaded them already).
    expect(runCli('ingest', feedA, '--db', db).code).toBe(0);
    const before = await counts(db);
    const storing = await whileLocked('LOCK TABLE isrc_candidates IN SHARE MODE', 'isrc_candidates', ['match', '--db', db, '--auto-accept']);
    expect({ code: storing.code, last: storing.lines.at(-1) }).toEqual({ code: 130, last: 'cm-tui: interrupted: no candidates were stored (the database is as it was)' });
    expect(storing.delayMs).toBeLessThan(WAIT_MS / 2);
    expect(await counts(db)).toEqual(before);

    const accepting = await whileLocked('LOCK TABLE isrc_match_decisions IN SHARE MODE', 'isrc_match_decisions', ['match', '--db', db, '--auto-accept']);
    expect({ code: accepting.code, last: accepting.lines.at(-1) }).toEqual({ code: 130, last: 'cm-tui: interrupted: the candidates were stored; no automatic decision was recorded' });
    expect(accepting.delayMs).toBeLessThan(WAIT_MS / 2);
    const after = await counts(db);
    expect(after['isrc_candidates']).toBeGreaterThan(0);
    expect(after['isrc_match_decisions']).toBe(0);
  }, 120_000);
});
