import type { ScoredCandidate } from './score.js';

/** Default `--auto-accept` and `--margin`: the settings `npm run match:eval` reports precision for. */
export const DEFAULT_AUTO_ACCEPT = 0.85;
export const DEFAULT_MARGIN = 0.05;
export const DEFAULT_TOP = 5;

/** The candidate auto-accept would take: the top one, when it scores at least `threshold` and leads the next by `margin`. */
export function autoAcceptable<T extends Pick<ScoredCandidate, 'score'>>(candidates: readonly T[], threshold: number, margin: number): T | null {
  const [first, second] = candidates;
  if (!first || first.score < threshold) return null;
  // Scores are rounded to 4 decimals: 0.95 - 0.9 must count as a lead of 0.05.
  if (second && first.score - second.score < margin - 1e-9) return null;
  return first;
}
