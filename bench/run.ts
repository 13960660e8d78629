/**
 * `npm run bench [-- --sizes 300000,1000000] [--runs R] [--seed S] [--tracks M] [--write] [--no-match]`
 *
 * For each size: generates a feed (cached in os.tmpdir()/cm-tui-bench by size, seed and generator
 * version), then times (a) ingest --no-db, (b) ingest into a fresh server database, (c) psql \copy
 * of the same records as CSV into an unindexed table; prints records/s, peak RSS and (b)/(c). On
 * the largest size it then imports the generated catalog with `isrc` and times `match`. A step
 * that fails (or whose command does not exist yet) is reported as failed; the run goes on.
 * (a), (b) and (c) run R times each (default 3; a fresh database every time): the median run by
 * wall time is reported, the peak RSS is the largest of the runs, and every run's time is listed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COPY_COLUMNS, COPY_TABLE_DDL, flattenToCsv } from './flatten.js';
import { describeMachine, machineMarkdown } from './machine.js';
import { createDatabase as create, DEFAULT_ADMIN_URL, dropDatabase as drop, query, serverVersion } from './postgres.js';
import { table, writeBlocks, type Row } from './report.js';
import { GNU_TIME, hasGnuTime, redact, stopRunning, timed, type Timing } from './step.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '300000,1000000' },
    seed: { type: 'string', default: '1' },
    tracks: { type: 'string', default: '1000000' },
    write: { type: 'boolean', default: false },
    'no-match': { type: 'boolean', default: false },
    'timeout-min': { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
  },
});
const sizes = values.sizes.split(',').map((s) => Number(s.replace(/_/g, ''))).sort((a, b) => a - b);
if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) throw new Error(`--sizes wants integers, got ${values.sizes}`);
const seed = Number(values.seed);
const tracks = Number(values.tracks);
const timeoutMs = Number(values['timeout-min']) * 60_000;
const runs = Number(values.runs);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs wants a positive integer, got ${values.runs}`);

interface Repeated {
  timing: Timing;
  /** Every run's wall time, for the note. */
  note: string;
}

/**
 * Runs a step `runs` times (stopping at a failure): the machine is shared and one run can be
 * off by a factor of two, so the median run by wall time stands for the step, with the largest
 * peak RSS of all runs.
 */
async function repeated(step: (run: number) => Promise<Timing>): Promise<Repeated> {
  const all: Timing[] = [];
  for (let run = 0; run < runs; run++) {
    const t = await step(run);
    all.push(t);
    if (!t.ok) return { timing: t, note: '' };
  }
  const byWall = [...all].sort((x, y) => x.wallSeconds - y.wallSeconds);
  const median = byWall[Math.floor((byWall.length - 1) / 2)] as Timing;
  const rss = all.map((t) => t.peakRssMb).filter((m): m is number => m !== null);
  const timing = { ...median, peakRssMb: rss.length > 0 ? Math.max(...rss) : null };
  return { timing, note: runs > 1 ? `median of ${runs} runs: ${all.map((t) => t.wallSeconds.toFixed(1)).join(' / ')} s` : '' };
}

const joinNotes = (...notes: (string | undefined)[]): string | undefined => notes.filter(Boolean).join('; ') || undefined;

const root = findRoot(dirname(fileURLToPath(import.meta.url)));
const cli = join(root, 'dist/src/cli.js');
const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
const work = join(tmpdir(), 'cm-tui-bench');
const logs = join(work, 'logs');
mkdirSync(logs, { recursive: true });
const say = (text: string): void => void process.stderr.write(`${text}\n`);

// Databases this run created, dropped on Ctrl-C too (steps run in their own process group).
const created = new Set<string>();
const createDatabase = async (admin: string, name: string): Promise<string> => {
  created.add(name);
  return create(admin, name);
};
const dropDatabase = async (admin: string, name: string): Promise<void> => {
  await drop(admin, name);
  created.delete(name);
};
/** Runs `work` on a database created for it, dropped afterwards unless `keep` says otherwise. */
async function inNewDatabase<T>(name: string, work: (url: string) => Promise<T>, keep: () => boolean = () => false): Promise<T> {
  const url = await createDatabase(adminUrl, name);
  try {
    return await work(url);
  } finally {
    if (!keep()) await dropDatabase(adminUrl, name).catch(() => undefined);
  }
}
process.once('SIGINT', () => {
  say('interrupted: stopping the running step and dropping the bench databases ...');
  stopRunning();
  void Promise.allSettled([...created].map((name) => drop(adminUrl, name))).then(() => process.exit(130));
});

function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('dist')) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the project root');
    dir = up;
  }
  return dir;
}

/** Generated files are reused only if made by this same generator code with the same inputs. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  const dir = join(root, 'src/generate');
  for (const file of readdirSync(dir).sort()) hash.update(file).update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

function rowFrom(step: string, t: Timing, records?: number, note?: string): Row {
  return { step, status: t.ok ? 'ok' : 'failed', records, wallSeconds: t.wallSeconds, peakRssMb: t.peakRssMb, cpuSeconds: t.cpuSeconds, note: t.ok ? note : `exit ${t.exitCode}: ${t.tail}` };
}

const node = process.execPath;
const notes: string[] = [];
if (!hasGnuTime) {
  const warning = `${GNU_TIME} is missing: peak RSS is not measured. Install the Debian package \`time\` (apt-get install time).`;
  say(`warning: ${warning}`);
  notes.push(warning);
}

say('building (tsc -p tsconfig.build.json) ...');
try {
  execFileSync(node, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
} catch (error) {
  const out = String((error as { stdout?: Buffer }).stdout ?? '');
  const count = (out.match(/error TS/g) ?? []).length;
  notes.push(`The build reported ${count} type errors (work in progress elsewhere); tsc still emitted dist/, which was used.`);
  say(`build had ${count} type errors; using what tsc emitted`);
}

const version = await serverVersion(adminUrl);
const machine = describeMachine(version);
const genVersion = generatorVersion();
const catalogPath = join(work, `catalog-${tracks}-s${seed}.csv`);
const sections: [string, string][] = [['machine', machineMarkdown(machine)]];
const printed: string[] = [];

interface Meta {
  rows: number;
  seed: number;
  tracks: number;
  generator: string;
  wallSeconds: number;
  peakRssMb: number | null;
  cpuSeconds: number | null;
  summary: string;
}

interface MatchDb {
  name: string;
  url: string;
  videos: number | null;
  /** The generator's right answers for these videos (--truth). */
  truth: string;
}
let matchDb = null as MatchDb | null;
for (const size of sizes) {
  const rows: Row[] = [];
  const feed = join(work, `feed-${size}-s${seed}.json`);
  const truth = join(work, `truth-${size}-s${seed}.csv`);
  const metaPath = `${feed}.meta.json`;
  const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as Meta) : null;
  const fresh = meta && meta.seed === seed && meta.rows === size && meta.tracks === tracks && meta.generator === genVersion && existsSync(feed) && existsSync(catalogPath) && existsSync(truth);
  let summary: string;
  if (fresh) {
    say(`[${size}] reusing ${feed}`);
    rows.push({ step: 'generate feed + catalog', status: 'cached', records: size, wallSeconds: meta.wallSeconds, peakRssMb: meta.peakRssMb, cpuSeconds: meta.cpuSeconds, note: `timed when generated; ${meta.summary}` });
    summary = meta.summary;
  } else {
    say(`[${size}] generating ${feed} (+ ${tracks}-track catalog) ...`);
    const t = await timed(node, [cli, 'generate', '--rows', String(size), '--out', feed, '--catalog', catalogPath, '--tracks', String(tracks), '--truth', truth, '--seed', String(seed)], { log: join(logs, `${size}-generate.log`), timeoutMs });
    const log = readFileSync(join(logs, `${size}-generate.log`), 'utf8');
    const feedRate = /feed: .* in ([\d.]+) s \(([\d,]+) records\/s\)/.exec(log);
    const catalogRate = /catalog: .* in ([\d.]+) s \(([\d,]+) tracks\/s\)/.exec(log);
    summary = [
      /feed: .*?(\d+ records \(\d+ bad\), \d+ playlists, \d+ channels, \d+ videos)/.exec(log)?.[1],
      feedRate && `feed ${feedRate[1]} s = ${feedRate[2]} records/s`,
      catalogRate && `catalog ${catalogRate[1]} s = ${catalogRate[2]} tracks/s`,
    ].filter(Boolean).join('; ');
    rows.push(rowFrom('generate feed + catalog', t, size, `${summary}; ${(statSync(feed, { throwIfNoEntry: false })?.size ?? 0) >> 20} MB JSON`));
    if (!t.ok) {
      sections.push([`size-${size}`, `### ${size.toLocaleString('en-US')} records\n\n${table(rows)}`]);
      continue;
    }
    writeFileSync(metaPath, JSON.stringify({ rows: size, seed, tracks, generator: genVersion, wallSeconds: t.wallSeconds, peakRssMb: t.peakRssMb, cpuSeconds: t.cpuSeconds, summary } satisfies Meta));
  }

  // (a) normalise to CSV files only.
  const outDir = join(work, `out-${size}`);
  await rm(outDir, { recursive: true, force: true });
  const a = await repeated(async (run) => {
    say(`[${size}] (a) ingest --no-db (run ${run + 1}/${runs}) ...`);
    await rm(outDir, { recursive: true, force: true });
    return timed(node, [cli, 'ingest', feed, '--no-db', '--out', outDir], { log: join(logs, `${size}-a-ingest-no-db.log`), timeoutMs });
  });
  rows.push(rowFrom('(a) ingest --no-db --out DIR', a.timing, size, a.note || undefined));
  await rm(outDir, { recursive: true, force: true });

  // (b) into a fresh server database, each run its own; the last one is kept for match.
  let b: Timing | null = null;
  try {
    let note: string | undefined;
    const result = await repeated((run) => {
      const dbName = `cm_bench_${size}_${process.pid}_${run}`;
      return inNewDatabase(dbName, async (url) => {
        say(`[${size}] (b) ingest --db (fresh database ${dbName}, run ${run + 1}/${runs}) ...`);
        const t = await timed(node, [cli, 'ingest', feed, '--db', url], { log: join(logs, `${size}-b-ingest-db.log`), timeoutMs });
        if (t.ok && run === runs - 1) {
          const counts = await query(url, 'SELECT (SELECT count(*) FROM playlist_observations) AS o, (SELECT count(*) FROM media_items) AS m').catch(() => null);
          if (counts) note = `${counts.rows[0]?.o} observations, ${counts.rows[0]?.m} media items stored`;
          if (counts && size === sizes[sizes.length - 1]) matchDb = { name: dbName, url, videos: Number(counts.rows[0]?.m), truth };
        }
        return t;
      }, () => matchDb?.name === dbName);
    });
    b = result.timing;
    rows.push(rowFrom('(b) ingest --db <fresh server db>', b, size, joinNotes(result.note, note)));
  } catch (error) {
    rows.push({ step: '(b) ingest --db <fresh server db>', status: 'failed', note: redact(String(error)) });
  }

  // (c) the physical limit: the same records as CSV, COPYed by psql into an unindexed table.
  const csv = join(work, `feed-${size}-s${seed}.csv`);
  const started = performance.now();
  say(`[${size}] flattening to CSV ...`);
  const { read, written } = await flattenToCsv(feed, csv);
  rows.push({ step: 'flatten JSON to CSV (baseline input, not part of (c))', status: 'ok', records: read, wallSeconds: (performance.now() - started) / 1000, peakRssMb: null, note: `${read - written} records COPY would reject left out` });
  let c: Timing | null = null;
  try {
    let loaded: number | undefined;
    const result = await repeated((run) =>
      inNewDatabase(`cm_bench_copy_${size}_${process.pid}_${run}`, async (url) => {
        await query(url, COPY_TABLE_DDL);
        say(`[${size}] (c) psql \\copy (run ${run + 1}/${runs}) ...`);
        const t = await timed('psql', [url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_copy (${COPY_COLUMNS.join(', ')}) FROM '${csv}' WITH (FORMAT csv)`], { log: join(logs, `${size}-c-copy.log`), timeoutMs });
        if (t.ok) loaded = Number((await query(url, 'SELECT count(*) AS n FROM bench_copy')).rows[0]?.n);
        return t;
      }),
    );
    c = result.timing;
    rows.push(rowFrom('(c) psql \\copy CSV into unindexed table', c, loaded, c.ok ? joinNotes(result.note, `${loaded} rows loaded`) : undefined));
  } catch (error) {
    rows.push({ step: '(c) psql \\copy CSV into unindexed table', status: 'failed', note: redact(String(error)) });
  } finally {
    await rm(csv, { force: true });
  }

  const ratio = b?.ok && c?.ok ? `**(b)/(c) = ${(b.wallSeconds / c.wallSeconds).toFixed(2)}x** (medians; target: at most 2.5x at 1,000,000 records)` : '(b)/(c): not available, a step failed';
  const body = `### ${size.toLocaleString('en-US')} records (seed ${seed})\n\n${table(rows)}\n\n${ratio}`;
  sections.push([`size-${size}`, body]);
  printed.push(body);
  process.stdout.write(`\n${body}\n`);
}

// match: the generated catalog against the videos of the largest feed, on its database.
if (!values['no-match']) {
  const rows: Row[] = [];
  const largest = sizes[sizes.length - 1] as number;
  if (!matchDb) {
    rows.push({ step: `isrc import (${tracks.toLocaleString('en-US')} tracks)`, status: 'skipped', note: `needs the (b) database of the ${largest}-record feed` });
    rows.push({ step: 'match', status: 'skipped', note: `needs the (b) database of the ${largest}-record feed` });
  } else {
    const db: MatchDb = matchDb;
    try {
      say(`match: isrc import of ${catalogPath} ...`);
      const i = await timed(node, [cli, 'isrc', catalogPath, '--db', db.url], { log: join(logs, 'isrc.log'), timeoutMs });
      rows.push(rowFrom(`isrc import (${tracks.toLocaleString('en-US')} tracks)`, i, tracks));
      if (i.ok) {
        say(`match: match on ${db.videos} videos ...`);
        const m = await timed(node, [cli, 'match', '--db', db.url], { log: join(logs, 'match.log'), timeoutMs });
        const stored = m.ok ? await query(db.url, 'SELECT count(*) AS n, count(DISTINCT media_item_id) AS v FROM isrc_candidates').catch(() => null) : null;
        const quality = m.ok ? await recallAgainstTruth(db) : '';
        const note = [stored && `${stored.rows[0]?.n} candidates for ${stored.rows[0]?.v} videos`, quality].filter(Boolean).join('; ');
        rows.push(rowFrom(`match (${db.videos} videos x ${tracks.toLocaleString('en-US')} tracks)`, m, db.videos ?? undefined, note));
      } else {
        rows.push({ step: 'match', status: 'skipped', note: 'isrc import failed' });
      }
    } finally {
      await dropDatabase(adminUrl, db.name).catch(() => undefined);
    }
  }
  const body = `### match: generated catalog x the videos of the ${largest.toLocaleString('en-US')}-record feed\n\n${table(rows)}\n\n` +
    'Targets: under 60 s and peak memory under 1.5 GB for 1,000,000 tracks x 20,000 videos (issue 4).';
  sections.push(['match', body]);
  printed.push(body);
  process.stdout.write(`\n${body}\n`);
} else if (matchDb) {
  await dropDatabase(adminUrl, matchDb.name).catch(() => undefined);
}

/** Recall of the stored candidates against the generator's answers: is the right ISRC's recording ranked 1st, or in the top 5? */
async function recallAgainstTruth(db: MatchDb): Promise<string> {
  try {
    await query(db.url, 'CREATE TABLE bench_truth (video_id text PRIMARY KEY, isrc text, cm_track text, version text)');
    const copy = await timed('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-c', `\\copy bench_truth FROM '${db.truth}' WITH (FORMAT csv, HEADER)`], { log: join(logs, 'truth-copy.log'), timeoutMs });
    if (!copy.ok) return `recall n/a: ${copy.tail}`;
    const r = (
      await query(
        db.url,
        `SELECT count(*) FILTER (WHERE t.isrc IS NOT NULL) AS with_track,
                count(*) FILTER (WHERE t.isrc IS NOT NULL AND EXISTS (
                  SELECT 1 FROM isrc_candidates c WHERE c.media_item_id = m.id AND c.recording = 1 AND c.isrc = t.isrc)) AS at1,
                count(*) FILTER (WHERE t.isrc IS NOT NULL AND EXISTS (
                  SELECT 1 FROM isrc_candidates c WHERE c.media_item_id = m.id AND c.recording <= 5 AND c.isrc = t.isrc)) AS at5
           FROM bench_truth t
           JOIN media_items m ON m.source_id = t.video_id`,
      )
    ).rows[0] as { with_track: string; at1: string; at5: string };
    const n = Number(r.with_track);
    return `against the generator's answers (${n} videos with a catalog track): recall@1 ${(Number(r.at1) / n).toFixed(3)}, recall@5 ${(Number(r.at5) / n).toFixed(3)}`;
  } catch (error) {
    return `recall n/a: ${redact(error instanceof Error ? error.message : String(error))}`;
  }
}

const runNote = [
  `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`npm run bench -- --sizes ${sizes.join(',')} --runs ${runs}\`, seed ${seed}. ` +
    `Load average at start ${machine.loadAverage}, at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${machine.cpus} cores: ` +
    'other work shared the machine, so wall times are upper bounds.',
  ...notes,
].join('\n\n');
sections.push(['run', runNote]);
process.stdout.write(`\n${runNote}\n`);
if (values.write) {
  writeBlocks(join(root, 'BENCHMARKS.md'), sections, '# Benchmarks\n\n<!-- bench:end -->\n');
  say('BENCHMARKS.md updated');
}
