import { UsageError } from '../errors.js';
import { interruptible } from '../interrupt.js';
import { parseFlags } from './flags.js';
import type { DbHandle } from '../db/connect.js';
import type { DatabaseSink } from '../db/ingest-sink.js';
import type { LoadProgress } from '../db/load.js';
import { formatLoadSummary } from '../db/load-summary.js';
import { parseShard } from '../shard.js';
import { resolveTarget } from '../db/target.js';
import { CsvSink, DEAD_LETTERS_FILE } from '../ingest/csv-sink.js';
import { runIngest, type IngestSink } from '../ingest/pipeline.js';
import type { ReadProgress } from '../ingest/reader.js';
import { formatSummary } from '../ingest/summary.js';
import { GRANULARITIES, type Granularity } from '../model/observation.js';
import type { Command } from './command.js';

const USAGE = `Usage: cm-tui ingest <file> [--db URL|PATH] [--out DIR] [--granularity day|hour|week|month] [--shard K/N]
       cm-tui ingest <file> --no-db --out DIR [--granularity day|hour|week|month]

Reads a JSON array or NDJSON file (- for standard input) of YouTube playlist observations,
validates and deduplicates them, builds the model (users, playlists, media items, artists and
four change logs compacted per granularity, day by default) and writes the eight tables as CSV
plus ${DEAD_LETTERS_FILE} into DIR.
Files appear only when the whole run succeeded.

Options:
  --out DIR            folder for the CSV files (created if missing)
  --no-db              do not load into a database
  --db URL|PATH        database to load into (PostgreSQL URL or embedded data folder; default:
                       DATABASE_URL, then the embedded database in the user's data folder).
                       One transaction: re-importing adds nothing; with --out the CSVs are
                       exported from the database as 'cm-tui export' writes them
  --shard K/N          load only the playlists of shard K of N (N workers, one feed, one server)
  --granularity G      change-log compaction: hour, day (default), week or month`;

function parse(argv: string[]) {
  return parseFlags('ingest', {
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      db: { type: 'string' },
      'no-db': { type: 'boolean', default: false },
      granularity: { type: 'string', default: 'day' },
      shard: { type: 'string' },
    },
  });
}

/** Progress on one rewritten stderr line, at most ten times a second; only for a terminal. */
function progressLine(): { update: (p: ReadProgress) => void; clear: () => void } {
  let last = 0;
  return {
    update(p) {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      // A pipe has no size: show records only.
      const percent = p.totalBytes > 0 ? `${Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100))}%  ` : '';
      process.stderr.write(`\rreading ${percent}${p.recordsRead.toLocaleString('en-US')} records\x1b[K`);
    },
    clear() {
      process.stderr.write('\r\x1b[K');
    },
  };
}

const LOAD_PHASE_TEXT: Partial<Record<LoadProgress['phase'], string>> = {
  staged: 'database: inserting observations',
  observations: 'database: adding users, playlists, media items, artists',
  entities: 'database: recomputing change logs',
  'change-logs': 'database: committing',
};

function loadPhaseLine(progress: LoadProgress): void {
  const text = LOAD_PHASE_TEXT[progress.phase];
  if (text !== undefined) process.stderr.write(`\r${text}\x1b[K`);
}

const ingest: Command = {
  name: 'ingest',
  summary: 'validate and normalise a playlist file into CSVs (and the database)',
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parse(argv);
    if (positionals.length !== 1) throw new UsageError(`ingest: expected one input file, got ${positionals.length}. Try cm-tui ingest --help`);
    const file = positionals[0] as string;
    const granularity = values.granularity as Granularity;
    if (!GRANULARITIES.includes(granularity)) {
      throw new UsageError(`ingest: --granularity must be one of ${GRANULARITIES.join(', ')}, got '${values.granularity}'`);
    }
    if (values['no-db'] && values.db !== undefined) throw new UsageError('ingest: --no-db and --db exclude each other');
    if (values['no-db'] && values.out === undefined) throw new UsageError('ingest: --no-db needs --out DIR (there would be nothing to write)');

    if (values['no-db'] && values.shard !== undefined) throw new UsageError('ingest: --shard needs a database (drop --no-db)');
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);

    // What an interruption leaves: the load rolls back and --out appears only after a success.
    const outcome = () => (values['no-db'] ? 'nothing was written' : `nothing was ${values.out === undefined ? 'loaded' : 'loaded or written'} (the database is as it was)`);
    return interruptible(async (signal) => {
      const sinks: IngestSink[] = [];
      let database: { handle: DbHandle; sink: DatabaseSink } | null = null;
      if (values['no-db']) {
        if (values.out !== undefined) sinks.push(new CsvSink(values.out, granularity));
      } else {
        // --out with a database: the files come from the database inside the load's transaction.
        // Loaded here so `--no-db` does not pay for pg, PGlite and Kysely start-up (about 1 s on a busy 2-core machine).
        const [{ connect }, { DatabaseSink }] = await Promise.all([import('../db/connect.js'), import('../db/ingest-sink.js')]);
        const handle = await connect(resolveTarget(values.db), { signal });
        // After reading, the database work runs on without reading progress: name its phase.
        const onProgress = process.stderr.isTTY ? loadPhaseLine : undefined;
        const sink = new DatabaseSink(handle, { file, granularity, shard, outDir: values.out, onProgress });
        database = { handle, sink };
        sinks.push(sink);
      }

      const progress = process.stderr.isTTY ? progressLine() : null;
      try {
        const summary = await runIngest(file, { sinks, signal, onProgress: progress?.update });
        progress?.clear();
        process.stdout.write(formatSummary(summary));
        if (database?.sink.summary) process.stdout.write(formatLoadSummary(database.handle.description, database.sink.summary, summary.tables));
        if (values.out !== undefined) process.stdout.write(`  wrote 8 CSV files and ${DEAD_LETTERS_FILE} to ${values.out}\n`);
        return 0;
      } catch (error) {
        progress?.clear();
        throw error;
      } finally {
        await database?.handle.close();
      }
    }, outcome);
  },
};

export default ingest;
