import { Text } from 'ink';
import { colorEnabled } from '../theme.js';
import type { LineState } from './line-edit.js';

/**
 * Renders a line being edited (state lives in the screen's reducer). The cursor is an inverse
 * cell; without colour it is a visible ▏ mark instead.
 */
export function TextField({ label, value, focused = true, placeholder }: { label?: string; value: LineState; focused?: boolean; placeholder?: string }) {
  const before = value.text.slice(0, value.cursor);
  const at = Array.from(value.text.slice(value.cursor))[0] ?? ' ';
  const after = value.text.slice(value.cursor + (at === ' ' && value.cursor >= value.text.length ? 0 : at.length));
  const showPlaceholder = value.text === '' && placeholder !== undefined;
  return (
    <Text wrap="truncate-start">
      {label ? <Text bold>{label} </Text> : null}
      {before}
      {focused ? colorEnabled() ? <Text inverse>{at}</Text> : <Text>▏{at === ' ' ? '' : at}</Text> : at === ' ' ? '' : at}
      {after}
      {showPlaceholder ? <Text dimColor>{placeholder}</Text> : null}
    </Text>
  );
}
