import { Box, Text } from 'ink';
import type { KeyBinding } from '../../keys/binding.js';
import { tableFooterLines } from './footer-lines.js';

/** The screen's keys, from the same table that handles them. */
export function Footer({ bindings, width }: { bindings: readonly KeyBinding<unknown>[]; width: number }) {
  const lines = tableFooterLines(bindings, width);
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} dimColor wrap="truncate">
          {line}
        </Text>
      ))}
    </Box>
  );
}
