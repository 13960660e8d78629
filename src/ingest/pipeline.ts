import type { ModelTableName } from '../model/tables.js';
import type { EncodedBatch } from '../record/encoded.js';
import { isJsonArrayFile, ParallelArrayReader, readEncodedObservations } from './parallel-reader.js';
import { readObservations, STDIN, type ObservationBatch, type ReadCounts, type ReadProgress } from './reader.js';

export type TableCounts = Partial<Record<ModelTableName, number>>;

/**
 * Where an ingest goes (CSV folder, database). The pipeline calls write for every batch, then
 * prepare on every sink, then commit on every sink; on any failure it calls abort on every sink
 * instead, so a sink stages its work (temporary files, an open transaction) until commit.
 */
export interface IngestSink {
  write(batch: ObservationBatch): Promise<void>;
  /**
   * Optional: the same batches with strings numbered (src/record/encoded.ts). When every sink has
   * it, a JSON array file is read by the parallel reader and only this is called.
   */
  writeEncoded?(batch: EncodedBatch): Promise<void>;
  /**
   * Optional, with writeEncoded: a suffix once the sink wants the observations as COPY lines
   * ending in it (EncodedBatch.copyLines), formatted by the parse threads; null until then.
   */
  copyLineSuffix?(): string | null;
  /** Optional: true when the sink records the input's SHA-256 (ReadCounts.sha256, given to prepare). */
  readonly wantsSha256?: boolean;
  /** Reading succeeded: finish the work, still revertible. Returns rows per table for the summary. */
  prepare(counts: ReadCounts): Promise<TableCounts>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export interface IngestSummary extends ReadCounts {
  file: string;
  /** Rows per model table, as reported by the sinks (a later sink's figure replaces an earlier one's). */
  tables: TableCounts;
  elapsedMs: number;
}

export interface IngestOptions {
  sinks: IngestSink[];
  onProgress?: (progress: ReadProgress) => void;
  signal?: AbortSignal;
  sourceName?: string;
}

/** Reads, validates and deduplicates `file` once and hands the observations to every sink. */
export async function runIngest(file: string, options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now();
  const { sinks } = options;
  const readOptions = { onProgress: options.onProgress, signal: options.signal, sourceName: options.sourceName, sha256: sinks.some((sink) => sink.wantsSha256 === true) };
  const encoded = sinks.length > 0 && sinks.every((sink) => sink.writeEncoded !== undefined) && file !== STDIN && (await isJsonArrayFile(file));
  const copyLineSuffix = (): string | null => {
    for (const sink of sinks) {
      const suffix = sink.copyLineSuffix?.() ?? null;
      if (suffix !== null) return suffix;
    }
    return null;
  };
  const reader = encoded ? readEncodedObservations(file, { ...readOptions, copyLineSuffix }) : readObservations(file, readOptions);
  const tables: TableCounts = {};
  try {
    if (reader instanceof ParallelArrayReader) {
      for await (const batch of reader) {
        for (const sink of sinks) await sink.writeEncoded?.(batch);
      }
    } else {
      for await (const batch of reader) {
        for (const sink of sinks) await sink.write(batch);
      }
    }
    for (const sink of sinks) Object.assign(tables, await sink.prepare(reader.counts));
    for (const sink of sinks) await sink.commit();
  } catch (error) {
    await Promise.allSettled(sinks.map((sink) => sink.abort()));
    throw error;
  }
  return { ...reader.counts, file, tables, elapsedMs: performance.now() - started };
}
