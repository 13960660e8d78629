/**
 * `npm run match:fit`: fits the confidence model on every hand-labelled video
 * (test/fixtures/match-*-set.csv) against ../shared/data/cm_track.csv and writes the weights to
 * src/match/model-weights.ts. The only way those weights are made. The calibration is fitted on
 * out-of-fold scores over the same k folds as match:eval.
 *
 *   npm run match:fit [-- --labels a.csv,b.csv] [--catalog FILE] [--k 5]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogRows } from '../src/match/catalog-csv.js';
import { buildIndex, recordingEvidence } from '../src/match/matcher.js';
import { fitCalibratedModel, foldOf, PRIOR_MEANS, RIDGE, trainingItem } from '../src/match/training.js';
import { parseVideo } from '../src/match/title.js';
import { labelledArgs, readLabelled, root } from './labelled.js';

const { labels, catalog, k } = labelledArgs();
const items = await readLabelled(labels);
const index = await buildIndex(catalogRows(catalog));
const { base: model, calibration } = fitCalibratedModel(
  items.map((item) => trainingItem(recordingEvidence(index, parseVideo(item)), item.expected)),
  items.map((item) => foldOf(item.videoId, k)),
);
const out = join(root, 'src/match/model-weights.ts');
const weights = model.features.map((f, i) => `    ${f}: ${model.weights[i]!.toFixed(6)},`).join('\n');
writeFileSync(
  out,
  `// Written by \`npm run match:fit\` (bench/match-fit.ts) from ${items.length} labelled videos; do not edit by hand.
import { FEATURES } from './evidence.js';
import { calibrated, type Model } from './model.js';

const fitted = {
  bias: ${model.bias.toFixed(6)},
  ridge: ${RIDGE},
  priorMeans: ${JSON.stringify(PRIOR_MEANS)},
  weights: {
${weights}
  },
  // Platt scaling fitted on ${k}-fold out-of-fold scores of the same videos.
  calibration: { scale: ${calibration.scale.toFixed(6)}, shift: ${calibration.shift.toFixed(6)} },
} as const;

export const SHIPPED_MODEL: Model = calibrated({ features: FEATURES, bias: fitted.bias, weights: FEATURES.map((f) => fitted.weights[f]) }, fitted.calibration);
`,
);
process.stdout.write(`fitted on ${items.length} labelled videos; wrote ${out}\n`);
for (const [i, f] of model.features.entries()) process.stdout.write(`  ${f.padEnd(20)} ${model.weights[i]!.toFixed(3)}\n`);
process.stdout.write(`  ${'bias'.padEnd(20)} ${model.bias.toFixed(3)}\n`);
process.stdout.write(`calibration: score x ${calibration.scale.toFixed(3)} ${calibration.shift < 0 ? '-' : '+'} ${Math.abs(calibration.shift).toFixed(3)}\n`);
