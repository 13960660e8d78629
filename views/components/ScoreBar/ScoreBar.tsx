import { Text } from 'ink';
import { bar } from '../Bar/bar.js';

/** Colour thresholds for a match score in [0,1]; the number is always printed too. */
export function scoreColor(score: number): 'green' | 'yellow' | 'red' {
  return score >= 0.85 ? 'green' : score >= 0.6 ? 'yellow' : 'red';
}

export function ScoreBar({ score, width = 10 }: { score: number; width?: number }) {
  return (
    <Text>
      <Text color={scoreColor(score)}>{bar(score, width)}</Text> {score.toFixed(2)}
    </Text>
  );
}
