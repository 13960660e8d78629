import type { CatalogEntry } from './catalog-index.js';
import type { RegistrantEvidence } from './registrants.js';
import type { ScoredCandidate } from './score.js';

/** Rows that are one recording: same folded title, artist credit, featured credits, version flags and qualifiers. */
export interface RecordingRows {
  /** Representative first, then the others by ISRC. */
  rows: ScoredCandidate[];
  /** The representative's registrant evidence. */
  registrant: RegistrantEvidence;
}

function recordingKey(entry: CatalogEntry): string {
  const sorted = (list: readonly string[]) => [...list].sort().join('\u0001');
  return [entry.title, entry.artists[0] ?? '', sorted(entry.featured), sorted(entry.flags), sorted(entry.qualifiers)].join('\u0000');
}

/**
 * Groups scored rows into recordings (a single and its album release are two ISRCs of one
 * recording). The representative is the row whose registrant the artist's other rows share most,
 * then the lowest ISRC: the artist's usual label issued it.
 */
export function groupRecordings(scored: readonly ScoredCandidate[], registrantOf: (entry: CatalogEntry) => RegistrantEvidence): RecordingRows[] {
  const byKey = new Map<string, { row: ScoredCandidate; registrant: RegistrantEvidence }[]>();
  for (const row of scored) {
    const key = recordingKey(row.entry);
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ row, registrant: registrantOf(row.entry) });
  }
  return [...byKey.values()].map((members) => {
    members.sort((a, b) => b.registrant.sharedWithArtist - a.registrant.sharedWithArtist || (a.row.isrc < b.row.isrc ? -1 : a.row.isrc > b.row.isrc ? 1 : 0));
    const [first, ...others] = members;
    others.sort((a, b) => (a.row.isrc < b.row.isrc ? -1 : 1));
    return { rows: [first!.row, ...others.map((m) => m.row)], registrant: first!.registrant };
  });
}
