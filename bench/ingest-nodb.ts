/**
 * Benchmark for `cm-tui ingest --no-db` (issue 6 targets: > 150,000 records/s at 1,000,000
 * records with peak RSS < 500 MB; the 5354-record sample under 1.5 s wall time).
 *
 *   npm run build && node dist/bench/ingest-nodb.js [--records N] [--runs K] [--sample PATH]
 *
 * Builds the big input once under $TMPDIR (never in the repo) by repeating the sample with its
 * timestamps shifted 4 days per copy, pretty-printed like the sample, then runs the real CLI
 * K times under /usr/bin/time -v (wall time, CPU time and peak RSS per run; CPU per thread from /proc).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    sample: { type: 'string', default: resolve(root, '../shared/data/youtube_playlist.json') },
  },
});
const records = Number(values.records);
const runs = Number(values.runs);

function shift(timestp: string, days: number): string {
  const [date, time] = timestp.split('T') as [string, string];
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return `${d.toISOString().slice(0, 10)}T${time}`;
}

async function makeInput(path: string): Promise<void> {
  const sample = JSON.parse(readFileSync(values.sample, 'utf8')) as Record<string, unknown>[];
  const out = createWriteStream(path);
  const write = (text: string): Promise<void> | void =>
    out.write(text) ? undefined : new Promise<void>((done) => out.once('drain', () => done()));
  await write('[\n');
  for (let i = 0; i < records; i++) {
    const copy = Math.floor(i / sample.length);
    const record = { ...sample[i % sample.length] };
    record['timestp'] = shift(record['timestp'] as string, copy * 4);
    const text = JSON.stringify(record, null, 4).replace(/^/gm, '    ');
    await write(i === records - 1 ? `${text}\n` : `${text},\n`);
  }
  await write(']\n');
  await new Promise<void>((done) => out.end(() => done()));
}

const input = join(tmpdir(), `cm-tui-bench-${records}.json`);
if (!existsSync(input)) {
  process.stderr.write(`writing ${input} ...\n`);
  await makeInput(input);
}
const cli = resolve(root, 'dist/src/cli.js');

/**
 * CPU seconds per thread of a running process, sampled from /proc every 50 ms (the last sample
 * of each thread counts). The ingest spreads over threads (main, parse workers, V8's GC helpers):
 * on a shared machine the wall time mostly says how busy the other processes were, these say
 * what the ingest itself needs.
 */
function sampleThreads(pid: number, into: Map<string, number>): void {
  const tick = 100; // USER_HZ on Linux
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      into.set(tid, (Number(fields[11]) + Number(fields[12])) / tick);
    } catch {
      // the thread ended between the listing and the read
    }
  }
}

async function runOnce(out: string): Promise<{ seconds: number; stderr: string; code: number | null; threads: number[] }> {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-v', 'node', cli, 'ingest', input, '--no-db', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const perThread = new Map<string, number>();
  let nodePid: number | null = null;
  const timer = setInterval(() => {
    // /usr/bin/time's only child is node.
    nodePid ??= Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]) || null;
    if (nodePid !== null) sampleThreads(nodePid, perThread);
  }, 50);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(timer);
  return { seconds: (performance.now() - started) / 1000, stderr, code, threads: [...perThread.values()].sort((a, b) => b - a) };
}

for (let run = 1; run <= runs; run++) {
  const out = mkdtempSync(join(tmpdir(), 'cm-tui-bench-out-'));
  const result = await runOnce(out);
  rmSync(out, { recursive: true, force: true });
  if (result.code !== 0) throw new Error(`ingest failed:\n${result.stderr}`);
  const field = (label: string): number => Number(new RegExp(`${label}: ([\\d.]+)`).exec(result.stderr)?.[1]);
  const rssKb = field('Maximum resident set size \\(kbytes\\)');
  // CPU seconds too: on a shared machine the wall time mostly measures the other processes.
  const cpu = field('User time \\(seconds\\)') + field('System time \\(seconds\\)');
  const busiest = result.threads.slice(0, 3).map((s) => s.toFixed(2)).join(' / ');
  console.log(
    `run ${run}: ${records} records in ${result.seconds.toFixed(2)} s = ${Math.round(records / result.seconds).toLocaleString('en-US')} records/s, ` +
      `CPU ${cpu.toFixed(2)} s (busiest threads ${busiest} s), peak RSS ${Math.round(rssKb / 1024)} MB, load average ${loadavg()[0]?.toFixed(1)}`,
  );
}
