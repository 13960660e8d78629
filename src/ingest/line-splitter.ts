/** One line of an NDJSON file, without its line break. */
export interface Line {
  text: string;
  /** 1-based line number. */
  number: number;
  /** Byte offset of the line's first byte. */
  offset: number;
}

/** Cuts chunks into lines; a line split across chunks is joined before decoding (UTF-8 safe). */
export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingOffset: number;
  private offset: number;
  private lineNumber = 1;

  constructor(startOffset = 0) {
    this.offset = startOffset;
    this.pendingOffset = startOffset;
  }

  push(chunk: Buffer): Line[] {
    const base = this.offset;
    this.offset += chunk.length;
    const lines: Line[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      if (this.pending.length > 0) {
        this.pending.push(chunk.subarray(0, nl));
        lines.push(this.line(Buffer.concat(this.pending), this.pendingOffset));
        this.pending = [];
      } else {
        lines.push(this.line(chunk.subarray(start, nl), base + start));
      }
      start = nl + 1;
    }
    if (start < chunk.length) {
      if (this.pending.length === 0) this.pendingOffset = base + start;
      this.pending.push(chunk.subarray(start));
    }
    return lines;
  }

  /** The last line when the file does not end with a line break. */
  end(): Line[] {
    if (this.pending.length === 0) return [];
    const last = this.line(Buffer.concat(this.pending), this.pendingOffset);
    this.pending = [];
    return [last];
  }

  private line(bytes: Buffer, offset: number): Line {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    return { text: bytes.toString('utf8', 0, end), number: this.lineNumber++, offset };
  }
}
