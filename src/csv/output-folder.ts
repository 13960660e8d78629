import { createWriteStream, type WriteStream } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { UserError } from '../errors.js';
import { makeFolder } from '../folders.js';
import { isRunning } from '../processes.js';
import type { Cell } from '../model/tables.js';

/**
 * RFC 4180 through csv-stringify: fields with commas, quotes or line breaks are quoted, quotes
 * doubled. An empty string is written quoted ("") and null as nothing, so the two stay apart
 * (Postgres COPY ... CSV reads them the same way). A cast rather than `quoted_match: /^$/`: the
 * regex ran over every field and showed in profiles.
 */
const CSV_OPTIONS = {
  record_delimiter: '\n',
  cast: { string: (value: string) => (value === '' ? { value, quoted_empty: true } : value) },
} as const;

/**
 * Cells starting with =, +, -, @, tab or carriage return get a leading apostrophe, so a
 * spreadsheet shows them as text instead of running them as a formula (OWASP "CSV injection").
 * Off by default: the plain files stay byte for byte what the database holds.
 */
const SAFE_FORMULA_OPTIONS = { ...CSV_OPTIONS, escape_formulas: true } as const;

/** A file staged by a run: `.<file>.<pid>.tmp`. */
const STAGED_NAME = /^\.(.+)\.(\d+)\.tmp$/;

/** Rows per csv-stringify call: per-row stream overhead was half the sample's ingest time. */
const ROWS_PER_WRITE = 2000;

/**
 * A folder whose files are all written under temporary names and renamed together at the end,
 * so a failed run never leaves a half-written or half-updated set of files.
 */
/** Why a folder could not be made, naming the path that failed when it is not the folder itself. */
function whyNot(error: NodeJS.ErrnoException): string {
  const at = error.path !== undefined ? ` (${error.path})` : '';
  switch (error.code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `not a directory${at}`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied${at}`;
    case 'EROFS':
      return `read-only file system${at}`;
    case 'ENOENT':
      return `cannot create a folder there${at}`;
    default:
      return error.code ?? error.message;
  }
}

export interface OutputFolderOptions {
  /** Escape cells a spreadsheet would run as formulas (SAFE_FORMULA_OPTIONS). */
  safeFormulas?: boolean;
}

export class OutputFolder {
  private readonly staged = new Map<string, string>();
  private readonly writers: TextWriter[] = [];

  private constructor(
    readonly dir: string,
    /** The first folder this run created on the way to `dir`, removed again by discard. */
    private readonly created: string | undefined,
    private readonly csvOptions: typeof CSV_OPTIONS,
  ) {}

  static async open(dir: string, options: OutputFolderOptions = {}): Promise<OutputFolder> {
    let created: string | undefined;
    try {
      // makeFolder checks that dir is a folder.
      created = makeFolder(dir);
    } catch (error) {
      throw new UserError(`cannot write to ${dir}: ${whyNot(error as NodeJS.ErrnoException)}`);
    }
    await removeStagedFilesOfDeadRuns(dir);
    return new OutputFolder(dir, created, options.safeFormulas === true ? SAFE_FORMULA_OPTIONS : CSV_OPTIONS);
  }

  private stage(file: string): string {
    const temp = join(this.dir, `.${file}.${process.pid}.tmp`);
    this.staged.set(file, temp);
    return temp;
  }

  /** Writes rows (header first) to `file`'s temporary name in batches, with backpressure; returns the row count. */
  async writeCsv(file: string, columns: readonly string[], rows: Iterable<Cell[]> | AsyncIterable<Cell[]>): Promise<number> {
    const writer = new TextWriter(createWriteStream(this.stage(file)));
    this.writers.push(writer);
    let count = 0;
    let batch: (readonly Cell[])[] = [columns];
    const flush = async (): Promise<void> => {
      await writer.write(stringify(batch, this.csvOptions));
      batch = [];
    };
    // A plain for-of for in-memory rows: for-await would add a promise per row.
    if (Symbol.asyncIterator in rows) {
      for await (const row of rows) {
        batch.push(row);
        count++;
        if (batch.length >= ROWS_PER_WRITE) await flush();
      }
    } else {
      for (const row of rows) {
        batch.push(row);
        count++;
        if (batch.length >= ROWS_PER_WRITE) await flush();
      }
    }
    if (batch.length > 0) await flush();
    await writer.close();
    return count;
  }

  /** A text file written piece by piece (e.g. dead letters while reading). */
  openText(file: string): TextWriter {
    const writer = new TextWriter(createWriteStream(this.stage(file)));
    this.writers.push(writer);
    return writer;
  }

  /** Renames every staged file to its final name. */
  async commit(): Promise<void> {
    for (const [file, temp] of this.staged) await rename(temp, join(this.dir, file));
    this.staged.clear();
  }

  /** Deletes every staged file; the folder's previous contents stay as they were. */
  async discard(): Promise<void> {
    // Close first: a stream still opening would otherwise create its file after the rm.
    await Promise.all(this.writers.map((writer) => writer.destroy()));
    await Promise.all([...this.staged.values()].map((temp) => rm(temp, { force: true })));
    this.staged.clear();
    // Everything below a folder this run created is this run's own.
    if (this.created !== undefined) await rm(this.created, { recursive: true, force: true });
  }
}

/**
 * A run killed before it committed or discarded (kill -9, power loss) leaves its staged files.
 * Those whose pid is no running process are removed; a live pid's may be a concurrent run's.
 */
async function removeStagedFilesOfDeadRuns(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(STAGED_NAME.exec(name)?.[2]);
    if (Number.isInteger(pid) && pid !== process.pid && !isRunning(pid)) await rm(join(dir, name), { force: true });
  }
}


/** Appends text with backpressure: `write` waits for a drain when the stream buffer is full. */
export class TextWriter {
  private failure: Error | null = null;

  constructor(private readonly stream: WriteStream) {
    stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error): void => reject(error);
        this.stream.once('error', onError);
        this.stream.once('drain', () => {
          this.stream.off('error', onError);
          resolve();
        });
      });
    }
  }

  async destroy(): Promise<void> {
    if (this.stream.closed) return;
    await new Promise<void>((resolve) => {
      this.stream.once('close', () => resolve());
      this.stream.destroy();
    });
  }

  async close(): Promise<void> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      // end's callback gets the error too (a file that could not be opened), and may come first.
      this.stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
  }
}
