import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readDevSet, type LabelledItem } from '../src/match/dev-set.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The hand-labelled sets, development set first; the holdout set once it is labelled. */
export const LABEL_FILES = ['test/fixtures/match-dev-set.csv', 'test/fixtures/match-holdout-set.csv'].map((f) => join(root, f)).filter((f) => existsSync(f));

/** Arguments of match:fit and match:eval: the label files, the catalog, and for the evaluation k and --verbose. */
export function labelledArgs() {
  const { values } = parseArgs({
    options: {
      labels: { type: 'string', default: LABEL_FILES.join(',') },
      catalog: { type: 'string', default: join(root, '../shared/data/cm_track.csv') },
      sample: { type: 'string', default: join(root, '../shared/data/youtube_playlist.json') },
      k: { type: 'string', default: '5' },
      verbose: { type: 'boolean', default: false },
    },
  });
  return { ...values, labels: values.labels.split(',').filter((f) => f !== ''), k: Number(values.k) };
}

/** Every labelled video of the files, each with the file it came from. */
export async function readLabelled(files: readonly string[]): Promise<(LabelledItem & { file: string })[]> {
  const items: (LabelledItem & { file: string })[] = [];
  for (const file of files) for await (const item of readDevSet(file)) items.push({ ...item, file });
  return items;
}
