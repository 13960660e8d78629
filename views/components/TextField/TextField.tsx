import { Box, Text } from 'ink';
import { colorEnabled } from '../theme.js';
import type { LineState } from './line-edit.js';

/**
 * Renders a line being edited (state lives in the screen's reducer). The cursor is an inverse
 * cell; without colour it is a visible ▏ mark instead. A selected text (typing replaces it) is
 * inverse; without colour a note says so.
 */
export function TextField({ label, value, focused = true, placeholder }: { label?: string; value: LineState; focused?: boolean; placeholder?: string }) {
  const showPlaceholder = value.text === '' && placeholder !== undefined;
  return (
    <Text wrap="truncate-start">
      {label ? <Text bold>{label} </Text> : null}
      <Cursor text={value.text} cursor={value.cursor} selected={value.selected === true} focused={focused} />
      {showPlaceholder ? <Text dimColor>{placeholder}</Text> : null}
    </Text>
  );
}

function Cursor({ text, cursor, selected, focused }: { text: string; cursor: number; selected: boolean; focused: boolean }) {
  if (selected && focused) {
    return colorEnabled() ? <Text inverse>{text}</Text> : <Text>{text}<Text dimColor> ◂ typing replaces it</Text></Text>;
  }
  const before = text.slice(0, cursor);
  const at = Array.from(text.slice(cursor))[0] ?? ' ';
  const after = text.slice(cursor + (at === ' ' && cursor >= text.length ? 0 : at.length));
  return (
    <Text>
      {before}
      {focused ? colorEnabled() ? <Text inverse>{at}</Text> : <Text>▏{at === ' ' ? '' : at}</Text> : at === ' ' ? '' : at}
      {after}
    </Text>
  );
}

/**
 * A multi-line text being edited (the explorer's statement): the first line after `label`, the
 * next ones after `continuation`, at most `maxLines` lines shown, kept around the cursor's line.
 */
export function TextArea({ label, continuation, value, focused = true, placeholder, maxLines }: { label: string; continuation: string; value: LineState; focused?: boolean; placeholder?: string; maxLines: number }) {
  const lines = value.text.split('\n');
  const cursorLine = value.text.slice(0, value.cursor).split('\n').length - 1;
  const shown = Math.max(1, Math.min(maxLines, lines.length));
  const first = Math.min(Math.max(0, cursorLine - shown + 1), lines.length - shown);
  let offset = lines.slice(0, first).reduce((sum, l) => sum + l.length + 1, 0);
  const rows = lines.slice(first, first + shown).map((text, i) => {
    const index = first + i;
    const start = offset;
    offset += text.length + 1;
    const onCursor = index === cursorLine;
    return (
      <Text key={index} wrap="truncate-start">
        <Text bold>{index === 0 ? label : continuation} </Text>
        {onCursor ? <Cursor text={text} cursor={value.cursor - start} selected={false} focused={focused} /> : text}
        {index === 0 && value.text === '' && placeholder !== undefined ? <Text dimColor>{placeholder}</Text> : null}
      </Text>
    );
  });
  return <Box flexDirection="column">{rows}</Box>;
}
