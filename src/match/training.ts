import { FEATURES, type Feature } from './evidence.js';
import type { RecordingEvidence } from './matcher.js';
import { calibrated, fit, groupScore, type Calibration, type Model, type TrainingItem } from './model.js';

/**
 * Ridge penalty of the shipped fit (prior standard deviation 2 in log-odds): keeps weights finite
 * where a feature separates the labels perfectly.
 */
export const RIDGE = 0.25;

/**
 * The prior's means, set before fitting from what each piece of evidence means (log-odds; e^-3
 * is about 1 in 20): evidence of another song or version counts against until the labels say
 * how much. A feature the labelled videos rarely show (a row whose artist is only the video's
 * featured one, a making-of video) keeps about its prior; one they show often is fitted.
 */
export const PRIOR_MEANS: Partial<Record<Feature, number>> = {
  featured_only: -4,
  non_recording: -4,
  version_row: -3,
  version_video: -3,
  qualifier_row: -3,
  credit_row: -2,
  credit_video: -1,
  registrant_alone: -1,
  registrant_versions: -2,
};

/** A labelled media item's recordings as fitting data: a recording is right when any of its ISRCs is expected. */
export function trainingItem(recordings: readonly RecordingEvidence[], expected: readonly string[]): TrainingItem {
  return {
    options: recordings.map((r) => r.evidence.values),
    correct: recordings.map((r) => r.rows.some((row) => expected.includes(row.isrc))),
  };
}

export function fitModel(items: readonly TrainingItem[]): Model {
  return fit(FEATURES, items, { lambda: RIDGE, priorMeans: FEATURES.map((f) => PRIOR_MEANS[f] ?? 0) });
}

/** Prior on the scale: centred on 1 (no change), standard deviation 1. */
const CALIBRATION_RIDGE = 1;

/** Fits the scale and shift by maximum likelihood on out-of-fold scores (one score list per labelled item). */
export function fitCalibration(scored: readonly TrainingItem[]): Calibration {
  const m = fit(['score'], scored, { lambda: CALIBRATION_RIDGE, priorMeans: [1] });
  return { scale: m.weights[0]!, shift: m.bias };
}

/**
 * Fits the model on all `items` and its calibration on out-of-fold scores within them: for each
 * fold of `folds` (one per item), a model fitted on the other folds scores that fold's items.
 * Nothing about an item outside `items` is used, so an evaluation can call this on its training
 * folds only (nested cross-validation).
 */
export function fitCalibratedModel(items: readonly TrainingItem[], folds: readonly number[]): { model: Model; base: Model; calibration: Calibration } {
  const scored: TrainingItem[] = [];
  for (const fold of new Set(folds)) {
    const inner = fitModel(items.filter((_, i) => folds[i] !== fold));
    items.forEach((item, i) => {
      if (folds[i] === fold) scored.push({ options: item.options.map((x) => [groupScore(inner, x)]), correct: item.correct });
    });
  }
  const calibration = fitCalibration(scored);
  const base = fitModel(items);
  return { model: calibrated(base, calibration), base, calibration };
}

/**
 * The evaluation fold of a video: FNV-1a (32-bit) of its video_id modulo k. Fixed by the id
 * alone, so every run and every machine splits the labelled videos the same way.
 */
export function foldOf(videoId: string, k: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < videoId.length; i++) {
    hash ^= videoId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % k;
}
