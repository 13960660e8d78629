import { sql } from 'kysely';
import { OutputFolder } from '../csv/output-folder.js';
import { DEAD_LETTERS_FILE, deadLetterLine } from '../ingest/csv-sink.js';
import type { IngestSink, TableCounts } from '../ingest/pipeline.js';
import type { EncodedBatch } from '../record/encoded.js';
import type { ObservationBatch, ReadCounts } from '../ingest/reader.js';
import type { Granularity } from '../model/observation.js';
import { MODEL_TABLES, type ModelTableName } from '../model/tables.js';
import type { DbHandle, DbSession } from './connect.js';
import { DEFAULT_EXPORT_TABLES, writeTables } from './export.js';
import { loadObservations, type LoadBatch, type LoadProgress, type LoadSummary } from './load.js';
import type { Shard } from '../shard.js';

export interface DatabaseSinkOptions {
  /** The input file, named in ingest_runs.source_file unless sourceName says otherwise. */
  file: string;
  sourceName?: string;
  granularity: Granularity;
  shard?: Shard;
  /** Also write the eight model tables (as `export` would) and dead_letters.jsonl here. */
  outDir?: string;
  onProgress?: (progress: LoadProgress) => void;
}

/**
 * The ingest pipeline's database sink: the pipeline pushes batches, loadObservations pulls them
 * (one batch in flight, so reading waits for the database). prepare() runs the load up to just
 * before COMMIT and writes --out from inside the transaction; commit() commits; abort() rolls back.
 */
export class DatabaseSink implements IngestSink {
  private readonly queue = new BatchQueue();
  /** ingest_runs.sha256: the reader hashes what it reads. */
  readonly wantsSha256 = true;
  private loading: Promise<LoadSummary> | null = null;
  private counts: ReadCounts | null = null;
  private folder: OutputFolder | null = null;
  private atCommit = deferred<TableCounts>();
  private gate = deferred<void>();
  /** Set when the load takes observation COPY lines (a first load). */
  private lineSuffix: string | null = null;
  /** Set once committed. */
  summary: LoadSummary | null = null;

  constructor(
    private readonly handle: DbHandle,
    private readonly options: DatabaseSinkOptions,
  ) {}

  private start(): Promise<LoadSummary> {
    this.loading ??= loadObservations(
      this.handle,
      {
        sourceFile: this.options.sourceName ?? this.options.file,
        batches: this.queue,
        // Asked for once everything is read.
        sha256: () => this.counts?.sha256 ?? '',
        readCounts: () => this.counts ?? { recordsRead: 0, duplicates: 0 },
        // Both readers drop exact duplicates and dead-letter conflicting ones.
        deduplicated: true,
      },
      {
        granularity: this.options.granularity,
        shard: this.options.shard,
        onProgress: this.options.onProgress,
        onCopyLines: (suffix) => {
          this.lineSuffix = suffix;
        },
        onPhase: async (phase, session, runId) => {
          if (phase !== 'before-commit') return;
          this.atCommit.resolve(await this.beforeCommit(session, runId));
          await this.gate.promise;
        },
      },
    );
    this.loading.catch((error: unknown) => {
      this.queue.fail(error);
      this.atCommit.reject(error);
    });
    return this.loading;
  }

  /** Either reader's batches go to the load as they are. */
  async write(batch: ObservationBatch | EncodedBatch): Promise<void> {
    this.start();
    await this.queue.push(batch);
  }

  writeEncoded(batch: EncodedBatch): Promise<void> {
    return this.write(batch);
  }

  copyLineSuffix(): string | null {
    return this.lineSuffix;
  }

  async prepare(counts: ReadCounts): Promise<TableCounts> {
    this.counts = counts;
    this.start();
    this.queue.end();
    return this.atCommit.promise;
  }

  async commit(): Promise<void> {
    this.gate.resolve();
    this.summary = await this.start();
    await this.folder?.commit();
  }

  async abort(): Promise<void> {
    const error = new Error('ingest aborted');
    this.queue.fail(error);
    this.gate.reject(error);
    await this.loading?.catch(() => undefined);
    await this.folder?.discard();
  }

  /** Inside the transaction: rows per model table, and the --out files from what is about to commit. */
  private async beforeCommit(session: DbSession, runId: number): Promise<TableCounts> {
    const counts: TableCounts = {};
    for (const table of MODEL_TABLES) {
      const result = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM ${sql.table(table.name)}`.execute(session.db);
      counts[table.name as ModelTableName] = result.rows[0]?.n ?? 0;
    }
    if (this.options.outDir !== undefined) {
      this.folder = await OutputFolder.open(this.options.outDir);
      await writeTables(session.db, DEFAULT_EXPORT_TABLES, this.folder);
      const deadLetters = this.folder.openText(DEAD_LETTERS_FILE);
      // This run's dead letters, conflicts with earlier loads included, in the reader's format.
      const rows = sql<{ source_file: string; record_index: number | null; raw_text: string; reason: string }>`
        SELECT source_file, record_index, raw_text, reason FROM dead_letters
        WHERE ingest_run_id = ${runId} ORDER BY id`.compile(session.db);
      for await (const chunk of session.db.getExecutor().stream(rows, 2000)) {
        await deadLetters.write(chunk.rows.map((r) => deadLetterLine({ sourceFile: r.source_file, recordIndex: r.record_index ?? -1, rawText: r.raw_text, reason: r.reason })).join(''));
      }
      await deadLetters.close();
    }
    return counts;
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Push side waits until the pull side has taken the batch: at most one batch buffered. */
class BatchQueue implements AsyncIterable<LoadBatch> {
  private items: { batch: LoadBatch; taken: () => void }[] = [];
  private waiting: (() => void) | null = null;
  private ended = false;
  private error: unknown = null;
  private failed = deferred<never>();

  push(batch: LoadBatch): Promise<void> {
    if (this.error !== null) return Promise.reject(this.error);
    return Promise.race([
      new Promise<void>((taken) => {
        this.items.push({ batch, taken });
        this.wake();
      }),
      this.failed.promise,
    ]);
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  fail(error: unknown): void {
    if (this.error !== null) return;
    this.error = error;
    this.failed.reject(error);
    this.wake();
  }

  private wake(): void {
    this.waiting?.();
    this.waiting = null;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<LoadBatch> {
    for (;;) {
      if (this.error !== null) throw this.error;
      const next = this.items.shift();
      if (next) {
        next.taken();
        yield next.batch;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
  }
}
