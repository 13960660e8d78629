/**
 * `npm run match:eval`: out-of-fold figures of the confidence model on every hand-labelled video
 * (test/fixtures/match-*-set.csv) against ../shared/data/cm_track.csv. The videos are split into
 * k folds by FNV-1a of their video_id (src/match/training.ts); each fold is judged by a model
 * fitted on the other folds only, so no figure comes from a video the model was fitted on.
 * Reports recall@1/@5, auto-accept and auto no-match precision at the default settings, the
 * videos left to a person, a reliability table, and the time to score the whole sample with the
 * shipped model.
 *
 *   npm run match:eval [-- --labels a.csv,b.csv] [--catalog FILE] [--sample FILE.json] [--k 5] [--verbose]
 *
 * --verbose lists the development set's (the first label file's) videos the automatic settings
 * get wrong or leave to a person; never the other sets', which are for judging only.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { catalogRows } from '../src/match/catalog-csv.js';
import { buildIndex, matchItem, rankRecordings, recommendationFor, recordingEvidence } from '../src/match/matcher.js';
import { metrics, reliability, type Metrics, type Outcome } from '../src/match/metrics.js';
import { SHIPPED_MODEL } from '../src/match/model-weights.js';
import { acceptsAutomatically, DEFAULT_ACCEPT_CONFIDENCE, DEFAULT_NO_MATCH_CONFIDENCE, noMatchAutomatically } from '../src/match/recommendation.js';
import { parseVideo, type MediaItemText } from '../src/match/title.js';
import { fitCalibratedModel, foldOf, trainingItem } from '../src/match/training.js';
import { labelledArgs, readLabelled } from './labelled.js';

const args = labelledArgs();
const items = await readLabelled(args.labels);
const index = await buildIndex(catalogRows(args.catalog));
const evidence = items.map((item) => recordingEvidence(index, parseVideo(item)));
const folds = items.map((item) => foldOf(item.videoId, args.k));

const outcomes: Outcome[] = new Array(items.length);
const calibrations: string[] = [];
const reasons: string[] = new Array(items.length);
for (let fold = 0; fold < args.k; fold++) {
  // Nested: the calibration is fitted on out-of-fold scores within the other folds, never on this one.
  const training = items.flatMap((item, i) => (folds[i] === fold ? [] : [i]));
  const { model, calibration } = fitCalibratedModel(
    training.map((i) => trainingItem(evidence[i]!, items[i]!.expected)),
    training.map((i) => folds[i]!),
  );
  calibrations.push(`${calibration.scale.toFixed(2)}/${calibration.shift.toFixed(2)}`);
  items.forEach((item, i) => {
    if (folds[i] !== fold) return;
    const ranked = rankRecordings(model, evidence[i]!);
    const recommendation = recommendationFor(model, ranked);
    const decision = acceptsAutomatically(recommendation, DEFAULT_ACCEPT_CONFIDENCE) ? 'accept' : noMatchAutomatically(recommendation, DEFAULT_NO_MATCH_CONFIDENCE) ? 'no_match' : null;
    outcomes[i] = { expected: item.expected, ranked: ranked.map((r) => r.rows.map((row) => row.isrc)), confidence: recommendation.confidence, decision };
    reasons[i] = `${recommendation.reason}\n      ${ranked[0]?.waterfall ?? ''}`;
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const header = `${''.padEnd(24)} ${'videos'.padStart(6)} ${'R@1'.padStart(6)} ${'R@5'.padStart(6)} ${'accept prec'.padStart(16)} ${'no-match prec'.padStart(16)} ${'left to a person'.padStart(18)}`;
function row(name: string, m: Metrics): string {
  return [
    name.padEnd(24),
    String(m.items).padStart(6),
    pct(m.recallAt1).padStart(6),
    pct(m.recallAt5).padStart(6),
    `${m.acceptPrecision.toFixed(3)} ${m.acceptedCorrect}/${m.accepted}`.padStart(16),
    `${m.noMatchPrecision.toFixed(3)} ${m.noMatchedCorrect}/${m.noMatched}`.padStart(16),
    `${m.leftToPerson} (${pct(m.leftToPerson / m.items)})`.padStart(18),
  ].join(' ');
}
const pick = (keep: (i: number) => boolean) => outcomes.filter((_, i) => keep(i));
const files = [...new Set(items.map((item) => item.file))];
const all = metrics(outcomes);
const lines = [
  `labelled: ${items.length} videos (${all.withMatch} with a match in the catalog) from ${files.map((f) => basename(f)).join(', ')}; catalog: ${index.size} rows`,
  `out-of-fold: ${args.k} folds by FNV-1a(video_id) mod ${args.k}; each fold judged by a model fitted on the others`,
  `calibration (scale/shift per fold, fitted on out-of-fold scores within the other folds only): ${calibrations.join(', ')}`,
  `defaults: --auto-accept ${DEFAULT_ACCEPT_CONFIDENCE} (top recording's confidence, no caveat), --auto-no-match ${DEFAULT_NO_MATCH_CONFIDENCE} (no recording reaches it)`,
  '',
  header,
  row('all labelled', all),
  row('  high-confidence labels', metrics(pick((i) => items[i]!.confidence === 'high'))),
  ...files.map((f) => row(`  ${basename(f, '.csv')}`, metrics(pick((i) => items[i]!.file === f)))),
  '',
  'reliability (top recording\'s confidence -> share whose top recording is right):',
  `${'band'.padEnd(14)} ${'videos'.padStart(6)} ${'mean conf'.padStart(9)} ${'right'.padStart(6)} ${'gap'.padStart(6)} ${'right, 95% interval'.padStart(20)}`,
  ...reliability(outcomes).map((b) =>
    b.count === 0
      ? `${`${b.from.toFixed(2)}-${b.to.toFixed(2)}`.padEnd(14)} ${'0'.padStart(6)} ${'-'.padStart(9)} ${'-'.padStart(6)} ${'-'.padStart(6)}`
      : `${`${b.from.toFixed(2)}-${b.to.toFixed(2)}`.padEnd(14)} ${String(b.count).padStart(6)} ${b.confidence.toFixed(3).padStart(9)} ${b.right.toFixed(3).padStart(6)} ${(b.right - b.confidence).toFixed(3).padStart(6)} ${`${b.low.toFixed(2)}-${b.high.toFixed(2)}`.padStart(20)}`,
  ),
  '',
  'gap: right - mean conf. The interval (Wilson) shows how far a band of few videos may stray by chance.',
  'R@k: share of the videos with a match whose recording (any of its ISRCs) is among the top k.',
  'accept prec: accepts whose ISRC (the recording\'s representative) is labelled right / accepts.',
  'no-match prec: no-match decisions on videos labelled without a match / no-match decisions.',
];
process.stdout.write(lines.join('\n') + '\n');

if (args.verbose) {
  items.forEach((item, i) => {
    if (item.file !== files[0]) return;
    const o = outcomes[i]!;
    const wrong = (o.decision === 'accept' && !item.expected.includes(o.ranked[0]![0]!)) || (o.decision === 'no_match' && item.expected.length > 0);
    if (!wrong && o.decision !== null) return;
    process.stdout.write(`${wrong ? 'WRONG' : 'PERSON'} ${item.videoId} ${JSON.stringify(item.title)} expected ${item.expected.join(';') || 'none'}\n    ${reasons[i]}\n`);
  });
}

// Speed: the whole sample scored with the shipped model, as `cm-tui match` does.
const sample = JSON.parse(readFileSync(args.sample, 'utf8')) as { video_id: string; title: string | null; artist_name: string | null; track_title: string | null }[];
const videos = new Map<string, MediaItemText>();
for (const o of sample) if (!videos.has(o.video_id)) videos.set(o.video_id, { videoId: o.video_id, title: o.title ?? '', artistName: o.artist_name, trackTitle: o.track_title });
const started = performance.now();
const sampleIndex = await buildIndex(catalogRows(args.catalog));
const indexed = performance.now();
for (const video of videos.values()) matchItem(sampleIndex, video, 5, SHIPPED_MODEL);
const done = performance.now();
process.stdout.write(`\nscoring the sample: ${(done - started).toFixed(0)} ms (index ${sampleIndex.size} rows ${(indexed - started).toFixed(0)} ms + ${videos.size} videos ${(done - indexed).toFixed(0)} ms)\n`);
