import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { makeFolder } from '../folders.js';
import { dataDir } from '../paths.js';

export const HISTORY_CAP = 1000;

export function defaultHistoryFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'history');
}

/**
 * The explorer's statement history, one JSON string per line (statements may span lines), kept
 * across runs. Appends as it goes; rewrites the file only when it grows past the cap.
 */
export class History {
  readonly entries: string[];

  private constructor(
    readonly file: string,
    entries: string[],
    readonly cap: number,
  ) {
    this.entries = entries;
  }

  static load(file = defaultHistoryFile(), cap = HISTORY_CAP): History {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // No history yet.
    }
    const entries: string[] = [];
    for (const line of text.split('\n')) {
      if (line === '') continue;
      try {
        const entry: unknown = JSON.parse(line);
        if (typeof entry === 'string' && entry !== entries.at(-1)) entries.push(entry);
      } catch {
        // A line cut short by a crash: skip it.
      }
    }
    return new History(file, entries.slice(-cap), cap);
  }

  add(entry: string): void {
    const text = entry.trim();
    if (text === '' || text === this.entries.at(-1)) return;
    this.entries.push(text);
    makeFolder(dirname(this.file));
    if (this.entries.length > this.cap) {
      this.entries.splice(0, this.entries.length - this.cap);
      writeFileSync(this.file, this.entries.map((e) => JSON.stringify(e) + '\n').join(''));
    } else {
      appendFileSync(this.file, JSON.stringify(text) + '\n');
    }
  }
}
