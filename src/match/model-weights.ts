// Written by `npm run match:fit` (bench/match-fit.ts) from 175 labelled videos; do not edit by hand.
import { FEATURES } from './evidence.js';
import type { Model } from './model.js';

const fitted = {
  bias: -8.232375,
  ridge: 0.25,
  priorMeans: {"featured_only":-4,"non_recording":-4,"version_row":-3,"version_video":-3,"qualifier_row":-3,"credit_row":-2,"credit_video":-1,"registrant_alone":-1,"registrant_versions":-2},
  weights: {
    title: 3.752124,
    title_exact: 3.250589,
    artist: 3.063220,
    artist_exact: 2.222802,
    artist_in_text: -0.014382,
    artist_unknown: 1.778511,
    featured_only: -4.000185,
    version_row: -4.172118,
    version_video: -3.907902,
    edit_row: 0.083881,
    qualifier_row: -3.066814,
    non_recording: -4.000000,
    credit_row: -2.197340,
    credit_video: -1.211441,
    registrant_shared: -0.043734,
    registrant_alone: -0.956266,
    registrant_versions: -1.039304,
    duplicates: -0.219616,
  },
} as const;

export const SHIPPED_MODEL: Model = { features: FEATURES, bias: fitted.bias, weights: FEATURES.map((f) => fitted.weights[f]) };
