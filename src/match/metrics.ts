/** What the matcher made of one labelled media item. */
export interface Outcome {
  expected: readonly string[];
  /** The recordings' ISRCs, best first, representative first within each. */
  ranked: readonly (readonly string[])[];
  /** The top recording's confidence (0 without candidates). */
  confidence: number;
  /** What the automatic settings record: accept (the representative), no_match, or nothing (left to a person). */
  decision: 'accept' | 'no_match' | null;
}

export interface Metrics {
  items: number;
  withMatch: number;
  /** Share of the videos with a match whose recording is among the top k recordings. */
  recallAt1: number;
  recallAt5: number;
  accepted: number;
  acceptedCorrect: number;
  /** Accepts whose ISRC is expected / accepts (1 when none). */
  acceptPrecision: number;
  noMatched: number;
  noMatchedCorrect: number;
  /** No-match decisions on videos without a match / no-match decisions (1 when none). */
  noMatchPrecision: number;
  /** Videos neither decision takes: a person decides them. */
  leftToPerson: number;
}

/** Whether the top recording's representative (the ISRC an accept records) is expected. */
export function topRight(o: Outcome): boolean {
  const top = o.ranked[0]?.[0];
  return top !== undefined && o.expected.includes(top);
}

export function metrics(outcomes: readonly Outcome[]): Metrics {
  const hit = (o: Outcome, k: number) => o.ranked.slice(0, k).some((group) => group.some((isrc) => o.expected.includes(isrc)));
  const withMatch = outcomes.filter((o) => o.expected.length > 0);
  const accepted = outcomes.filter((o) => o.decision === 'accept');
  const noMatched = outcomes.filter((o) => o.decision === 'no_match');
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  const acceptedCorrect = accepted.filter(topRight).length;
  const noMatchedCorrect = noMatched.filter((o) => o.expected.length === 0).length;
  return {
    items: outcomes.length,
    withMatch: withMatch.length,
    recallAt1: share(withMatch.filter((o) => hit(o, 1)).length, withMatch.length),
    recallAt5: share(withMatch.filter((o) => hit(o, 5)).length, withMatch.length),
    accepted: accepted.length,
    acceptedCorrect,
    acceptPrecision: share(acceptedCorrect, accepted.length),
    noMatched: noMatched.length,
    noMatchedCorrect,
    noMatchPrecision: share(noMatchedCorrect, noMatched.length),
    leftToPerson: outcomes.length - accepted.length - noMatched.length,
  };
}

export interface ReliabilityBand {
  from: number;
  to: number;
  count: number;
  /** Mean confidence of the band's videos. */
  confidence: number;
  /** Share whose top recording is right. */
  right: number;
  /** Wilson 95% interval of that share: how far a band of few videos can be from its confidence by chance alone. */
  low: number;
  high: number;
}

/** Wilson score interval (95%) of a share of `n` (0..1 when n is 0). */
export function wilson(successes: number, n: number): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = 1.959964;
  const p = successes / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = ((z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export const RELIABILITY_BANDS = [0, 0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.99, 1.000001];

/** Reliability table: per band of the top recording's confidence, how often it is right. */
export function reliability(outcomes: readonly Outcome[], edges: readonly number[] = RELIABILITY_BANDS): ReliabilityBand[] {
  const bands: ReliabilityBand[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const inBand = outcomes.filter((o) => o.confidence >= edges[i]! && o.confidence < edges[i + 1]!);
    const mean = (f: (o: Outcome) => number) => (inBand.length === 0 ? 0 : inBand.reduce((a, o) => a + f(o), 0) / inBand.length);
    const right = inBand.filter(topRight).length;
    bands.push({ from: edges[i]!, to: Math.min(1, edges[i + 1]!), count: inBand.length, confidence: mean((o) => o.confidence), right: mean((o) => (topRight(o) ? 1 : 0)), ...wilson(right, inBand.length) });
  }
  return bands;
}
