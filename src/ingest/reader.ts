import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserError } from '../errors.js';
import type { DeadLetter } from '../model/observation.js';
import type { Observation } from '../record/fields.js';
import { ArrayReader, type ParsedElements } from './array-reader.js';
import { FileSyntaxError } from './array-splitter.js';
import { Deduplicator } from './dedupe.js';
import { describeOffset } from './file-position.js';
import { locateJsonError } from './json-error.js';
import { LineSplitter, type Line } from './line-splitter.js';
import { parseWithRawNul } from './raw-nul.js';
import { mayHoldRoundedNumber } from './raw-numbers.js';
import { kindOf, validateRecord } from './validate.js';

export type InputFormat = 'array' | 'ndjson';

/** What one chunk of the file gave: new distinct observations and the records that were refused. */
export interface ObservationBatch {
  observations: Observation[];
  deadLetters: DeadLetter[];
}

export interface ReadCounts {
  format: InputFormat | null;
  bytesRead: number;
  totalBytes: number;
  /** Every record (array element or non-blank line), valid or not. */
  recordsRead: number;
  /** Distinct valid observations handed on. */
  valid: number;
  /** Exact duplicates dropped (not dead letters). */
  duplicates: number;
  /** All dead letters, conflicts included. */
  deadLetters: number;
  conflicts: number;
  /** SHA-256 (hex) of the bytes read, once the input is read to its end, if asked for (ReadOptions.sha256); else ''. */
  sha256: string;
}

/** Counts before the first byte is read. */
export function emptyCounts(format: InputFormat | null): ReadCounts {
  return { format, bytesRead: 0, totalBytes: 0, recordsRead: 0, valid: 0, duplicates: 0, deadLetters: 0, conflicts: 0, sha256: '' };
}

export interface ReadProgress {
  bytesRead: number;
  totalBytes: number;
  recordsRead: number;
}

export interface ReadOptions {
  onProgress?: (progress: ReadProgress) => void;
  signal?: AbortSignal;
  /** Goes into DeadLetter.sourceFile; the path as given by default. */
  sourceName?: string;
  /** Hash the bytes read into ReadCounts.sha256 (about 0.3 s of CPU per 600 MB, so only when wanted). */
  sha256?: boolean;
}

/** The file name that means standard input. */
export const STDIN = '-';

// 64 KiB reads: the decoded chunk strings stay small enough for V8's young generation. With 1 MiB
// reads they went to large-object space and, at a million records, peak RSS varied from 470 to
// 690 MB between runs; with 64 KiB it stayed at 413-455 MB for the same CPU time.
const CHUNK_BYTES = 64 << 10;

/**
 * Reads a JSON array or NDJSON file (`-`: standard input) of playlist observations as batches (one per chunk read),
 * validated and deduplicated. `counts` is final once iteration ends. A file that is not JSON
 * throws a one-line UserError; the batches already yielded must then be discarded.
 */
export function readObservations(file: string, options: ReadOptions = {}): ObservationReader {
  return new ObservationReader(file, options);
}

export class ObservationReader implements AsyncIterable<ObservationBatch> {
  readonly counts: ReadCounts = emptyCounts(null);
  private readonly dedupe = new Deduplicator();
  private readonly sourceName: string;
  private objects = 0;
  /** NDJSON: the first line that is not JSON, reported if no line at all is usable. */
  private firstBadLine: { offset: number; message: string } | null = null;

  constructor(
    private readonly file: string,
    private readonly options: ReadOptions,
  ) {
    this.sourceName = options.sourceName ?? file;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ObservationBatch> {
    try {
      yield* this.batches();
    } catch (error) {
      throw await readError(this.file, error);
    }
  }

  private async *batches(): AsyncGenerator<ObservationBatch> {
    const { signal, onProgress } = this.options;
    this.counts.totalBytes = this.file === STDIN ? 0 : await sizeOf(this.file);
    let splitter: ArrayReader | LineSplitter | null = null;
    const stream = this.file === STDIN ? process.stdin : createReadStream(this.file, { highWaterMark: CHUNK_BYTES, signal });
    const digest = this.options.sha256 === true ? createHash('sha256') : null;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      digest?.update(chunk);
      const chunkOffset = this.counts.bytesRead;
      this.counts.bytesRead += chunk.length;
      let data = chunk;
      if (splitter === null) {
        const start = firstSignificantByte(chunk, chunkOffset === 0);
        if (start === -1) continue;
        splitter = this.splitterFor(chunk[start] as number, chunkOffset + start);
        // The array reader starts after the '['; NDJSON lines start at the '{'.
        data = chunk.subarray(splitter instanceof ArrayReader ? start + 1 : start);
      }
      const batch: ObservationBatch = { observations: [], deadLetters: [] };
      if (splitter instanceof ArrayReader) this.acceptElements(splitter.push(data), batch);
      else this.acceptLines(splitter.push(data), batch);
      onProgress?.({ bytesRead: this.counts.bytesRead, totalBytes: this.counts.totalBytes, recordsRead: this.counts.recordsRead });
      if (batch.observations.length > 0 || batch.deadLetters.length > 0) yield batch;
    }
    if (splitter === null) throw new UserError(`${this.file} is empty: expected a JSON array or NDJSON`);
    if (digest !== null) this.counts.sha256 = digest.digest('hex');
    const last: ObservationBatch = { observations: [], deadLetters: [] };
    if (splitter instanceof ArrayReader) this.acceptElements(splitter.end(), last);
    else this.acceptLines(splitter.end(), last);
    this.checkSomethingUsable();
    // Every record is checked: hand this memory (about 190 MB of heap at a million records) to the sinks' finishing work.
    this.dedupe.clear();
    if (last.observations.length > 0 || last.deadLetters.length > 0) yield last;
  }

  private splitterFor(firstByte: number, offset: number): ArrayReader | LineSplitter {
    if (firstByte === 0x5b) {
      this.counts.format = 'array';
      return new ArrayReader(offset + 1);
    }
    if (firstByte === 0x7b) {
      this.counts.format = 'ndjson';
      return new LineSplitter(offset);
    }
    const shown = firstByte >= 0x20 && firstByte < 0x7f ? `'${String.fromCharCode(firstByte)}'` : `byte 0x${firstByte.toString(16)}`;
    throw new FileSyntaxError(offset, `expected '[' (a JSON array) or '{' (NDJSON), found ${shown}`);
  }

  /** A file whose records are all unusable JSON or not objects is not an observation file at all. */
  private checkSomethingUsable(): void {
    if (this.counts.recordsRead === 0 || this.objects > 0) return;
    if (this.firstBadLine !== null) throw new FileSyntaxError(this.firstBadLine.offset, this.firstBadLine.message);
    throw new UserError(`${this.file}: holds no JSON objects (${this.counts.recordsRead} records, none an object)`);
  }

  private acceptElements(parsed: ParsedElements[], batch: ObservationBatch): void {
    for (const { values, rawText, mayBeRounded } of parsed) {
      for (let k = 0; k < values.length; k++) this.accept(values[k], batch, () => rawText(k), mayBeRounded);
    }
  }

  private acceptLines(lines: Line[], batch: ObservationBatch): void {
    for (const line of lines) {
      let value: unknown;
      try {
        value = parseWithRawNul(line.text);
      } catch {
        if (line.text.trim() === '') continue; // blank lines are not records
        const error = locateJsonError(line.text);
        const column = error.position + 1;
        const message = `line ${line.number}, column ${column}: not valid JSON: ${error.message}`;
        if (this.firstBadLine === null) {
          const offset = line.offset + Buffer.byteLength(line.text.slice(0, error.position));
          this.firstBadLine = { offset, message: `${error.message} (NDJSON line ${line.number})` };
        }
        this.deadLetter(this.counts.recordsRead++, line.text, message, batch);
        continue;
      }
      this.accept(value, batch, () => line.text, mayHoldRoundedNumber(line.text));
    }
  }

  private accept(value: unknown, batch: ObservationBatch, rawText: () => string, mayBeRounded: boolean): void {
    const index = this.counts.recordsRead++;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.deadLetter(index, rawText(), `record: expected a JSON object, got ${kindOf(value)}`, batch);
      return;
    }
    this.objects++;
    const result = validateRecord(value as Record<string, unknown>, { text: rawText, mayBeRounded });
    if ('reason' in result) {
      this.deadLetter(index, rawText(), result.reason, batch);
      return;
    }
    const seen = this.dedupe.check(result.observation, index);
    if (seen.kind === 'new') {
      this.counts.valid++;
      batch.observations.push(result.observation);
    } else if (seen.kind === 'duplicate') {
      this.counts.duplicates++;
    } else {
      this.counts.conflicts++;
      const reason = `conflict: same playlist_id, video_id and timestp as record ${seen.firstIndex} but other values (the first one is kept)`;
      this.deadLetter(index, rawText(), reason, batch);
    }
  }

  private deadLetter(recordIndex: number, rawText: string, reason: string, batch: ObservationBatch): void {
    this.counts.deadLetters++;
    batch.deadLetters.push({ sourceFile: this.sourceName, recordIndex, rawText, reason });
  }
}

/** What a reading failure means to the user: bad JSON with where, or an I/O error, as a UserError. */
export async function readError(file: string, error: unknown): Promise<unknown> {
  if (error instanceof FileSyntaxError) {
    const where = file === STDIN ? `byte ${error.offset}` : await describeOffset(file, error.offset);
    return new UserError(`${file}: invalid JSON at ${where}: ${error.message}`);
  }
  const { code, syscall } = error as NodeJS.ErrnoException;
  if (typeof code === 'string' && syscall !== undefined) return new UserError(`cannot read ${file}: ${code}`);
  return error;
}

export async function sizeOf(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UserError(`${file} is a directory, not a JSON file`);
    return info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${code ?? String(error)}`);
  }
}

/** Index of the first byte that is not whitespace (nor, at the file start, a UTF-8 BOM); -1 if none. */
export function firstSignificantByte(chunk: Buffer, fileStart: boolean): number {
  let i = fileStart && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
  while (i < chunk.length) {
    const c = chunk[i] as number;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
  return -1;
}
