import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Cell, ExplorerSession, Outcome } from './session.js';
import { isStreamable } from './statement.js';

export interface ExportSummary {
  file: string;
  rows: number;
  /** How the rows were obtained: the held rows were the whole result, or the query ran again streaming. */
  source: 'held rows' | 're-run' | 'held rows only';
}

/**
 * Writes the last result as CSV (header, nulls as empty fields). When the held rows are not the
 * whole result a plain query is run again and streamed to the file; a command that changed data
 * is never re-run, its held rows are written and the summary says so. The file appears only
 * when complete.
 */
export async function exportResult(session: ExplorerSession, outcome: Extract<Outcome, { kind: 'rows' }>, file: string): Promise<ExportSummary> {
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const whole = outcome.complete && outcome.rows.length === outcome.rowCount;
  const rerun = !whole && isStreamable(outcome.sql);
  try {
    let rows = 0;
    if (rerun) {
      let header = false;
      rows = await session.forEachChunk(outcome.sql, async (columns: string[], chunk: Cell[][]) => {
        if (!header) await write(stringify([columns]));
        header = true;
        await write(stringify(chunk));
      });
      if (!header) await write(stringify([outcome.columns]));
    } else {
      await write(stringify([outcome.columns]));
      if (outcome.rows.length > 0) await write(stringify(outcome.rows));
      rows = outcome.rows.length;
    }
    out.end();
    await once(out, 'finish');
    await rename(partial, file);
    return { file, rows, source: rerun ? 're-run' : whole ? 'held rows' : 'held rows only' };
  } catch (error) {
    out.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}
