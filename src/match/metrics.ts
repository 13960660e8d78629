/** What a matcher proposed for one labelled media item. */
export interface Outcome {
  expected: readonly string[];
  /** Ranked ISRCs, best first. */
  ranked: readonly string[];
  /** The ISRC auto-accept would record, or null. */
  accepted: string | null;
}

export interface Metrics {
  items: number;
  withMatch: number;
  recallAt1: number;
  recallAt5: number;
  accepted: number;
  acceptedCorrect: number;
  /** Correct accepts / accepts (1 when nothing is accepted). */
  precision: number;
  /** Correct accepts / items that have a match. */
  acceptRecall: number;
}

export function metrics(outcomes: readonly Outcome[]): Metrics {
  const hit = (o: Outcome, k: number) => o.ranked.slice(0, k).some((isrc) => o.expected.includes(isrc));
  const withMatch = outcomes.filter((o) => o.expected.length > 0);
  const accepted = outcomes.filter((o) => o.accepted !== null);
  const acceptedCorrect = accepted.filter((o) => o.expected.includes(o.accepted!)).length;
  const share = (n: number, of: number) => (of === 0 ? 1 : n / of);
  return {
    items: outcomes.length,
    withMatch: withMatch.length,
    recallAt1: share(withMatch.filter((o) => hit(o, 1)).length, withMatch.length),
    recallAt5: share(withMatch.filter((o) => hit(o, 5)).length, withMatch.length),
    accepted: accepted.length,
    acceptedCorrect,
    precision: share(acceptedCorrect, accepted.length),
    acceptRecall: share(acceptedCorrect, withMatch.length),
  };
}
