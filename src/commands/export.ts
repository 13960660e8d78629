import { UsageError } from '../errors.js';
import { parseFlags } from './flags.js';
import { connect } from '../db/connect.js';
import { DEFAULT_EXPORT_TABLES, exportTables } from '../db/export.js';
import { resolveTarget } from '../db/target.js';
import type { Command } from './command.js';

const USAGE = `Usage: cm-tui export [--db URL|PATH] [--tables a,b] [--safe-formulas] --out DIR

Writes database tables (or views) to DIR as CSV, one file per table, streamed through a cursor.
Without --tables: the eight model tables with the same file names and columns as
'cm-tui ingest --out'. Files appear only when every table was written.
Without --out: opens the terminal UI at the export screen.

Options:
  --out DIR            folder for the CSV files (created if missing)
  --tables a,b         tables or views to write (default: the eight model tables)
  --safe-formulas      prefix cells starting with =, +, -, @, tab or CR with ' so spreadsheets
                       show them as text rather than run them (the plain files are exact)
  --db URL|PATH        PostgreSQL URL or embedded data folder (default: DATABASE_URL, then the
                       embedded database in the user's data folder)`;

function parse(argv: string[]) {
  return parseFlags('export', {
    args: argv,
    allowPositionals: false,
    options: { out: { type: 'string' }, tables: { type: 'string' }, db: { type: 'string' }, 'safe-formulas': { type: 'boolean', default: false } },
  });
}

const exportCommand: Command = {
  name: 'export',
  summary: 'write database tables to CSV files (no --out: the TUI export screen)',
  usage: USAGE,
  async run(argv) {
    const { values } = parse(argv);
    if (values.out === undefined) {
      if (values.tables !== undefined) throw new UsageError('export: --tables needs --out DIR');
      if (values['safe-formulas']) throw new UsageError('export: --safe-formulas needs --out DIR (the export screen has its own toggle)');
      return (await import('./tui.js')).tuiCommand('export').run(argv);
    }
    const tables = values.tables === undefined ? DEFAULT_EXPORT_TABLES : values.tables.split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (tables.length === 0) throw new UsageError('export: --tables lists no table');
    const handle = await connect(resolveTarget(values.db));
    try {
      const written = await exportTables(handle, tables, values.out, { safeFormulas: values['safe-formulas'] });
      const width = Math.max(...written.map((w) => w.table.length));
      const lines = written.map((w) => `  ${w.table.padEnd(width)}  ${w.rows.toLocaleString('en-US').padStart(9)}  ${w.path}`);
      process.stdout.write([`exported from ${handle.description}`, ...lines].join('\n') + '\n');
      return 0;
    } finally {
      await handle.close();
    }
  },
};

export default exportCommand;
