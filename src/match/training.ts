import { FEATURES } from './evidence.js';
import type { RecordingEvidence } from './matcher.js';
import { fit, type Model, type TrainingItem } from './model.js';

/** Ridge penalty of the shipped fit: keeps weights finite where a feature separates the labels perfectly. */
export const RIDGE = 0.1;

/** A labelled media item's recordings as fitting data: a recording is right when any of its ISRCs is expected. */
export function trainingItem(recordings: readonly RecordingEvidence[], expected: readonly string[]): TrainingItem {
  return {
    options: recordings.map((r) => r.evidence.values),
    correct: recordings.map((r) => r.rows.some((row) => expected.includes(row.isrc))),
  };
}

export function fitModel(items: readonly TrainingItem[]): Model {
  return fit(FEATURES, items, { lambda: RIDGE });
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
