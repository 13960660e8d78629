import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.js';
import type { DeadLetter } from '../model/observation.js';
import { StringTable } from '../model/strings.js';
import { ArrayReader, elementTexts, lastCut, scanExactly, type ParsedElements } from './array-reader.js';
import { Deduplicator, Fingerprint } from './dedupe.js';
import { VALUE_FIELDS } from '../record/fields.js';
import { F_DAY, F_MICRO, FLOAT_SLOT, FLOATS, I_INDEX, I_PLAYLIST, I_VIDEO, INT_SLOT, INTS, RecordEncoder, STRING_FIELDS, type EncodedBatch, type EncodedObservations } from '../record/encoded.js';
import { nativeScanAvailable } from './native-scan.js';
import { RegionLines } from './region-lines.js';
import { encodeElements, type RegionRequest, type RegionResult } from './region-parser.js';
import { emptyCounts, firstSignificantByte, readError, sizeOf, type ReadCounts, type ReadOptions } from './reader.js';

/**
 * Reads a JSON array file with the parsing spread over worker threads: this thread cuts the file
 * into regions at a `},` (as ArrayReader does), the workers decode, JSON.parse, validate and number
 * them, and this thread takes the results in file order, maps the numbers onto one string table,
 * deduplicates and hands numbered observations on. A region that does not parse (a cut inside a
 * string, broken JSON) switches the rest of the file to ArrayReader on this thread, which finds
 * the true boundaries or the byte offset of the error; the results are the same either way.
 *
 * Why threads: decoding and JSON.parse are about half the CPU of a single-threaded ingest, and
 * numbered records make deduplication and the normaliser cheaper (BENCHMARKS.md, "Why the code
 * is shaped this way").
 */

/** 256 KiB reads: one region per read, few messages, strings still small for the workers' young generation. */
const READ_BYTES = 256 << 10;
/** With the native scanner (no strings per record to keep young) 1 MiB reads: a quarter of the regions, messages and COPY writes. */
const NATIVE_READ_BYTES = 1 << 20;
/** Without a cut point for this long, the file is not an array of objects: go byte by byte. */
const MAX_UNCUT_BYTES = 8 << 20;
const COMMA = Buffer.from(',');
const YOUNG_GENERATION_MB = 12;

/** Parses regions: a worker thread, or (running from TypeScript sources, as in tests) this thread. */
interface RegionParser {
  /** Maps the parser's string numbers to the reader's (index 0: null). */
  readonly translation: number[];
  /** `lineSuffix`: also format the records' COPY lines, ending in it. */
  parse(bytes: Buffer, lineSuffix: string | null): Promise<RegionResult | null>;
  close(): Promise<void>;
}

class WorkerParser implements RegionParser {
  readonly translation = [0];
  private readonly worker: Worker;
  private readonly waiting: { resolve: (result: RegionResult | null) => void; reject: (error: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(url: URL) {
    // A small young generation: a region's objects die young anyway, and V8's default costs peak RSS per thread.
    this.worker = new Worker(url, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on('message', (result: RegionResult | null) => this.waiting.shift()?.resolve(result));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`parse worker exited with code ${code}`)));
  }

  parse(bytes: Buffer, lineSuffix: string | null): Promise<RegionResult | null> {
    if (this.failure !== null) return Promise.reject(this.failure);
    const result = new Promise<RegionResult | null>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ bytes, lineSuffix } satisfies RegionRequest, [bytes.buffer as ArrayBuffer]);
    });
    // A stopped read (interrupt, a sink's error) leaves results nobody awaits; closing rejects them.
    result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    this.failure ??= new Error('parse worker closed');
    await this.worker.terminate();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }
}

class InThreadParser implements RegionParser {
  readonly translation = [0];
  private readonly regions = new RegionLines();

  async parse(bytes: Buffer, lineSuffix: string | null): Promise<RegionResult | null> {
    return this.regions.parse(bytes, lineSuffix);
  }

  async close(): Promise<void> {}
}

interface Region {
  result: Promise<RegionResult | null>;
  parser: RegionParser;
  /** The region's bytes, without the brackets and the comma after it. */
  raw: Buffer;
  /** File offset of raw[0], and whether a ',' came just before it. */
  base: number;
  afterComma: boolean;
}

/** True when the file's first significant byte is '[' (within its first 64 KiB); false for anything else or an unreadable file. */
export async function isJsonArrayFile(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
    const head = Buffer.alloc(64 << 10);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const start = firstSignificantByte(head.subarray(0, bytesRead), true);
    return start !== -1 && head[start] === 0x5b;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

export interface ParallelReadOptions extends ReadOptions {
  /** Parse threads (default: one with the native scanner, else one per core, at most 2); 0 parses on this thread. */
  threads?: number;
  /**
   * Asked as each region is sent: a suffix when the batches should carry their observations as
   * COPY lines ending in it (EncodedBatch.copyLines), formatted by the parse threads; else null.
   */
  copyLineSuffix?: () => string | null;
}

/** A JSON array file (check with isJsonArrayFile) as numbered batches; `counts` as readObservations gives them. */
export function readEncodedObservations(file: string, options: ParallelReadOptions = {}): ParallelArrayReader {
  return new ParallelArrayReader(file, options);
}

export class ParallelArrayReader implements AsyncIterable<EncodedBatch> {
  readonly counts: ReadCounts = emptyCounts('array');
  readonly strings = new StringTable();
  private readonly dedupe = new Deduplicator();
  private readonly fingerprint = new Fingerprint();
  /** This thread's own parsing (fallback and the array's end). */
  private readonly local = { encoder: new RecordEncoder(), translation: [0] };
  private readonly sourceName: string;
  private objects = 0;

  constructor(
    private readonly file: string,
    private readonly options: ParallelReadOptions,
  ) {
    this.sourceName = options.sourceName ?? file;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<EncodedBatch> {
    const parsers = this.startParsers();
    try {
      yield* this.batches(parsers);
    } catch (error) {
      throw await readError(this.file, error);
    } finally {
      await Promise.all(parsers.map((parser) => parser.close()));
    }
  }

  private startParsers(): RegionParser[] {
    // With the native scanner parsing is a small share of the work: a second thread brings no speed, only its own heap.
    const threads = this.options.threads ?? (nativeScanAvailable() ? 1 : Math.min(2, availableParallelism()));
    // Compiled, the worker is a .js file beside this one; from TypeScript sources (vitest) parse here.
    const compiled = import.meta.url.endsWith('.js');
    if (threads === 0 || !compiled) return [new InThreadParser()];
    return Array.from({ length: threads }, () => new WorkerParser(new URL('./parse-worker.js', import.meta.url)));
  }

  private async *batches(parsers: RegionParser[]): AsyncGenerator<EncodedBatch> {
    const { signal, onProgress } = this.options;
    const counts = this.counts;
    counts.totalBytes = await sizeOf(this.file);
    const inFlight: Region[] = [];
    const maxInFlight = parsers.length * 2 + 1;
    let next = 0;
    let started = false;
    /** The unsent bytes: they start at element boundary `base` (after a ',' if `afterComma`). */
    let base = 0;
    let afterComma = false;
    let pieces: Buffer[] = [];
    let piecesLength = 0;
    /** Set once the rest of the file goes byte-exact through ArrayReader on this thread. */
    let exact: ArrayReader | null = null;

    // Takes the oldest region's result. A region that did not parse, and all sent after it, are
    // scanned exactly here; sending resumes after the last complete element found.
    const settle = async function* (this: ParallelArrayReader): AsyncGenerator<EncodedBatch> {
      const region = inFlight.shift() as Region;
      const result = await region.result;
      if (result !== null) {
        const batch = this.accept(result, region.parser.translation, elementTexts(region.raw, result.elements, result.objects));
        if (batch !== null) yield batch;
        return;
      }
      const rest: Buffer[] = [region.raw];
      for (const later of inFlight.splice(0)) {
        // Its records are read again below, but the worker has numbered its strings: keep the numbering in step.
        const dropped = await later.result;
        if (dropped !== null) for (const text of dropped.newStrings) later.parser.translation.push(this.strings.idOf(text));
        rest.push(COMMA, later.raw);
      }
      rest.push(COMMA, ...pieces);
      const scan = scanExactly(Buffer.concat(rest), region.base, region.afterComma);
      yield* this.acceptParsed(scan.parsed);
      if (scan.closed !== null) {
        exact = ArrayReader.afterClose(scan.closed);
        pieces = [];
        piecesLength = 0;
      } else {
        base = scan.base;
        afterComma = scan.afterComma;
        pieces = scan.rest.length > 0 ? [scan.rest] : [];
        piecesLength = scan.rest.length;
      }
    }.bind(this);

    const stream = createReadStream(this.file, { highWaterMark: nativeScanAvailable() ? NATIVE_READ_BYTES : READ_BYTES, signal });
    const digest = this.options.sha256 === true ? createHash('sha256') : null;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      digest?.update(chunk);
      const chunkOffset = counts.bytesRead;
      counts.bytesRead += chunk.length;
      let data = chunk;
      if (!started) {
        const start = firstSignificantByte(chunk, chunkOffset === 0);
        if (start === -1) continue;
        if (chunk[start] !== 0x5b) throw new UserError(`${this.file}: expected a JSON array`);
        started = true;
        base = chunkOffset + start + 1;
        data = chunk.subarray(start + 1);
      }
      if (exact !== null) {
        yield* this.acceptParsed(exact.push(data));
      } else {
        const cut = lastCut(data);
        if (cut === -1) {
          pieces.push(data);
          piecesLength += data.length;
          if (piecesLength > MAX_UNCUT_BYTES) {
            while (inFlight.length > 0 && exact === null) yield* settle();
            if (exact === null) {
              exact = ArrayReader.resume(base, afterComma);
              const all = Buffer.concat(pieces);
              pieces = [];
              piecesLength = 0;
              yield* this.acceptParsed(exact.push(all));
            }
          }
        } else {
          const all = piecesLength === 0 ? data : Buffer.concat([...pieces, data]);
          const regionEnd = piecesLength + cut;
          const raw = all.subarray(0, regionEnd);
          // A buffer of its own (not the pool's), moved to the worker without a copy; every byte
          // is written below, so it need not be zeroed first.
          const bytes = Buffer.allocUnsafeSlow(regionEnd + 2);
          bytes[0] = 0x5b;
          raw.copy(bytes, 1);
          bytes[regionEnd + 1] = 0x5d;
          const parser = parsers[next++ % parsers.length] as RegionParser;
          inFlight.push({ result: parser.parse(bytes, this.options.copyLineSuffix?.() ?? null), parser, raw, base, afterComma });
          pieces = regionEnd + 1 < all.length ? [all.subarray(regionEnd + 1)] : [];
          piecesLength = all.length - regionEnd - 1;
          base += regionEnd + 1;
          afterComma = true;
          while (inFlight.length >= maxInFlight) yield* settle();
        }
      }
      onProgress?.({ bytesRead: counts.bytesRead, totalBytes: counts.totalBytes, recordsRead: counts.recordsRead });
    }
    if (digest !== null) counts.sha256 = digest.digest('hex');
    while (inFlight.length > 0) yield* settle();
    if (!started) throw new UserError(`${this.file} is empty: expected a JSON array or NDJSON`);
    const tail = exact ?? ArrayReader.resume(base, afterComma);
    const parsed = exact === null && piecesLength > 0 ? tail.push(Buffer.concat(pieces)) : [];
    parsed.push(...tail.end());
    const last = [...this.acceptParsed(parsed)];
    if (counts.recordsRead > 0 && this.objects === 0) {
      throw new UserError(`${this.file}: holds no JSON objects (${counts.recordsRead} records, none an object)`);
    }
    this.dedupe.clear();
    onProgress?.({ bytesRead: counts.bytesRead, totalBytes: counts.totalBytes, recordsRead: counts.recordsRead });
    yield* last;
  }

  /** Elements parsed on this thread (fallback and the array's end). */
  private *acceptParsed(parsed: ParsedElements[]): Generator<EncodedBatch> {
    for (const { values, rawText, mayBeRounded } of parsed) {
      const batch = this.accept(encodeElements(values, this.local.encoder, () => rawText, false, () => mayBeRounded), this.local.translation, rawText);
      if (batch !== null) yield batch;
    }
  }

  /** A region's records in file order: numbers mapped onto this reader's strings, deduplicated, dead letters in order (rawText for conflicts). */
  private accept(result: RegionResult, translation: number[], rawText: (k: number) => string): EncodedBatch | null {
    for (const text of result.newStrings) translation.push(this.strings.idOf(text));
    const counts = this.counts;
    const recordsBase = counts.recordsRead;
    counts.recordsRead += result.elements;
    this.objects += result.objects;
    const { ints, floats, deadLetters: refused } = result;
    const out: EncodedObservations = {
      count: 0,
      ints: new Int32Array(result.count * INTS),
      floats: new Float64Array(result.count * FLOATS),
      strings: this.strings,
    };
    const deadLetters: DeadLetter[] = [];
    const refuse = (k: number, reason: string, text = rawText(k)): void => {
      counts.deadLetters++;
      deadLetters.push({ sourceFile: this.sourceName, recordIndex: recordsBase + k, rawText: text, reason });
    };
    const fingerprint = this.fingerprint;
    /** With COPY lines: per record of the result, 1 if kept. */
    const kept = result.copyLines === undefined ? null : new Uint8Array(result.count);
    let d = 0;
    for (let r = 0; r < result.count; r++) {
      const i = r * INTS;
      const f = r * FLOATS;
      const k = ints[i + I_INDEX] as number;
      for (let next = refused[d]; next !== undefined && next.k < k; next = refused[++d]) refuse(next.k, next.reason, next.rawText);
      const o = out.count * INTS;
      for (let j = 0; j < STRING_FIELDS; j++) {
        const local = ints[i + j] as number;
        out.ints[o + j] = local === 0 ? 0 : (translation[local] as number);
      }
      const oi = out.ints;
      fingerprint.reset();
      for (let v = 0; v < FINGERPRINTED.length; v += 2) {
        const slot = FINGERPRINTED[v + 1] as number;
        if (FINGERPRINTED[v] === STRING) addString(fingerprint, oi[o + slot] as number);
        else addCount(fingerprint, floats[f + slot] as number);
      }
      const index = recordsBase + k;
      const day = floats[f + F_DAY] as number;
      const micro = floats[f + F_MICRO] as number;
      const seen = this.dedupe.checkKey(oi[o + I_PLAYLIST] as number, oi[o + I_VIDEO] as number, day, micro, fingerprint.value(), index);
      if (seen.kind === 'new') {
        counts.valid++;
        oi[o + I_INDEX] = index;
        out.floats.set(floats.subarray(f, f + FLOATS), out.count * FLOATS);
        out.count++;
        if (kept !== null) kept[r] = 1;
      } else if (seen.kind === 'duplicate') {
        counts.duplicates++;
      } else {
        counts.conflicts++;
        refuse(k, `conflict: same playlist_id, video_id and timestp as record ${seen.firstIndex} but other values (the first one is kept)`);
      }
    }
    for (let next = refused[d]; next !== undefined; next = refused[++d]) refuse(next.k, next.reason, next.rawText);
    if (out.count === 0 && deadLetters.length === 0) return null;
    const lines = result.copyLines;
    if (lines === undefined || kept === null) return { observations: out, deadLetters };
    const bytes = out.count === result.count ? lines.bytes : keptLines(lines.bytes, lines.ends, kept);
    return { observations: out, deadLetters, copyLines: { bytes, suffix: lines.suffix } };
  }
}

/** The lines of the kept records (`ends[r]`: where record r's line ends in `bytes`). */
function keptLines(bytes: Uint8Array, ends: Int32Array, kept: Uint8Array): Uint8Array {
  let size = 0;
  for (let r = 0; r < kept.length; r++) if (kept[r] === 1) size += (ends[r] as number) - (r === 0 ? 0 : (ends[r - 1] as number));
  const out = new Uint8Array(size);
  let at = 0;
  for (let r = 0; r < kept.length; r++) {
    if (kept[r] !== 1) continue;
    const start = r === 0 ? 0 : (ends[r - 1] as number);
    out.set(bytes.subarray(start, ends[r] as number), at);
    at += (ends[r] as number) - start;
  }
  return out;
}

const STRING = 0;
const COUNT = 1;
/**
 * The fields besides the key in declaration order, as dedupe.ts fingerprints an observation:
 * (STRING, slot in ints) or (COUNT, slot in floats) pairs.
 */
const FINGERPRINTED = Int32Array.from(
  VALUE_FIELDS.flatMap((f) => (f.kind === 'string' ? [STRING, INT_SLOT[f.name]] : f.kind === 'count' ? [COUNT, FLOAT_SLOT[f.name]] : [])),
);

function addString(fingerprint: Fingerprint, id: number): void {
  if (id === 0) fingerprint.addNull();
  else fingerprint.addString(id);
}

function addCount(fingerprint: Fingerprint, value: number): void {
  if (value === -1) fingerprint.addNull();
  else fingerprint.addCount(value);
}
