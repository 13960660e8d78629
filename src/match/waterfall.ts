import { FEATURES, type Evidence, type Feature } from './evidence.js';
import { contributions, type Model } from './model.js';

/** How a feature reads in words, given its value and note. */
const LABELS: Record<Feature, (value: number, note: string | null) => string> = {
  title: (v) => `title ${v.toFixed(2)}`,
  title_exact: () => 'same title',
  title_missing: (_, n) => `row title words not in the video: ${n}`,
  artist: (v) => `artist ${v.toFixed(2)}`,
  artist_exact: () => 'same artist',
  artist_in_text: () => 'artist only elsewhere in the video text',
  artist_unknown: () => 'video names no artist',
  artist_other: (_, n) => `video names another artist (${n})`,
  featured_only: (_, n) => `row's artist ${n} is only featured on the video`,
  version_row: (_, n) => `row is ${n}, video not`,
  version_video: (_, n) => `video is ${n}, row not`,
  edit_row: (_, n) => `row is an ${n}, video not`,
  qualifier_row: (_, n) => `qualifier '${n}' on row`,
  non_recording: (_, n) => `video is a ${n}`,
  credit_row: (_, n) => `row credits ${n}, video not`,
  credit_video: (_, n) => `video credits ${n}, row not`,
  registrant_shared: () => "registrant of the artist's other rows",
  registrant_alone: () => "registrant none of the artist's other rows use",
  registrant_versions: (v) => `registrant's rows ${Math.round(v * 100)}% other versions`,
  duplicates: (_, n) => `${n} ISRCs of this recording`,
};

export interface Step {
  label: string;
  /** Push on the score (log-odds against "none"). */
  change: number;
}

/** The evidence that moved the score, largest push first (Splink's waterfall, in words). */
export function waterfallSteps(model: Model, evidence: Evidence): Step[] {
  const pushes = contributions(model, evidence.values);
  const steps: Step[] = [];
  FEATURES.forEach((feature, i) => {
    const change = pushes[i]!;
    if (evidence.values[i] === 0 || Math.abs(change) < 0.05) return;
    steps.push({ label: LABELS[feature](evidence.values[i]!, evidence.notes[i] ?? null), change });
  });
  return steps.sort((a, b) => Math.abs(b.change) - Math.abs(a.change));
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;

/** "start -4.1; title 0.97 +2.1; qualifier 'spotify sessions' on row -3.4; ... = 1.2 -> 0.71": stored with each candidate. */
export function waterfallText(model: Model, evidence: Evidence, score: number, confidence: number, recordings: number): string {
  const steps = waterfallSteps(model, evidence).map((s) => `${s.label} ${signed(s.change)}`);
  const among = recordings > 1 ? ` among ${recordings} recordings` : '';
  return [`start ${signed(model.bias)}`, ...steps, `= ${signed(score)} -> ${confidence.toFixed(2)}${among}`].join('; ');
}

/** The strongest push against, in words, when it is a real one. */
export function strongestAgainst(model: Model, evidence: Evidence): string | null {
  const worst = waterfallSteps(model, evidence).filter((s) => s.change <= -1)[0];
  return worst ? worst.label : null;
}
