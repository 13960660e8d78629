import { MODEL_TABLES } from '../model/tables.js';
import type { LoadSummary } from './load.js';

/** The database part of the ingest summary: where, and what changed per table (+added -removed = rows). */
export function formatLoadSummary(description: string, load: LoadSummary, totals: Partial<Record<string, number>>): string {
  const o = load.observations;
  const lines = [
    `loaded into ${description} (ingest run ${load.runId}, granularity ${load.granularity})`,
    `  observations  ${o.inserted.toLocaleString('en-US')} new, ${o.alreadyPresent.toLocaleString('en-US')} already loaded, ${o.conflicts.toLocaleString('en-US')} conflicts with loaded ones`,
  ];
  if (load.granularityChangedFrom !== null) {
    lines.push(`  granularity changed from ${load.granularityChangedFrom} to ${load.granularity}: change logs of all ${load.recomputed.playlists.toLocaleString('en-US')} playlists and ${load.recomputed.mediaItems.toLocaleString('en-US')} media items recomputed`);
  }
  const rows = MODEL_TABLES.map((t) => {
    const change = load.tables[t.name];
    return [t.name, `+${change.added.toLocaleString('en-US')}`, `-${change.removed.toLocaleString('en-US')}`, (totals[t.name] ?? 0).toLocaleString('en-US')];
  });
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => (r[i] as string).length)));
  for (const r of rows) {
    lines.push(`  ${r[0]!.padEnd(widths[0]!)}  ${r[1]!.padStart(widths[1]!)}  ${r[2]!.padStart(widths[2]!)}  = ${r[3]!.padStart(widths[3]!)} rows`);
  }
  return lines.join('\n') + '\n';
}
