// Written by `npm run match:fit` (bench/match-fit.ts) from 524 labelled videos; do not edit by hand.
import { FEATURES } from './evidence.js';
import { calibrated, type Model } from './model.js';

const fitted = {
  bias: -6.942026,
  ridge: 0.25,
  priorMeans: {"featured_only":-4,"non_recording":-4,"version_row":-3,"version_video":-3,"qualifier_row":-3,"credit_row":-2,"credit_video":-1,"registrant_alone":-1,"registrant_versions":-2},
  weights: {
    title: 3.914993,
    title_exact: 2.776363,
    title_missing: -3.116473,
    artist: 2.623686,
    artist_exact: 1.877363,
    artist_in_text: -0.002494,
    artist_unknown: 0.874043,
    artist_other: -2.400797,
    featured_only: -4.323930,
    version_row: -5.999022,
    version_video: -4.955067,
    edit_row: -1.971397,
    qualifier_row: -3.749871,
    non_recording: -4.000000,
    credit_row: -2.559598,
    credit_video: -1.978386,
    registrant_shared: 0.526935,
    registrant_alone: -1.526935,
    registrant_versions: -2.012627,
    duplicates: 0.872325,
  },
  // Platt scaling fitted on 5-fold out-of-fold scores of the same videos.
  calibration: { scale: 1.279699, shift: -0.098559 },
} as const;

export const SHIPPED_MODEL: Model = calibrated({ features: FEATURES, bias: fitted.bias, weights: FEATURES.map((f) => fitted.weights[f]) }, fitted.calibration);
