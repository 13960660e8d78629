/**
 * `npm run match:eval`: recall@1, recall@5 and auto-accept precision of the matcher on the
 * hand-labelled development set (test/fixtures/match-dev-set.csv), against the catalog
 * ../shared/data/cm_track.csv, and the same figures for the original pipeline's ILIKE join
 * (sql/baseline_match.sql) run on an embedded database holding the same videos and catalog.
 *
 *   npm run match:eval [-- --dev-set FILE] [--catalog FILE] [--auto-accept S] [--margin M] [--verbose]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { connect, type DbHandle } from '../src/db/connect.js';
import { autoAcceptable, DEFAULT_AUTO_ACCEPT, DEFAULT_MARGIN } from '../src/match/auto-accept.js';
import { catalogRows } from '../src/match/catalog-csv.js';
import { importCatalog } from '../src/match/catalog-import.js';
import { readDevSet, type LabelledItem } from '../src/match/dev-set.js';
import { buildIndex, matchItem } from '../src/match/matcher.js';
import { metrics, type Metrics, type Outcome } from '../src/match/metrics.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    'dev-set': { type: 'string', default: join(root, 'test/fixtures/match-dev-set.csv') },
    catalog: { type: 'string', default: join(root, '../shared/data/cm_track.csv') },
    'auto-accept': { type: 'string', default: String(DEFAULT_AUTO_ACCEPT) },
    margin: { type: 'string', default: String(DEFAULT_MARGIN) },
    verbose: { type: 'boolean', default: false },
  },
});
const threshold = Number(values['auto-accept']);
const margin = Number(values.margin);

const items: LabelledItem[] = [];
for await (const item of readDevSet(values['dev-set'])) items.push(item);

// The matcher, in memory: the same code `cm-tui match` runs per media item.
const started = performance.now();
const index = await buildIndex(catalogRows(values.catalog));
const matcher: Outcome[] = [];
for (const item of items) {
  const { candidates } = matchItem(index, item, 5);
  const accepted = autoAcceptable(candidates, threshold, margin)?.isrc ?? null;
  matcher.push({ expected: item.expected, ranked: candidates.map((c) => c.isrc), accepted });
  const wrong = accepted !== null && !item.expected.includes(accepted);
  const missed = item.expected.length > 0 && !candidates.some((c) => item.expected.includes(c.isrc));
  if (values.verbose || wrong || missed) {
    process.stdout.write(`${wrong ? 'WRONG ACCEPT' : missed ? 'MISSED (not in top 5)' : 'item'}: ${item.videoId} ${JSON.stringify(item.title)} expected ${item.expected.join(';') || 'none'}\n`);
    for (const c of candidates.slice(0, 3)) process.stdout.write(`    ${c.isrc} ${c.score.toFixed(3)} title ${c.titleScore.toFixed(3)} artist ${c.artistScore.toFixed(3)} ${c.flags.join(' ')}\n`);
  }
}
const matcherMs = performance.now() - started;

// The baseline: the original ILIKE join, on an embedded database with the catalog and the dev-set videos.
async function baseline(): Promise<Outcome[]> {
  const handle: DbHandle = await connect({ kind: 'embedded', dir: 'memory://' });
  try {
    await importCatalog(handle, values.catalog);
    const { db } = handle;
    for (const item of items) {
      const { id } = await db.insertInto('media_items').values({ source: 'YOUTUBE', source_id: item.videoId }).returning('id').executeTakeFirstOrThrow();
      let artistId: number | null = null;
      if (item.artistName !== null) {
        await db.insertInto('artists').values({ name: item.artistName }).onConflict((oc) => oc.column('name').doNothing()).execute();
        artistId = (await db.selectFrom('artists').select('id').where('name', '=', item.artistName).executeTakeFirstOrThrow()).id;
      }
      await db
        .insertInto('media_item_metadata_log')
        .values({ media_item_id: id, ingest_timestamp: '2022-01-01 00:00:00', primary_title: item.title, secondary_title: item.trackTitle, artist_id: artistId, cover_url: null })
        .execute();
    }
    const query = readFileSync(join(root, 'sql/baseline_match.sql'), 'utf8').replace(/;\s*$/, '');
    const rows = (await sql.raw<{ video_id: string; isrc: string }>(query).execute(db)).rows;
    const found = new Map<string, string[]>();
    for (const row of rows) found.set(row.video_id, [...(found.get(row.video_id) ?? []), row.isrc]);
    // The original took whatever the join returned: its first row counts as its accept.
    return items.map((item) => {
      const ranked = found.get(item.videoId) ?? [];
      return { expected: item.expected, ranked, accepted: ranked[0] ?? null };
    });
  } finally {
    await handle.close();
  }
}
const base = await baseline();

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function line(name: string, m: Metrics): string {
  return `${name.padEnd(22)} ${pct(m.recallAt1).padStart(7)} ${pct(m.recallAt5).padStart(9)} ${pct(m.precision).padStart(10)} ${`${m.acceptedCorrect}/${m.accepted}`.padStart(9)} ${pct(m.acceptRecall).padStart(12)}`;
}
const high = (outcomes: Outcome[]) => outcomes.filter((_, i) => items[i]!.confidence === 'high');
const all = metrics(matcher);
process.stdout.write(
  [
    `dev set: ${items.length} videos (${all.withMatch} with a match in the catalog, ${items.length - all.withMatch} without); catalog: ${index.size} rows`,
    `auto-accept: top score >= ${threshold} and lead over the second >= ${margin}`,
    '',
    `${''.padEnd(22)} ${'R@1'.padStart(7)} ${'R@5'.padStart(9)} ${'precision'.padStart(10)} ${'accepted'.padStart(9)} ${'accept recall'.padStart(12)}`,
    line('matcher', all),
    line('matcher (high only)', metrics(high(matcher))),
    line('baseline ILIKE', metrics(base)),
    line('baseline (high only)', metrics(high(base))),
    '',
    'R@k: share of the videos with a match whose correct ISRC is in the top k. precision: correct',
    'accepts / accepts (an accept on a video without a match is wrong). accept recall: correct',
    'accepts / videos with a match. Baseline: the rows of the ILIKE join, its first row as the accept.',
    `matcher time: ${matcherMs.toFixed(0)} ms (index ${index.size} rows + ${items.length} videos)`,
  ].join('\n') + '\n',
);
