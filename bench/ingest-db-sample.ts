/**
 * Wall time of `cm-tui ingest <sample>` end to end (process start to exit) into a fresh database
 * (issue 3 targets: a server database under 2 s; a new embedded folder under 6 s including its
 * first start), then of a second ingest of the same file into it.
 *
 *   npm run build && node dist/bench/ingest-db-sample.js [--runs K] [--server ADMIN_URL] [--sample PATH]
 *
 * The server part creates and drops `cm_bench_<random>` databases (default admin URL
 * postgresql://postgres@127.0.0.1:5432/postgres); the embedded part uses new folders under $TMPDIR.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    server: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
    sample: { type: 'string', default: resolve(root, '../shared/data/youtube_playlist.json') },
  },
});

function ingest(db: string): { seconds: number; maxRssKb: number } {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, join(root, 'dist/src/cli.js'), 'ingest', values.sample, '--db', db], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ingest failed: ${run.stderr}`);
  const [seconds, rss] = (run.stderr.trim().split('\n').pop() ?? '').split(' ');
  return { seconds: Number(seconds), maxRssKb: Number(rss) };
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: values.server });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

const rows: string[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const name = `cm_bench_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(values.server);
  url.pathname = `/${name}`;
  try {
    const first = ingest(url.toString());
    const second = ingest(url.toString());
    rows.push(`server    run ${i + 1}: fresh ${first.seconds.toFixed(2)} s (RSS ${Math.round(first.maxRssKb / 1024)} MB), second ${second.seconds.toFixed(2)} s`);
  } finally {
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const folder = mkdtempSync(join(tmpdir(), 'cm-bench-embedded-'));
  try {
    const first = ingest(join(folder, 'pgdata'));
    const second = ingest(join(folder, 'pgdata'));
    rows.push(`embedded  run ${i + 1}: fresh ${first.seconds.toFixed(2)} s (RSS ${Math.round(first.maxRssKb / 1024)} MB), second ${second.seconds.toFixed(2)} s`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
process.stdout.write(`cm-tui ingest of ${values.sample} (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n${rows.join('\n')}\n`);
