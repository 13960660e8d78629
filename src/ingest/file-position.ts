import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/**
 * `byte N (line L, column C)` for an offset in a file. Used on the error path only, so the
 * scanner does not pay for line counting on every byte. Columns count characters, not bytes.
 * A pipe cannot be read twice: then only the byte offset is given.
 */
export async function describeOffset(file: string, offset: number): Promise<string> {
  let line = 1;
  let column = 1;
  try {
    if (!(await stat(file)).isFile()) return `byte ${offset}`;
    if (offset > 0) {
      for await (const chunk of createReadStream(file, { start: 0, end: offset - 1 }) as AsyncIterable<Buffer>) {
        for (let i = 0; i < chunk.length; i++) {
          const c = chunk[i] as number;
          if (c === 0x0a) {
            line++;
            column = 1;
          } else if ((c & 0xc0) !== 0x80) column++; // UTF-8 continuation bytes do not start a character
        }
      }
    }
  } catch {
    return `byte ${offset}`;
  }
  return `byte ${offset} (line ${line}, column ${column})`;
}
