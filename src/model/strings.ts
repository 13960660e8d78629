/**
 * Strings numbered 1, 2, ... in first-seen order; 0 stands for null. The normaliser and the
 * parallel reader work on these numbers, so per-record work compares and hashes small integers
 * instead of strings, and a string is hashed once per thread that meets it.
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  private readonly latin1Ids = new Map<string, number>();
  /** values[id] is the string numbered id; values[0] is unused (null). */
  readonly values: string[] = [''];

  idOf(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(text, id);
      this.values.push(text);
    }
    return id;
  }

  /**
   * The number of a string known by its Latin-1 reading `key` (one character per UTF-8 byte):
   * looked up among such keys (never confused with a text), stored as `decode(key)` when new.
   * Two keys may decode to one text (bytes that are not UTF-8 become U+FFFD), and a text may also
   * be numbered by idOf: then it has two numbers, which readers map to one.
   */
  idOfDecoded(key: string, decode: (key: string) => string): number {
    let id = this.latin1Ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.latin1Ids.set(key, id);
      this.values.push(decode(key));
    }
    return id;
  }

  /**
   * Strings numbered elsewhere in this table's sequence (the native region scanner): they take
   * the next numbers, unindexed, so idOf may number one of them again (readers map both to one).
   */
  append(texts: readonly string[]): void {
    for (const text of texts) this.values.push(text);
  }

  /** 0 for null. */
  idOfNullable(text: string | null): number {
    return text === null ? 0 : this.idOf(text);
  }

  get size(): number {
    return this.values.length - 1;
  }

  /** The string numbered id, or null for 0. */
  text(id: number): string | null {
    return id === 0 ? null : (this.values[id] as string);
  }
}
