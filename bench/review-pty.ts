/**
 * Review latency as the user feels it: the built CLI in a real pseudo-terminal (tmux, 120x40),
 * a key sent to it, and the time until the terminal receives the frame with the next item. tmux's
 * control mode streams the pane's output (%output) and takes send-keys on one pipe, so no process
 * is started per key or per poll. Runs on the embedded database and, with TEST_DATABASE_URL or
 * --server URL, on a PostgreSQL server (a scratch database, dropped after).
 *   npm run bench:review-pty [-- --keys N] [--server postgresql://...]
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { connect } from '../src/db/connect.js';
import { importFile } from '../src/import/import-file.js';
import { importCatalog } from '../src/match/catalog-import.js';
import { runMatch } from '../src/match/run.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const SAMPLE = join(DATA, 'youtube_playlist.json');
const CATALOG = join(DATA, 'cm_track.csv');
const SOCKET = `cm-tui-bench-pty-${process.pid}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' }).stdout;
const plain = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Loads the sample, the catalog and the candidates into a database the CLI then opens. */
async function prepare(dbArg: string): Promise<void> {
  const handle = await connect(dbArg.startsWith('postgres') ? { kind: 'server', url: dbArg } : { kind: 'embedded', dir: dbArg });
  try {
    await importFile(handle, SAMPLE);
    await importCatalog(handle, CATALOG);
    await runMatch(handle, { top: 5, reviewer: 'bench' });
  } finally {
    await handle.close();
  }
}

/** A tmux control-mode client: pane output as it arrives (with its arrival time), commands in. */
class Control {
  private readonly child: ChildProcessWithoutNullStreams;
  private pending = '';
  /** Pane output since `mark()`, decoded, with the time its last piece arrived. */
  output = '';
  lastAt = 0;
  private waiter: (() => void) | null = null;

  constructor(session: string) {
    this.child = spawn('tmux', ['-L', SOCKET, '-C', 'attach', '-t', session]);
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (data: string) => {
      const at = performance.now();
      this.pending += data;
      const lines = this.pending.split('\n');
      this.pending = lines.pop()!;
      for (const line of lines) {
        if (!line.startsWith('%output ')) continue;
        // %output %<pane> <data>: bytes under 32 and the backslash come as \ooo octal.
        const text = line.slice(line.indexOf(' ', 8) + 1).replace(/\\(\d{3})/g, (_m, octal: string) => String.fromCharCode(parseInt(octal, 8)));
        this.output += text;
        this.lastAt = at;
      }
      this.waiter?.();
    });
  }

  send(command: string): void {
    this.child.stdin.write(`${command}\n`);
  }

  mark(): void {
    this.output = '';
  }

  /** Resolves with the arrival time of the output that first satisfies `test`. */
  async until(test: (output: string) => boolean, timeoutMs = 10_000): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (!test(this.output)) {
      if (Date.now() > deadline) throw new Error(`no such frame within ${timeoutMs} ms; output:\n${plain(this.output).slice(-2000)}`);
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        setTimeout(resolve, 50);
      });
      this.waiter = null;
    }
    return this.lastAt;
  }

  close(): void {
    this.child.stdin.end();
    this.child.kill();
  }
}

/** The app's process: the pane runs `env … node`, which execs node (or the shell left it as a child). */
function appPid(session: string): number {
  const pane = Number(tmux('display-message', '-p', '-t', session, '#{pane_pid}').trim());
  const comm = (pid: number) => (existsSync(`/proc/${pid}/comm`) ? readFileSync(`/proc/${pid}/comm`, 'utf8').trim() : '');
  if (comm(pane) === 'node') return pane;
  const child = spawnSync('pgrep', ['-P', String(pane), 'node'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  return Number(child);
}

/** Nanoseconds the app's main thread (JavaScript, React, Ink, PGlite) has run, and has waited for a CPU. */
function schedstat(pid: number): { runNs: number; waitNs: number } {
  const [run = '0', wait = '0'] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ');
  return { runNs: Number(run), waitNs: Number(wait) };
}

interface Sample {
  wallMs: number;
  /** CPU time of the app's main thread within the wall time. */
  cpuMs: number;
  /** Time it was ready to run but waiting for a CPU (the machine's other load). */
  waitMs: number;
}

const videoIn = (text: string) => [...plain(text).matchAll(/Video ([\w-]{11})/g)].at(-1)?.[1] ?? null;

async function measure(label: string, dbArg: string, keys: number, dataHome: string): Promise<Sample[]> {
  const session = 'bench';
  const command = `env XDG_DATA_HOME='${dataHome}' TERM=xterm-256color node '${CLI}' review --db '${dbArg}'`;
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', command);
  const control = new Control(session);
  // The control client must not shrink the window to its own default size.
  control.send('refresh-client -C 120x40');
  try {
    // The first item, from the pane itself (the app drew it before the control client attached).
    const deadline = Date.now() + 60_000;
    let current: string | null = null;
    while ((current = videoIn(tmux('capture-pane', '-p', '-t', session))) === null) {
      if (Date.now() > deadline) throw new Error(`${label}: the review screen did not show an item:\n${tmux('capture-pane', '-p', '-t', session)}`);
      await sleep(100);
    }
    await sleep(500);
    const pid = appPid(session);
    const latencies: Sample[] = [];
    for (let k = 0; k < keys; k++) {
      const pane = tmux('capture-pane', '-p', '-t', session);
      // Accept; an item without candidates gets n (no match), which advances the same way.
      const key = pane.includes('no candidate: n for no match') ? 'n' : 'a';
      control.mark();
      const before = current;
      const stat = schedstat(pid);
      const pressed = performance.now();
      control.send(`send-keys -t ${session} ${key}`);
      const drawn = await control.until((output) => {
        const video = videoIn(output);
        return video !== null && video !== before;
      });
      const after = schedstat(pid);
      latencies.push({ wallMs: drawn - pressed, cpuMs: (after.runNs - stat.runNs) / 1e6, waitMs: (after.waitNs - stat.waitNs) / 1e6 });
      current = videoIn(control.output);
      // A reviewer reads the item before the next key: let the frames settle.
      await sleep(150);
    }
    return latencies;
  } finally {
    control.close();
    tmux('kill-session', '-t', session);
  }
}

async function main() {
  const { values } = parseArgs({ options: { keys: { type: 'string', default: '50' }, server: { type: 'string' } } });
  const keys = Number(values.keys);
  const serverUrl = values.server ?? process.env['TEST_DATABASE_URL'];
  if (!existsSync(SAMPLE) || !existsSync(CATALOG) || !existsSync(CLI)) {
    process.stderr.write(`bench:review-pty needs ${SAMPLE}, ${CATALOG} and the built CLI (npm run build)\n`);
    process.exitCode = 1;
    return;
  }
  if (spawnSync('tmux', ['-V']).status !== 0) {
    process.stderr.write('bench:review-pty needs tmux\n');
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'cm-bench-pty-'));
  const targets: { label: string; dbArg: string; drop?: () => Promise<void> }[] = [{ label: 'embedded PGlite', dbArg: join(dir, 'db') }];
  if (serverUrl) {
    const name = `cm_bench_pty_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    targets.push({
      label: 'PostgreSQL server',
      dbArg: url.toString(),
      drop: async () => {
        const dropper = new pg.Client({ connectionString: serverUrl });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    });
  }
  try {
    process.stdout.write(`review latency in a pseudo-terminal (tmux 120x40, built CLI), key sent -> next item's frame received, ${keys} keys each (target median < 50 ms); load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores:\n`);
    for (const target of targets) {
      await prepare(target.dbArg);
      const samples = await measure(target.label, target.dbArg, keys, join(dir, 'xdg'));
      const sorted = (pick: (s: Sample) => number) => samples.map(pick).sort((a, b) => a - b);
      const wall = sorted((s) => s.wallMs);
      const f = (n: number) => `${n.toFixed(1)} ms`;
      process.stdout.write(
        `  ${target.label.padEnd(18)} wall median ${f(percentile(wall, 50))}  p90 ${f(percentile(wall, 90))}  min ${f(wall[0]!)}  max ${f(wall.at(-1)!)}` +
          ` · app main thread: CPU median ${f(percentile(sorted((s) => s.cpuMs), 50))}, waiting for a CPU median ${f(percentile(sorted((s) => s.waitMs), 50))}\n`,
      );
    }
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    for (const target of targets) await target.drop?.().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
