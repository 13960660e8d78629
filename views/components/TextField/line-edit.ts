import type { Key } from 'ink';

/** A single-line text being edited: the text and the cursor (a UTF-16 index into it). */
export interface LineState {
  text: string;
  cursor: number;
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

export function line(text = ''): LineState {
  return { text, cursor: text.length };
}

/**
 * The editing meaning of a key press, or null when it is not an edit (Enter, Tab, Esc, arrows
 * up/down are left to the screen). Backspace arrives as `delete` from most terminals (0x7f).
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
  // A paste may carry newlines; a line field keeps it on one line.
  return { kind: 'insert', text: input.replace(/\r?\n|\r/g, ' ') };
}

export function applyEdit(state: LineState, op: EditOp): LineState {
  const { text, cursor } = state;
  switch (op.kind) {
    case 'insert':
      return { text: text.slice(0, cursor) + op.text + text.slice(cursor), cursor: cursor + op.text.length };
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
      return { text, cursor: 0 };
    case 'end':
      return { text, cursor: text.length };
    case 'clear':
      return { text: text.slice(cursor), cursor: 0 };
    case 'deleteWord': {
      const head = text.slice(0, cursor).replace(/[^\s/]*[\s/]*$/, '');
      return { text: head + text.slice(cursor), cursor: head.length };
    }
  }
}
