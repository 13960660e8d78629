import { UsageError, UserError } from '../errors.js';
import { DEFAULT_BAD_SHARE, DEFAULT_SEED, generate } from '../generate/generate.js';
import type { Command } from './command.js';
import { parseFlags } from './flags.js';

const usage = `Usage: cm-tui generate --rows N --out FILE [--catalog FILE.csv [--tracks M] [--truth FILE.csv]]
                          [--seed S] [--ndjson] [--bad-share F] [--videos V]

Writes a deterministic synthetic playlist feed in the sample's shape (same seed, same bytes).
  --rows N          records to write (including the bad ones)
  --out FILE        the feed: a JSON array, or NDJSON with --ndjson
  --catalog FILE    also write a catalog (cm_track.csv columns) the feed's videos are drawn from
  --tracks M        catalog rows (default: rows / 10, at least 1000)
  --truth FILE      also write the right answers for a matcher: video_id,isrc,cm_track,version
                    (isrc empty for a video with no catalog track)
  --seed S          integer seed (default ${DEFAULT_SEED})
  --bad-share F     share of bad records and catalog rows, 0..1 (default ${DEFAULT_BAD_SHARE})
  --videos V        size of the video pool (default: about rows / 50); the feed shows at most
                    that many, fewer when playlists change too little to reach them all`;

function positiveInt(name: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || !Number.isSafeInteger(Number(text))) {
    throw new UsageError(`--${name} must be an integer >= ${min}, got '${text}'`);
  }
  return Number(text);
}

const rate = (n: number, seconds: number): string => Math.round(n / Math.max(seconds, 1e-3)).toLocaleString('en-US');

const command: Command = {
  name: 'generate',
  summary: 'write a synthetic feed (and catalog) for tests, demos and benchmarks',
  usage,
  async run(argv) {
    const { values } = parseFlags('generate', {
      args: argv,
      allowPositionals: false,
      options: {
        rows: { type: 'string' },
        out: { type: 'string' },
        catalog: { type: 'string' },
        tracks: { type: 'string' },
        truth: { type: 'string' },
        seed: { type: 'string' },
        ndjson: { type: 'boolean', default: false },
        'bad-share': { type: 'string' },
        videos: { type: 'string' },
      },
    });
    const rows = positiveInt('rows', values.rows, 1);
    if (rows === undefined) throw new UsageError('--rows N is required');
    if (!values.out) throw new UsageError('--out FILE is required');
    if (values.tracks !== undefined && !values.catalog) throw new UsageError('--tracks needs --catalog FILE.csv');
    if (values.truth !== undefined && !values.catalog) throw new UsageError('--truth needs --catalog FILE.csv');
    const badShare = values['bad-share'] === undefined ? undefined : Number(values['bad-share']);
    if (badShare !== undefined && !(badShare >= 0 && badShare <= 1)) throw new UsageError(`--bad-share must be between 0 and 1, got '${values['bad-share']}'`);
    const seed = positiveInt('seed', values.seed, 0);
    if (seed !== undefined && seed > 0xffffffff) throw new UsageError('--seed must fit in 32 bits');

    const tty = process.stderr.isTTY;
    let result;
    try {
      result = await generate({
        rows,
        out: values.out,
        seed,
        ndjson: values.ndjson,
        catalogOut: values.catalog,
        tracks: positiveInt('tracks', values.tracks, 1),
        truthOut: values.truth,
        badShare,
        videos: positiveInt('videos', values.videos, 1),
        onProgress: tty ? ({ stage, done, total }) => process.stderr.write(`\r${stage}: ${done}/${total}`) : undefined,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR' || code === 'ENOSPC') {
        throw new UserError(`cannot write ${(error as NodeJS.ErrnoException).path ?? values.out}: ${code}`);
      }
      throw error;
    }
    if (tty) process.stderr.write('\n');
    const f = result.feed;
    const bad = Object.values(f.bad).reduce((a, b) => a + b, 0);
    if (result.catalog) {
      const c = result.catalog;
      process.stdout.write(
        `catalog: ${c.path}: ${c.tracks} tracks (${c.badRows} bad rows), ${c.bytes} bytes in ${c.seconds.toFixed(1)} s (${rate(c.tracks, c.seconds)} tracks/s)\n`,
      );
    }
    process.stdout.write(
      `feed: ${f.path}: ${f.rows} records (${bad} bad), ${f.playlists} playlists, ${f.channels} channels, ${f.videos} videos, ` +
        `${f.firstTimestp} .. ${f.lastTimestp}, ${f.bytes} bytes in ${f.seconds.toFixed(1)} s (${rate(f.rows, f.seconds)} records/s)\n`,
    );
    return 0;
  },
};

export default command;
