import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { escBackBinding, helpBinding } from '../keys/common.js';
import { anyKey, ctrl, labelled, named } from '../keys/match.js';
import { toEditOp } from '../components/TextField/line-edit.js';
import type { ExplorerAction } from './explorer-reducer.js';

type Binding = KeyBinding<ExplorerAction | ChromeAction>;

const shiftArrow = labelled('Shift+←/→', (_input, key) => key.shift && (key.leftArrow || key.rightArrow));

const base: readonly Binding[] = [
  { description: 'run', match: named('return'), action: { type: 'submit' } },
  { description: 'complete', match: named('tab'), action: { type: 'complete' } },
  { description: 'history', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'history', delta: key.upArrow ? -1 : 1 }) },
  { description: 'scroll rows', match: named('pageUp', 'pageDown'), action: (_i, key) => ({ type: 'scroll', rows: key.pageUp ? -10 : 10 }) },
  { description: 'scroll columns', match: shiftArrow, action: (_i, key) => ({ type: 'scrollColumns', delta: key.leftArrow ? -1 : 1 }), helpOnly: true },
  { description: 'cancel query', match: ctrl('c'), action: { type: 'cancel' } },
  escBackBinding,
];

// Typing goes to the prompt: listed in help only, last so every key above wins.
const typing: Binding = { description: 'edit the statement (Ctrl+A/E start/end, Ctrl+U/W delete)', match: anyKey(), action: (input, key) => ({ type: 'edit', op: toEditOp(input, key) }), helpOnly: true };

/**
 * The explorer's keys. `?` opens help only at an empty prompt: inside a statement it is text
 * (`\?`, the jsonb ? operator).
 */
export function explorerBindings(inputEmpty: boolean): readonly Binding[] {
  return inputEmpty ? [...base, helpBinding, typing] : [...base, typing];
}

export const EXPLORER_HELP =
  'A SQL prompt over the current database, read-only until \\write. One statement per ⏎; \\? lists the meta-commands (\\dt, \\d TABLE, \\i NAME, \\export FILE.csv, \\write). History is kept across runs.';
