import { parseFlags } from './flags.js';
import { connect } from '../db/connect.js';
import { resolveTarget } from '../db/target.js';
import { UsageError } from '../errors.js';
import { interruptible } from '../interrupt.js';
import { importCatalog } from '../match/catalog-import.js';
import type { Command } from './command.js';

const USAGE = `Usage: cm-tui isrc <cm_track.csv> [--db URL|PATH]

Loads the track catalog (columns cm_track, track, isrc, cm_artist, artist) into isrc_lookup,
keyed by isrc: new ISRCs are inserted, changed ones updated, the rest left alone, so loading the
same file twice changes nothing. Rows without an ISRC, with an ISRC not matching
^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$, malformed CSV rows and a repeated ISRC with other values go to
the dead_letters table with the reason. One transaction.

Options:
  --db URL|PATH   PostgreSQL URL or embedded data folder (default: DATABASE_URL, then the
                  embedded database in the user's data folder)`;

const isrc: Command = {
  name: 'isrc',
  summary: 'load the ISRC catalog (cm_track.csv) into isrc_lookup',
  usage: USAGE,
  async run(argv) {
    const parsed = parseFlags('isrc', { args: argv, allowPositionals: true, options: { db: { type: 'string' } } });
    if (parsed.positionals.length !== 1) throw new UsageError(`isrc: expected one catalog file, got ${parsed.positionals.length}. Try cm-tui isrc --help`);
    return interruptible((signal) => load(parsed.positionals[0]!, parsed.values.db, signal), () => 'nothing was loaded (the database is as it was)');
  },
};

async function load(path: string, dbFlag: string | undefined, signal: AbortSignal): Promise<number> {
  const handle = await connect(resolveTarget(dbFlag), { signal });
  try {
    const tty = process.stderr.isTTY;
    const summary = await importCatalog(handle, path, (rows) => {
      if (tty) process.stderr.write(`\rreading ${rows.toLocaleString('en-US')} rows\x1b[K`);
    });
    if (tty) process.stderr.write('\r\x1b[K');
    const n = (value: number) => value.toLocaleString('en-US');
    const lines = [
      `isrc: ${summary.file} -> ${handle.description}`,
      `  rows read   ${n(summary.rowsRead)}`,
      `  inserted    ${n(summary.inserted)}`,
      `  updated     ${n(summary.updated)}`,
      `  unchanged   ${n(summary.unchanged)}`,
      `  duplicates  ${n(summary.duplicates)} (same row again, skipped)`,
      `  dead letters ${n(summary.deadLetters)}${Object.keys(summary.deadLetterReasons).length > 0 ? ': ' + Object.entries(summary.deadLetterReasons).map(([reason, count]) => `${reason} ${n(count)}`).join(', ') : ''}`,
      `  elapsed     ${(summary.elapsedMs / 1000).toFixed(2)} s`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await handle.close();
  }
}

export default isrc;
