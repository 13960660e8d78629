import { Text } from 'ink';
import { bar } from './bar.js';

/** A progress bar with its label after it, e.g. `████░░░░ 52% 1,204 / 2,310`. */
export function Bar({ fraction, width, label, color }: { fraction: number; width: number; label?: string; color?: string }) {
  return (
    <Text wrap="truncate">
      <Text color={color}>{bar(fraction, width)}</Text>
      {label ? ` ${label}` : ''}
    </Text>
  );
}
