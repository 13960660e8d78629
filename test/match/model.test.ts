import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/match/evidence.js';
import { calibrated, contributions, fit, groupScore, probabilities, solve, type TrainingItem } from '../../src/match/model.js';
import { fitCalibratedModel, fitCalibration, fitModel, foldOf } from '../../src/match/training.js';

// One candidate per item: the model is plain logistic regression. x = 0: 1 right of 4; x = 1: 3 right of 4.
const tiny: TrainingItem[] = [
  ...[true, false, false, false].map((right) => ({ options: [[0]], correct: [right] })),
  ...[true, true, true, false].map((right) => ({ options: [[1]], correct: [right] })),
];

describe('confidence model', () => {
  it('fits logistic regression to its closed-form maximum likelihood on a tiny dataset', () => {
    const model = fit(['x'], tiny, { lambda: 1e-12 });
    // logit(1/4) = -ln 3 and logit(3/4) - logit(1/4) = 2 ln 3.
    expect(model.bias).toBeCloseTo(-Math.log(3), 6);
    expect(model.weights[0]).toBeCloseTo(2 * Math.log(3), 6);
    expect(probabilities([groupScore(model, [1])])[0]).toBeCloseTo(0.75, 6);
    expect(probabilities([groupScore(model, [0])])[0]).toBeCloseTo(0.25, 6);
  });

  it('shrinks towards the prior mean, and keeps it for a feature the data never show', () => {
    const loose = fit(['x'], tiny, { lambda: 1e-12 });
    const tight = fit(['x', 'never'], tiny.map((t) => ({ ...t, options: [[t.options[0]![0]!, 0]] })), { lambda: 4, priorMeans: [0, -3] });
    expect(tight.weights[0]!).toBeGreaterThan(0);
    expect(tight.weights[0]!).toBeLessThan(loose.weights[0]! - 0.5);
    expect(tight.weights[1]).toBeCloseTo(-3, 9);
  });

  it('shares the confidence between equal recordings and keeps the rest for "none"', () => {
    expect(probabilities([0, 0])).toEqual([1 / 3, 1 / 3]);
    expect(probabilities([])).toEqual([]);
    const [p] = probabilities([Math.log(9)]);
    expect(p).toBeCloseTo(0.9, 12);
    // Large scores do not overflow.
    expect(probabilities([1000, 1000])).toEqual([0.5, 0.5]);
  });

  it('learns from items with several recordings where one is right', () => {
    // Each item: a right recording with x = 1 and a wrong one with x = 0; half the items have no right one.
    const items: TrainingItem[] = [
      { options: [[1], [0]], correct: [true, false] },
      { options: [[1], [0]], correct: [true, false] },
      { options: [[0], [0]], correct: [false, false] },
    ];
    const model = fit(['x'], items, { lambda: 0.01 });
    expect(model.weights[0]!).toBeGreaterThan(3);
    const [right, wrong] = probabilities([groupScore(model, [1]), groupScore(model, [0])]);
    expect(right!).toBeGreaterThan(0.8);
    expect(wrong!).toBeLessThan(0.15);
  });

  it('splits a score into per-feature pushes and solves small linear systems', () => {
    expect(contributions({ features: ['a', 'b'], bias: 1, weights: [2, -3] }, [0.5, 1])).toEqual([1, -3]);
    const x = solve([[4, 1], [1, 3]], [1, 2]);
    expect(x[0]).toBeCloseTo(1 / 11, 12);
    expect(x[1]).toBeCloseTo(7 / 11, 12);
  });

  it('calibrates by scaling and shifting every score, so the model stays a model', () => {
    const model = { features: ['a', 'b'], bias: -1, weights: [2, -3] };
    const scaled = calibrated(model, { scale: 1.5, shift: -0.25 });
    expect(scaled).toEqual({ features: ['a', 'b'], bias: -1.75, weights: [3, -4.5] });
    expect(groupScore(scaled, [0.5, 1])).toBeCloseTo(1.5 * groupScore(model, [0.5, 1]) - 0.25, 12);
  });

  it('fits the calibration to scores whose true log-odds are 2 x score - 0.5', () => {
    // 200 items per score; the right ones are as many as that logistic says.
    const scored: TrainingItem[] = [];
    for (const s of [-2, -1, -0.5, 0, 0.5, 1, 2]) {
      const right = Math.round(200 / (1 + Math.exp(-(2 * s - 0.5))));
      for (let i = 0; i < 200; i++) scored.push({ options: [[s]], correct: [i < right] });
    }
    const { scale, shift } = fitCalibration(scored);
    expect(scale).toBeCloseTo(2, 1);
    expect(shift).toBeCloseTo(-0.5, 1);
  });

  it('fits the calibration on out-of-fold scores within the given items only', () => {
    // One option per item; only the first feature varies.
    const items: TrainingItem[] = Array.from({ length: 90 }, (_, i) => {
      const x = (i % 6) / 5;
      return { options: [[x, ...new Array<number>(FEATURES.length - 1).fill(0)]], correct: [i % 6 >= 3 ? i % 5 !== 0 : i % 7 === 0] };
    });
    const folds = items.map((_, i) => i % 3);
    const { model, base, calibration } = fitCalibratedModel(items, folds);
    // Each item scored by a model that never saw its fold.
    const outOfFold = items.map((item, i) => {
      const inner = fitModel(items.filter((_, j) => folds[j] !== folds[i]));
      return { options: item.options.map((x) => [groupScore(inner, x)]), correct: item.correct };
    });
    const expected = fitCalibration(outOfFold);
    expect(calibration.scale).toBeCloseTo(expected.scale, 9);
    expect(calibration.shift).toBeCloseTo(expected.shift, 9);
    expect(base).toEqual(fitModel(items));
    expect(model).toEqual(calibrated(base, calibration));
  });

  it('assigns folds by FNV-1a of the video id, the same on every run', () => {
    // FNV-1a("a") = 0xe40c292c = 3826002220.
    expect(foldOf('a', 5)).toBe(3826002220 % 5);
    expect(foldOf('0KSOMA3QBU0', 5)).toBe(foldOf('0KSOMA3QBU0', 5));
    expect(new Set(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((id) => foldOf(id, 5))).size).toBeGreaterThan(2);
  });
});
