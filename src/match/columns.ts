/** A typed array twice as long with the same start: the columns of a catalog still streaming in. */
export function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Strings appended one by one and read back by number, held as UTF-8 in one buffer: a million
 * catalog titles as a million string objects cost about twice the memory and slow every full
 * garbage collection, and only a few of them are ever read back.
 */
export class StringColumn {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private ends = new Int32Array(1024);
  private count = 0;

  push(text: string): void {
    const need = this.used + Buffer.byteLength(text, 'utf8');
    if (need > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.bytes.length * 2));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    if (this.count === this.ends.length) this.ends = grown(this.ends);
    this.ends[this.count++] = this.used;
  }

  get(i: number): string {
    return this.bytes.toString('utf8', i === 0 ? 0 : this.ends[i - 1]!, this.ends[i]!);
  }

  /** Drops the spare room once every string is in. */
  trim(): void {
    this.bytes = Buffer.from(this.bytes.subarray(0, this.used));
    this.ends = this.ends.slice(0, this.count);
  }
}
