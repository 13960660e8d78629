/**
 * The confidence model: each recording group g of a media item gets a score s_g = bias + w·x_g
 * from its evidence x_g, and the item's options are its groups plus "none of them", whose score
 * is 0. P(g) = exp(s_g) / (1 + sum_h exp(s_h)): a multinomial logistic (conditional logit) model
 * with a no-match option, so two equally good recordings share the confidence and an item with
 * one candidate is plain logistic regression. Fitted by maximum likelihood with a Gaussian prior
 * on the weights (ridge; Newton steps with a line search); no dependency.
 */

export interface Model {
  features: readonly string[];
  bias: number;
  weights: readonly number[];
}

/** One labelled media item for fitting: its groups' evidence and which groups are right (none: the item has no match among them). */
export interface TrainingItem {
  options: readonly (readonly number[])[];
  correct: readonly boolean[];
}

export function groupScore(model: Model, values: readonly number[]): number {
  let s = model.bias;
  for (let i = 0; i < values.length; i++) s += model.weights[i]! * values[i]!;
  return s;
}

/**
 * A map from a fitted model's scores to calibrated ones, scale x score + shift (Platt scaling of
 * the conditional logit, applied to every option's score, so "none" keeps its 0). The ridge
 * prior shrinks the weights and leaves the confidence too timid; the map is fitted on scores the
 * model made for videos it was not fitted on (src/match/training.ts), so it corrects that
 * without reusing the fit's own labels.
 */
export interface Calibration {
  scale: number;
  shift: number;
}

/** The calibrated model: scale x (bias + w.x) + shift is still bias' + w'.x, so the waterfall stays exact. */
export function calibrated(model: Model, calibration: Calibration): Model {
  return { features: model.features, bias: calibration.scale * model.bias + calibration.shift, weights: model.weights.map((w) => calibration.scale * w) };
}

/** P(each group is the media item's recording), from the groups' scores; the rest is P(none). */
export function probabilities(scores: readonly number[]): number[] {
  const top = Math.max(0, ...scores);
  const e = scores.map((s) => Math.exp(s - top));
  const total = Math.exp(-top) + e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

/** Each feature's push on a group's score (weight x value), in the model's feature order. */
export function contributions(model: Model, values: readonly number[]): number[] {
  return values.map((v, i) => model.weights[i]! * v);
}

export interface FitOptions {
  /** Ridge penalty on the weights (not the bias): a Gaussian prior of variance 1/lambda. */
  lambda?: number;
  /** The prior's means, per feature (default 0): where a weight stays when the data say nothing about it. */
  priorMeans?: readonly number[];
  maxIterations?: number;
}

/** Maximum a-posteriori fit (likelihood times a Gaussian prior on the weights); deterministic. */
export function fit(features: readonly string[], items: readonly TrainingItem[], options: FitOptions = {}): Model {
  const lambda = options.lambda ?? 1;
  const d = features.length + 1;
  const prior = [0, ...features.map((_, i) => options.priorMeans?.[i] ?? 0)];
  let theta = [...prior];
  const objective = (t: number[]) => {
    let loss = 0;
    for (const item of items) loss -= itemLogLikelihood(t, item);
    for (let j = 1; j < d; j++) loss += 0.5 * lambda * (t[j]! - prior[j]!) ** 2;
    return loss;
  };
  let current = objective(theta);
  for (let iteration = 0; iteration < (options.maxIterations ?? 100); iteration++) {
    const gradient = new Array<number>(d).fill(0);
    const hessian = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const item of items) accumulate(theta, item, gradient, hessian);
    for (let j = 1; j < d; j++) {
      gradient[j]! += lambda * (theta[j]! - prior[j]!);
      hessian[j]![j]! += lambda;
    }
    for (let j = 0; j < d; j++) hessian[j]![j]! += 1e-9;
    const step = solve(hessian, gradient);
    let scale = 1;
    let next = theta;
    let value = current;
    for (; scale > 1e-6; scale /= 2) {
      next = theta.map((t, j) => t - scale * step[j]!);
      value = objective(next);
      if (value <= current) break;
    }
    const moved = Math.max(...step.map((s) => Math.abs(s * scale)));
    theta = next;
    const improved = current - value;
    current = value;
    if (moved < 1e-10 || improved < 1e-12) break;
  }
  return { features: [...features], bias: theta[0]!, weights: theta.slice(1) };
}

function optionScores(theta: readonly number[], item: TrainingItem): number[] {
  return item.options.map((x) => {
    let s = theta[0]!;
    for (let i = 0; i < x.length; i++) s += theta[i + 1]! * x[i]!;
    return s;
  });
}

function itemLogLikelihood(theta: readonly number[], item: TrainingItem): number {
  const scores = optionScores(theta, item);
  const top = Math.max(0, ...scores);
  const logZ = top + Math.log(Math.exp(-top) + scores.reduce((a, s) => a + Math.exp(s - top), 0));
  const right = scores.filter((_, g) => item.correct[g]);
  if (right.length === 0) return -logZ;
  const best = Math.max(...right);
  return best + Math.log(right.reduce((a, s) => a + Math.exp(s - best), 0)) - logZ;
}

/**
 * Adds the item's gradient of the negative log-likelihood and its Fisher information (the
 * covariance of the options' features under the model, a positive semi-definite Hessian; exact
 * when at most one option is right).
 */
function accumulate(theta: readonly number[], item: TrainingItem, gradient: number[], hessian: number[][]): void {
  const d = theta.length;
  const scores = optionScores(theta, item);
  const p = probabilities(scores);
  const z = (g: number) => [1, ...item.options[g]!];
  const mean = new Array<number>(d).fill(0);
  for (let g = 0; g < scores.length; g++) {
    const zg = z(g);
    for (let j = 0; j < d; j++) mean[j]! += p[g]! * zg[j]!;
    for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) hessian[j]![k]! += p[g]! * zg[j]! * zg[k]!;
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) hessian[j]![k]! -= mean[j]! * mean[k]!;
  for (let j = 0; j < d; j++) gradient[j]! += mean[j]!;
  const right = scores.map((_, g) => g).filter((g) => item.correct[g]);
  if (right.length === 0) return;
  const q = probabilities(right.map((g) => scores[g]!));
  const qTotal = q.reduce((a, b) => a + b, 0);
  right.forEach((g, i) => {
    const zg = z(g);
    for (let j = 0; j < d; j++) gradient[j]! -= (q[i]! / qTotal) * zg[j]!;
  });
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and symmetric positive definite). */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = col + 1; r < n; r++) {
      const factor = m[r]![col]! / m[col]![col]!;
      for (let c = col; c <= n; c++) m[r]![c]! -= factor * m[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = m[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= m[r]![c]! * x[c]!;
    x[r] = sum / m[r]![r]!;
  }
  return x;
}
