import { sql } from 'kysely';
import type { DbHandle } from '../db/connect.js';
import { DatabaseSink } from '../db/ingest-sink.js';
import type { LoadSummary } from '../db/load.js';
import { runIngest, type IngestSink, type IngestSummary, type TableCounts } from '../ingest/pipeline.js';
import type { ObservationBatch } from '../ingest/reader.js';
import type { Granularity } from '../model/observation.js';

export interface ImportProgress {
  /** reading: records are read and loaded; finishing: the change logs are derived and committed. */
  phase: 'reading' | 'finishing';
  recordsRead: number;
  bytesRead: number;
  totalBytes: number;
  deadLetters: number;
  elapsedMs: number;
}

export interface DeadLetterRow {
  recordIndex: number;
  reason: string;
  rawText: string;
}

export interface ImportResult {
  read: IngestSummary;
  load: LoadSummary;
  /** Rows per model table after the import. */
  totals: TableCounts;
  /** This run's dead letters (conflicts with earlier loads included), the first `deadLetterLimit`. */
  deadLetters: DeadLetterRow[];
  deadLetterCount: number;
}

export interface ImportOptions {
  granularity?: Granularity;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  deadLetterLimit?: number;
}

/** Counts the dead letters of each batch as they pass, for the progress line. */
class DeadLetterTally implements IngestSink {
  count = 0;
  constructor(private readonly changed: () => void) {}
  async write(batch: ObservationBatch): Promise<void> {
    if (batch.deadLetters.length === 0) return;
    this.count += batch.deadLetters.length;
    this.changed();
  }
  async prepare(): Promise<TableCounts> {
    return {};
  }
  async commit(): Promise<void> {}
  async abort(): Promise<void> {}
}

/**
 * Imports one playlist file into the database in one transaction (the ingest pipeline with the
 * database sink), reporting progress, and returns what the summary screen shows.
 */
export async function importFile(handle: DbHandle, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const started = performance.now();
  const latest = { recordsRead: 0, bytesRead: 0, totalBytes: 0 };
  const report = (phase: ImportProgress['phase']) =>
    options.onProgress?.({ phase, ...latest, deadLetters: tally.count, elapsedMs: performance.now() - started });
  const tally = new DeadLetterTally(() => report('reading'));
  const sink = new DatabaseSink(handle, { file, granularity: options.granularity ?? 'day' });
  const read = await runIngest(file, {
    sinks: [tally, sink],
    signal: options.signal,
    onProgress: (progress) => {
      Object.assign(latest, progress);
      report(progress.bytesRead >= progress.totalBytes ? 'finishing' : 'reading');
    },
  });
  const load = sink.summary;
  if (load === null) throw new Error('import: the database sink finished without a summary');
  const limit = options.deadLetterLimit ?? 200;
  const rows = await sql<{ record_index: number; reason: string; raw_text: string }>`
    SELECT record_index, reason, raw_text FROM dead_letters
     WHERE ingest_run_id = ${load.runId} ORDER BY record_index, id LIMIT ${limit}`.execute(handle.db);
  return {
    read,
    load,
    totals: read.tables,
    deadLetters: rows.rows.map((r) => ({ recordIndex: r.record_index, reason: r.reason, rawText: r.raw_text })),
    deadLetterCount: load.deadLetters,
  };
}
