// Written by `npm run match:fit` (bench/match-fit.ts) from 175 labelled videos; do not edit by hand.
import { FEATURES } from './evidence.js';
import type { Model } from './model.js';

const fitted = {
  bias: -4.946522,
  ridge: 0.25,
  priorMeans: {"featured_only":-4,"non_recording":-4,"version_row":-3,"version_video":-3,"qualifier_row":-3,"credit_row":-2,"credit_video":-1,"registrant_alone":-1,"registrant_versions":-2},
  weights: {
    title: 2.939540,
    title_exact: 2.687831,
    title_missing: -2.706322,
    artist: 2.006302,
    artist_exact: 1.630354,
    artist_in_text: -0.010131,
    artist_unknown: 0.811189,
    artist_other: -2.417561,
    featured_only: -4.000248,
    version_row: -4.271255,
    version_video: -3.967557,
    edit_row: 0.075317,
    qualifier_row: -3.050844,
    non_recording: -4.000000,
    credit_row: -2.130205,
    credit_video: -1.301277,
    registrant_shared: -0.037486,
    registrant_alone: -0.962514,
    registrant_versions: -1.149761,
    duplicates: -0.207872,
  },
} as const;

export const SHIPPED_MODEL: Model = { features: FEATURES, bias: fitted.bias, weights: FEATURES.map((f) => fitted.weights[f]) };
