import { FEATURES, type Feature } from './evidence.js';
import type { RecordingEvidence } from './matcher.js';
import { fit, type Model, type TrainingItem } from './model.js';

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
