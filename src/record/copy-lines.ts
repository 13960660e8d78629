import { formatDate } from '../model/buckets.js';
import type { DeadLetter } from '../model/observation.js';
import { hashInShard, playlistHash, type Shard } from '../shard.js';
import { copyField, copyTextField } from './copy-format.js';
import { F_DAY, F_MICRO, FLOAT_SLOT, FLOATS, I_PLAYLIST, INT_SLOT, INTS, type EncodedBatch, type EncodedObservations } from './encoded.js';
import { COLUMN_FIELDS, type Observation } from './fields.js';

/** What the reader hands the load per chunk: observations as objects (any reader) or numbered (the parallel reader). */
export type LoadBatch =
  | { observations: readonly Observation[]; deadLetters: readonly DeadLetter[] }
  | EncodedBatch;

export function isEncoded(observations: LoadBatch['observations']): observations is EncodedObservations {
  return !Array.isArray(observations);
}

/** COPY's CSV format, or its text format (tab-separated, `\N` for null; cheaper for the server to read). */
export type LineFormat = 'csv' | 'text';

/**
 * Observations as COPY (FORMAT csv or text) lines of OBSERVATION_COLUMNS (fields.ts) between a fixed prefix
 * and suffix, keeping only the playlists of a shard. Numbered batches are the fast case, written
 * as bytes: each string is escaped and encoded once per load and each day's date once, so a line
 * is copies of ready pieces and a few digits (encoding every line's text again cost more than
 * formatting it, measured at 1,000,000 records).
 */
export class ObservationLines {
  /** Observations formatted so far (this shard's only). */
  sent = 0;
  /** playlistHash of every playlist met in this shard. */
  readonly playlistHashes = new Set<number>();
  /** Per string number: its field as UTF-8, made on first use. */
  private readonly fields: FieldBytes;
  private readonly out = new LineBytes();
  private readonly field: (value: string | number | null) => string;
  private readonly separator: number;
  /** What a null is between separators. */
  private readonly nullField: Uint8Array;
  /** Per playlist string number: 1 in the shard, 2 not, 0 not seen yet. */
  private shardOfString = new Uint8Array(0);
  private readonly dates = new Map<number, Uint8Array>();

  constructor(
    private readonly shard: Shard | undefined,
    format: LineFormat = 'csv',
  ) {
    this.field = format === 'csv' ? copyField : copyTextField;
    this.fields = new FieldBytes(this.field);
    this.separator = format === 'csv' ? COMMA : TAB;
    this.nullField = Buffer.from(this.field(null));
  }

  /** The lines of a batch: text for objects, UTF-8 bytes for a numbered batch. */
  format(observations: LoadBatch['observations'], prefix: string, suffix: string): string | Uint8Array {
    return isEncoded(observations) ? this.formatEncoded(observations, prefix, suffix) : this.formatObjects(observations, prefix, suffix);
  }

  /**
   * A numbered batch's lines, with `ends[r]` set to where record r's line ends in them (a record
   * outside the shard ends where the one before it did): a parse thread formats them this way and
   * the reader cuts out the records its dedupe drops (parallel-reader.ts).
   */
  formatWithEnds(batch: EncodedObservations, prefix: string, suffix: string, ends: Int32Array): Uint8Array {
    return this.formatEncoded(batch, prefix, suffix, ends);
  }

  private inShard(playlistId: string): boolean {
    const hash = playlistHash(playlistId);
    if (this.shard && !hashInShard(hash, this.shard)) return false;
    this.playlistHashes.add(hash);
    return true;
  }

  private formatObjects(observations: readonly Observation[], prefix: string, suffix: string): string {
    const f = this.field;
    const s = String.fromCharCode(this.separator);
    let text = '';
    for (const o of observations) {
      if (!this.inShard(o.playlistId)) continue;
      this.sent++;
      text += prefix;
      for (let c = 0; c < COLUMN_FIELDS.length; c++) {
        const field = COLUMN_FIELDS[c] as (typeof COLUMN_FIELDS)[number];
        const value = o[field.name];
        text += (c === 0 ? '' : s) + (field.kind === 'timestamp' ? value : f(value));
      }
      text += `${suffix}\n`;
    }
    return text;
  }

  private formatEncoded(batch: EncodedObservations, prefix: string, suffix: string, ends?: Int32Array): Uint8Array {
    const { ints, floats, strings } = batch;
    const texts = strings.values;
    const fields = this.fields;
    const out = this.out.begin(batch.count * 256);
    const before = Buffer.from(prefix);
    const after = Buffer.from(`${suffix}\n`);
    const { separator, nullField } = this;
    const field = (id: number): void => {
      if (id !== 0) fields.copyTo(out, id, texts);
      else out.bytes(nullField);
    };
    for (let r = 0; r < batch.count; r++) {
      const i = r * INTS;
      const f = r * FLOATS;
      const playlist = ints[i + I_PLAYLIST] as number;
      if (!this.playlistInShard(playlist, texts)) {
        if (ends !== undefined) ends[r] = out.length;
        continue;
      }
      this.sent++;
      out.bytes(before);
      for (let c = 0; c < ENCODED_COLUMNS.length; c += 2) {
        if (c > 0) out.byte(separator);
        const index = ENCODED_COLUMNS[c + 1] as number;
        switch (ENCODED_COLUMNS[c]) {
          case STRING:
            field(ints[i + index] as number);
            break;
          case COUNT: {
            const value = floats[f + index] as number;
            if (value === -1) out.bytes(nullField);
            else out.count(value);
            break;
          }
          default:
            out.bytes(this.date(floats[f + F_DAY] as number));
            out.timeOfDay(floats[f + F_MICRO] as number);
        }
      }
      out.bytes(after);
      if (ends !== undefined) ends[r] = out.length;
    }
    return out.end();
  }

  /** `YYYY-MM-DD ` of a day number, made once per day. */
  private date(day: number): Uint8Array {
    let bytes = this.dates.get(day);
    if (bytes === undefined) {
      bytes = Buffer.from(formatDate(day));
      this.dates.set(day, bytes);
    }
    return bytes;
  }

  /** Decides (once per playlist string) whether it is in the shard, recording its hash. */
  private playlistInShard(playlist: number, texts: readonly string[]): boolean {
    if (playlist >= this.shardOfString.length) {
      const grown = new Uint8Array(Math.max(playlist + 1, this.shardOfString.length * 2, 1024));
      grown.set(this.shardOfString);
      this.shardOfString = grown;
    }
    let state = this.shardOfString[playlist] as number;
    if (state === 0) {
      state = this.inShard(texts[playlist] as string) ? 1 : 2;
      this.shardOfString[playlist] = state;
    }
    return state === 1;
  }
}

const STRING = 0;
const COUNT = 1;
const TIMESTAMP = 2;
/** OBSERVATION_COLUMNS in a numbered batch: (kind, index into the record's ints or floats) pairs. */
const ENCODED_COLUMNS = COLUMN_FIELDS.flatMap((f) => (f.kind === 'string' ? [STRING, INT_SLOT[f.name]] : f.kind === 'count' ? [COUNT, FLOAT_SLOT[f.name]] : [TIMESTAMP, 0]));

const COMMA = 0x2c;
const TAB = 0x09;
const DIGIT_0 = 0x30;

/**
 * The CSV fields of strings as UTF-8, by string number, in one growing byte arena: a parse
 * thread meets some 80,000 strings in a million records, and a Buffer each cost more heap and
 * garbage collection than the bytes themselves.
 */
class FieldBytes {
  constructor(private readonly field: (text: string) => string) {}

  private arena = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  /** Per string number: where its field starts + 1 (0: not made yet), and where it ends. */
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);

  copyTo(out: LineBytes, id: number, texts: readonly string[]): void {
    if (id >= this.starts.length) this.growIndex(Math.max(id + 1, texts.length));
    let start = (this.starts[id] as number) - 1;
    if (start < 0) start = this.make(id, texts[id] as string);
    out.range(this.arena, start, this.ends[id] as number);
  }

  private make(id: number, text: string): number {
    const field = this.field(text);
    const most = field.length * 3;
    if (this.used + most > this.arena.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.used + most));
      this.arena.copy(grown, 0, 0, this.used);
      this.arena = grown;
    }
    const start = this.used;
    this.used += this.arena.write(field, start, 'utf8');
    this.starts[id] = start + 1;
    this.ends[id] = this.used;
    return start;
  }

  private growIndex(size: number): void {
    const capacity = Math.max(size, this.starts.length * 2);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/** A growing byte buffer for one batch of lines; `end` hands it over and the next batch gets a new one. */
class LineBytes {
  private buffer = Buffer.allocUnsafe(0);
  private at = 0;

  begin(capacity: number): this {
    this.buffer = Buffer.allocUnsafe(Math.max(capacity, 4096));
    this.at = 0;
    return this;
  }

  end(): Uint8Array {
    return this.buffer.subarray(0, this.at);
  }

  get length(): number {
    return this.at;
  }

  /** Room for `n` more bytes. */
  reserve(n: number): void {
    if (this.at + n <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + n));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
  }

  bytes(bytes: Uint8Array): void {
    const n = bytes.length;
    this.reserve(n);
    const buffer = this.buffer;
    let at = this.at;
    // Most fields are short: a loop beats set()'s call overhead there.
    if (n < 24) for (let k = 0; k < n; k++) buffer[at++] = bytes[k] as number;
    else {
      buffer.set(bytes, at);
      at += n;
    }
    this.at = at;
  }

  /** bytes[start, end): a string field from FieldBytes. */
  range(bytes: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    const buffer = this.buffer;
    let at = this.at;
    if (n < 24) for (let k = start; k < end; k++) buffer[at++] = bytes[k] as number;
    else {
      buffer.set(bytes.subarray(start, end), at);
      at += n;
    }
    this.at = at;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.at++] = value;
  }

  /** A count's digits (a null is the caller's to write). */
  count(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      this.bytes(Buffer.from(String(value)));
      return;
    }
    this.reserve(16);
    const buffer = this.buffer;
    let digits = 1;
    for (let v = value; v >= 10; v = Math.floor(v / 10)) digits++;
    let at = this.at + digits;
    this.at = at;
    let v = value;
    do {
      buffer[--at] = DIGIT_0 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
  }

  /** `HH:MM:SS.ffffff` of a microsecond of the day. */
  timeOfDay(micro: number): void {
    this.reserve(15);
    const buffer = this.buffer;
    const at = this.at;
    let seconds = Math.floor(micro / 1_000_000);
    let fraction = micro - seconds * 1_000_000;
    for (let k = 14; k >= 9; k--) {
      buffer[at + k] = DIGIT_0 + (fraction % 10);
      fraction = Math.floor(fraction / 10);
    }
    buffer[at + 8] = 0x2e;
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    buffer[at] = DIGIT_0 + Math.floor(hours / 10);
    buffer[at + 1] = DIGIT_0 + (hours % 10);
    buffer[at + 2] = 0x3a;
    buffer[at + 3] = DIGIT_0 + Math.floor(minutes / 10);
    buffer[at + 4] = DIGIT_0 + (minutes % 10);
    buffer[at + 5] = 0x3a;
    buffer[at + 6] = DIGIT_0 + Math.floor(seconds / 10);
    buffer[at + 7] = DIGIT_0 + (seconds % 10);
    this.at = at + 15;
  }
}
