import { Text } from 'ink';
import { sparkline } from './sparkline.js';

export function Sparkline({ values, invert, min, max, color = 'cyan' }: { values: readonly (number | null)[]; invert?: boolean; min?: number; max?: number; color?: string }) {
  return <Text color={color}>{sparkline(values, { invert, min, max })}</Text>;
}
