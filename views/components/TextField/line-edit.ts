import type { Key } from 'ink';

/**
 * A text being edited: the text and the cursor (a UTF-16 index into it). `selected`: the whole
 * text is selected, as a field shows the previous text when it opens, so typing replaces it.
 */
export interface LineState {
  text: string;
  cursor: number;
  selected?: boolean;
}

export type EditOp =
  | { kind: 'insert'; text: string }
  | { kind: 'backspace' }
  | { kind: 'left' }
  | { kind: 'right' }
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'clear' }
  | { kind: 'deleteWord' };

/** A line with the cursor at its end, nothing selected (what was just typed or completed). */
export function line(text = ''): LineState {
  return { text, cursor: text.length };
}

/** A field opened on its previous text: all of it selected, so typing starts afresh. */
export function selectedLine(text = ''): LineState {
  return text === '' ? line() : { text, cursor: text.length, selected: true };
}

/**
 * The editing meaning of a key press, or null when it is not an edit (Enter, Tab, Esc, arrows
 * up/down are left to the screen). Backspace arrives as `delete` from most terminals (0x7f).
 * A paste's line ends arrive as \r; they become \n (a one-line field makes them spaces).
 */
export function toEditOp(input: string, key: Key): EditOp | null {
  if (key.backspace || key.delete) return { kind: 'backspace' };
  if (key.leftArrow) return { kind: 'left' };
  if (key.rightArrow) return { kind: 'right' };
  if (key.ctrl && input === 'a') return { kind: 'start' };
  if (key.ctrl && input === 'e') return { kind: 'end' };
  if (key.ctrl && input === 'u') return { kind: 'clear' };
  if (key.ctrl && input === 'w') return { kind: 'deleteWord' };
  if (key.ctrl || key.meta || key.return || key.tab || key.escape || key.upArrow || key.downArrow || key.pageUp || key.pageDown) return null;
  if (input === '') return null;
  return { kind: 'insert', text: input.replace(/\r\n|\r/g, '\n') };
}

const lineStart = (text: string, cursor: number) => text.lastIndexOf('\n', cursor - 1) + 1;
const lineEnd = (text: string, cursor: number) => {
  const end = text.indexOf('\n', cursor);
  return end < 0 ? text.length : end;
};

/**
 * Applies an edit. Start, end and Ctrl+U work on the cursor's line (the whole text of a one-line
 * field). `multiline: false` (fields) turns inserted line ends into spaces. With the text
 * selected, typing replaces it, a deletion empties it and a move ends the selection.
 */
export function applyEdit(state: LineState, op: EditOp, options: { multiline?: boolean } = {}): LineState {
  if (state.selected) {
    switch (op.kind) {
      case 'insert':
        return applyEdit(line(), op, options);
      case 'backspace':
      case 'clear':
      case 'deleteWord':
        return line();
      case 'left':
      case 'start':
        return { text: state.text, cursor: 0 };
      case 'right':
      case 'end':
        return line(state.text);
    }
  }
  const { text, cursor } = state;
  switch (op.kind) {
    case 'insert': {
      const typed = options.multiline ? op.text : op.text.replace(/\n/g, ' ');
      return { text: text.slice(0, cursor) + typed + text.slice(cursor), cursor: cursor + typed.length };
    }
    case 'backspace': {
      if (cursor === 0) return state;
      const before = Array.from(text.slice(0, cursor));
      before.pop();
      const head = before.join('');
      return { text: head + text.slice(cursor), cursor: head.length };
    }
    case 'left':
      return { text, cursor: cursor === 0 ? 0 : cursor - (Array.from(text.slice(0, cursor)).pop()?.length ?? 1) };
    case 'right':
      return { text, cursor: cursor >= text.length ? text.length : cursor + (Array.from(text.slice(cursor))[0]?.length ?? 1) };
    case 'start':
      return { text, cursor: lineStart(text, cursor) };
    case 'end':
      return { text, cursor: lineEnd(text, cursor) };
    case 'clear': {
      const start = lineStart(text, cursor);
      return { text: text.slice(0, start) + text.slice(cursor), cursor: start };
    }
    case 'deleteWord': {
      // A word ends at a space or a slash (a path's folder stays); never past the line's start.
      const start = lineStart(text, cursor);
      const head = text.slice(start, cursor).replace(/[^\s/]*[\s/]*$/, '');
      return { text: text.slice(0, start) + head + text.slice(cursor), cursor: start + head.length };
    }
  }
}

/**
 * The cursor one line up or down in a multi-line text, at the same column or the line's end;
 * null when there is no line there (the screen then moves through the history).
 */
export function moveLine(state: LineState, delta: -1 | 1): LineState | null {
  const { text, cursor } = state;
  const start = lineStart(text, cursor);
  const column = cursor - start;
  if (delta < 0) {
    if (start === 0) return null;
    const previousStart = lineStart(text, start - 1);
    return { text, cursor: Math.min(previousStart + column, start - 1) };
  }
  const end = lineEnd(text, cursor);
  if (end === text.length) return null;
  const nextStart = end + 1;
  return { text, cursor: Math.min(nextStart + column, lineEnd(text, nextStart)) };
}
