/**
 * Home start-up: wall time from launching the built `cm-tui` in a 120x40 tmux window on an
 * embedded database that already exists (the sample imported) until (1) the Home menu shows and
 * (2) its counts show (the database open). Median and best of N launches, with the load average,
 * and the CPU seconds the app had used by then (steadier than wall time on a shared machine).
 *   npm run build && npm run bench:home [-- --runs N]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { connect } from '../src/db/connect.js';
import { importFile } from '../src/import/import-file.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const SAMPLE = fileURLToPath(new URL('../../shared/data/youtube_playlist.json', import.meta.url));
const SOCKET = `cm-tui-bench-${process.pid}`;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!existsSync(CLI)) throw new Error('build first: npm run build');

const dir = mkdtempSync(join(tmpdir(), 'cm-tui-home-'));
const db = join(dir, 'db');
const handle = await connect({ kind: 'embedded', dir: db });
if (existsSync(SAMPLE)) await importFile(handle, SAMPLE);
await handle.close();

const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds (user + system) the app's node process has used so far, from /proc. */
function cpuSeconds(shellPid: string): number {
  const child = spawnSync('pgrep', ['-P', shellPid, 'node'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (!child || !existsSync(`/proc/${child}/stat`)) return NaN;
  const fields = readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function launch(): Promise<{ menu: number; counts: number; menuCpu: number; countsCpu: number }> {
  const started = performance.now();
  tmux('new-session', '-d', '-s', 'home', '-x', '120', '-y', '40', `env XDG_DATA_HOME='${dir}' node '${CLI}' --db '${db}'; sleep 600`);
  const shellPid = tmux('list-panes', '-t', 'home', '-F', '#{pane_pid}').trim();
  let menu = NaN;
  let menuCpu = NaN;
  for (;;) {
    const pane = tmux('capture-pane', '-p', '-t', 'home');
    const at = performance.now() - started;
    if (Number.isNaN(menu) && pane.includes('▶ i  Import')) {
      menu = at;
      menuCpu = cpuSeconds(shellPid);
    }
    if (pane.includes('Observations:')) {
      const countsCpu = cpuSeconds(shellPid);
      tmux('send-keys', '-t', 'home', 'q');
      await sleep(300);
      tmux('kill-session', '-t', 'home');
      return { menu, counts: at, menuCpu, countsCpu };
    }
    if (at > 60_000) throw new Error(`Home did not show its counts within 60 s:\n${pane}`);
    await sleep(5);
  }
}

try {
  const results: { menu: number; counts: number; menuCpu: number; countsCpu: number }[] = [];
  for (let i = 0; i < runs; i++) results.push(await launch());
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const row = (name: string, xs: number[]) => `${name.padEnd(22)} median ${median(xs).toFixed(0).padStart(5)} ms   best ${Math.min(...xs).toFixed(0).padStart(5)} ms`;
  console.log(`cm-tui Home start-up, ${runs} launches in tmux 120x40, existing embedded database (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  console.log(row('menu shown', results.map((r) => r.menu)));
  console.log(row('counts shown (db open)', results.map((r) => r.counts)));
  const cpu = (xs: number[]) => `median ${median(xs).toFixed(2)} s CPU`;
  console.log(`CPU used by the app when the menu showed: ${cpu(results.map((r) => r.menuCpu))}; when the counts showed: ${cpu(results.map((r) => r.countsCpu))}`);
} finally {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  rmSync(dir, { recursive: true, force: true });
}
