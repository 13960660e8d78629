import type { Cell, Outcome } from './session.js';

const count = (n: number) => n.toLocaleString('en-US');

export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** One line under a result: rows, how many are shown, time. */
export function summary(outcome: Outcome): string {
  if (outcome.kind === 'error') return `error · ${duration(outcome.ms)}`;
  const time = duration(outcome.ms);
  if (outcome.columns.length === 0 && outcome.command !== 'SELECT') {
    return outcome.affected === null ? `${outcome.command} · ${time}` : `${outcome.command} ${count(outcome.affected)} · ${time}`;
  }
  const rows = outcome.more
    ? `${count(outcome.rowCount)} rows read, more as you scroll`
    : outcome.complete
      ? `${count(outcome.rowCount)} ${outcome.rowCount === 1 ? 'row' : 'rows'}`
      : `${count(outcome.rowCount)}+ rows (stopped)`;
  const shown = outcome.rows.length < outcome.rowCount ? ` · first ${count(outcome.rows.length)} shown` : '';
  return `${rows}${shown} · ${time}`;
}

/** psql-style error text: the message, the line with a caret under the position, detail, hint. */
export function errorLines(outcome: Extract<Outcome, { kind: 'error' }>): string[] {
  const lines = [`ERROR: ${outcome.message}`];
  if (outcome.position !== null && outcome.position > 0) {
    const before = outcome.sql.slice(0, outcome.position - 1);
    const lineNo = before.split('\n').length;
    const lineStart = before.lastIndexOf('\n') + 1;
    const lineText = outcome.sql.split('\n')[lineNo - 1] ?? '';
    const label = `LINE ${lineNo}: `;
    lines.push(label + lineText, ' '.repeat(label.length + outcome.position - 1 - lineStart) + '^');
  }
  if (outcome.detail) lines.push(`DETAIL: ${outcome.detail}`);
  if (outcome.hint) lines.push(`HINT: ${outcome.hint}`);
  return lines;
}

/**
 * A plain-text table for the terminal (psql's aligned format, nulls empty). Widths come from the
 * rows given, so a streaming caller sizes on the first chunk.
 */
export function alignedWidths(columns: readonly string[], rows: readonly Cell[][]): number[] {
  return columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length)));
}

export function alignedHeader(columns: readonly string[], widths: readonly number[]): string {
  const head = columns.map((c, i) => ` ${c.padEnd(widths[i]!)} `).join('|');
  const rule = widths.map((w) => '-'.repeat(w + 2)).join('+');
  return `${head.trimEnd()}\n${rule}\n`;
}

export function alignedRows(rows: readonly Cell[][], widths: readonly number[]): string {
  return rows.map((r) => r.map((cell, i) => ` ${(cell ?? '').replace(/\n/g, '↵').padEnd(widths[i]!)} `).join('|').trimEnd() + '\n').join('');
}
