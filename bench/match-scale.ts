/**
 * Scale benchmark for `cm-tui match`: a synthetic catalog of --tracks rows (default 1,000,000)
 * and a feed of about --videos distinct videos (default 20,000), loaded with `cm-tui ingest` and
 * `cm-tui isrc`, then `cm-tui match --auto-accept --auto-no-match --candidates-out` timed with its peak RSS
 * (/usr/bin/time -v). Also reports recall@1 / recall@5 against the generator's truth file.
 *
 *   npx tsx bench/match-scale.ts [--db URL|PATH] [--tracks N] [--videos N] [--dir DIR] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { generate } from '../src/generate/generate.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    tracks: { type: 'string', default: '1000000' },
    videos: { type: 'string', default: '20000' },
    dir: { type: 'string', default: '/tmp/cm-match-scale' },
    keep: { type: 'boolean', default: false },
    'skip-load': { type: 'boolean', default: false },
  },
});
const dir = resolve(values.dir);
mkdirSync(dir, { recursive: true });
const db = values.db ?? join(dir, 'pgdata');
const tracks = Number(values.tracks);
const videos = Number(values.videos);
const files = { feed: join(dir, 'feed.json'), catalog: join(dir, 'cm_track.csv'), truth: join(dir, 'truth.csv'), candidates: join(dir, 'candidates.csv') };

interface Step {
  seconds: number;
  maxRssMb: number;
  stdout: string;
}

/** Runs `cm-tui <args>` under /usr/bin/time -v: wall time and peak resident memory. */
function cli(args: string[]): Step {
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', join(root, 'src/cli.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`cm-tui ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const field = (name: string) => result.stderr.match(new RegExp(`${name}: (.+)`))?.[1]?.trim() ?? '';
  const [h = '0', m = '0', s = '0'] = field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)').split(':').reverse().concat('0', '0').slice(0, 3).reverse();
  return { seconds: Number(h) * 3600 + Number(m) * 60 + Number(s), maxRssMb: Number(field('Maximum resident set size \\(kbytes\\)')) / 1024, stdout: result.stdout };
}

if (!values['skip-load']) {
  if (values.db === undefined) rmSync(db, { recursive: true, force: true });
  // Many small playlists, one snapshot a day: about `videos` distinct videos in few records.
  const generated = await generate({ rows: videos * 6, videos, playlists: Math.ceil(videos / 40), snapshotsPerDay: 1, out: files.feed, catalogOut: files.catalog, tracks, truthOut: files.truth, seed: 11 });
  process.stdout.write(`generated: ${generated.feed.rows} records, ${generated.feed.videos} videos; catalog ${generated.catalog?.tracks} tracks\n`);
  const ingest = cli(['ingest', files.feed, '--db', db]);
  process.stdout.write(`ingest: ${ingest.seconds.toFixed(1)} s, peak RSS ${ingest.maxRssMb.toFixed(0)} MB\n`);
  const isrc = cli(['isrc', files.catalog, '--db', db]);
  process.stdout.write(`isrc: ${isrc.seconds.toFixed(1)} s, peak RSS ${isrc.maxRssMb.toFixed(0)} MB\n${isrc.stdout}`);
}
const match = cli(['match', '--db', db, '--auto-accept', '--auto-no-match', '--candidates-out', files.candidates]);
process.stdout.write(match.stdout);
process.stdout.write(`match: ${match.seconds.toFixed(1)} s wall (process start to exit), peak RSS ${match.maxRssMb.toFixed(0)} MB\n`);

// Recall against the generator's truth (videos whose track is in the catalog, any version).
async function* rows(path: string): AsyncGenerator<Record<string, string>> {
  yield* createReadStream(path).pipe(parse({ columns: true })) as AsyncIterable<Record<string, string>>;
}
if (existsSync(files.truth)) {
  const truth = new Map<string, string>();
  for await (const row of rows(files.truth)) if (row['isrc']) truth.set(row['video_id']!, row['isrc']);
  const ranks = new Map<string, number>();
  // The rank of the truth's recording (a recording's ISRCs share it).
  for await (const row of rows(files.candidates)) if (truth.get(row['video_id']!) === row['isrc']) ranks.set(row['video_id']!, Number(row['recording']));
  const at = (k: number) => [...ranks.values()].filter((r) => r <= k).length / truth.size;
  process.stdout.write(`synthetic truth: ${truth.size} videos with a catalog track; recall@1 ${(at(1) * 100).toFixed(1)}%, recall@5 ${(at(5) * 100).toFixed(1)}%\n`);
}
if (!values.keep && values.db === undefined) rmSync(dir, { recursive: true, force: true });
