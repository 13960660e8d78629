import { MODEL_TABLES } from '../model/tables.js';
import type { IngestSummary } from './pipeline.js';

/** The human summary `cm-tui ingest` prints: counts aligned in one column. */
export function formatSummary(summary: IngestSummary): string {
  const lines: [string, number][] = [
    ['records read', summary.recordsRead],
    ['valid', summary.valid],
    ['duplicates', summary.duplicates],
    ['dead letters', summary.deadLetters],
  ];
  if (summary.conflicts > 0) lines.push(['  of which conflicts', summary.conflicts]);
  for (const table of MODEL_TABLES) {
    const rows = summary.tables[table.name];
    if (rows !== undefined) lines.push([table.name, rows]);
  }
  const width = Math.max(...lines.map(([label]) => label.length));
  const numbers = lines.map(([, n]) => n.toLocaleString('en-US'));
  const numberWidth = Math.max(...numbers.map((n) => n.length));
  const body = lines.map(([label], i) => `  ${label.padEnd(width)}  ${(numbers[i] as string).padStart(numberWidth)}`);
  const format = summary.format === null ? '' : ` (${summary.format === 'array' ? 'JSON array' : 'NDJSON'})`;
  return [`${summary.file}${format}`, ...body, `  elapsed  ${(summary.elapsedMs / 1000).toFixed(2)} s`].join('\n') + '\n';
}
