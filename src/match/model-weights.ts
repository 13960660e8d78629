// Written by `npm run match:fit` (bench/match-fit.ts) from 175 labelled videos; do not edit by hand.
import { FEATURES } from './evidence.js';
import type { Model } from './model.js';

const fitted = {
  bias: -6.705034,
  ridge: 1,
  weights: {
    title: 2.219187,
    title_exact: 2.703136,
    artist: 2.149662,
    artist_exact: 1.917946,
    artist_in_text: -0.017544,
    artist_unknown: 0.620629,
    featured_only: -0.014134,
    version_row: -1.948735,
    version_video: -0.864669,
    edit_row: 0.023363,
    qualifier_row: -0.436908,
    non_recording: 0.000000,
    credit_row: -0.333959,
    credit_video: -0.737355,
    registrant_shared: 0.232487,
    registrant_alone: -0.232487,
    registrant_versions: 0.014316,
    duplicates: -0.115597,
  },
} as const;

export const SHIPPED_MODEL: Model = { features: FEATURES, bias: fitted.bias, weights: FEATURES.map((f) => fitted.weights[f]) };
