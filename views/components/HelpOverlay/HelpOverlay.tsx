import { Box, Text } from 'ink';
import type { KeyBinding } from '../../keys/binding.js';
import { displayWidth, fit } from '../text/text.js';

/** Every key of the screen with what it does; any key closes it. */
export function HelpOverlay({ title, bindings, width, help }: { title: string; bindings: readonly KeyBinding<unknown>[]; width: number; help?: string }) {
  const keyWidth = Math.min(16, Math.max(...bindings.map((b) => displayWidth(b.match.label)), 4));
  return (
    <Box flexDirection="column" borderStyle="round" paddingX={1} width={Math.min(width, 78)}>
      <Text bold>{title} — keys</Text>
      {help ? <Text wrap="wrap">{help}</Text> : null}
      <Text> </Text>
      {bindings.map((b, i) => (
        <Text key={i} wrap="truncate">
          <Text bold>{fit(b.match.label, keyWidth)}</Text>  {b.description}
        </Text>
      ))}
      <Text> </Text>
      <Text dimColor>any key closes this help</Text>
    </Box>
  );
}
