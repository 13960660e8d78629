import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, escBackBinding, helpBinding } from '../keys/common.js';
import { editingBindings, REPLACES_SELECTED } from '../keys/editing.js';
import { anyOf, char, named, shiftTab } from '../keys/match.js';
import type { ImportAction } from './import-reducer.js';

type Binding = KeyBinding<ImportAction | ChromeAction>;

export const inputBindings: readonly Binding[] = [
  { description: 'import', match: named('return'), action: { type: 'start' } },
  { description: 'complete (again: next)', match: named('tab'), action: { type: 'complete', direction: 1 } },
  { description: 'previous completion', match: shiftTab, action: { type: 'complete', direction: -1 }, helpOnly: true },
  escBackBinding,
  ...editingBindings<ImportAction>(`path of a feed (JSON / NDJSON) or catalog (CSV) file; ${REPLACES_SELECTED}`, (op) => ({ type: 'edit', op })),
];

export const runningBindings: readonly Binding[] = [{ description: 'cancel (nothing is written)', match: named('escape'), action: { type: 'cancel' } }];

export const doneBindings: readonly Binding[] = [
  { description: 'dead letters', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'scroll', delta: key.upArrow ? -1 : 1 }) },
  { description: 'whole dead letter', match: named('return'), action: { type: 'letter', open: true } },
  { description: 'import another', match: char('n'), action: { type: 'again' } },
  helpBinding,
  backBinding,
];

export const failedBindings: readonly Binding[] = [{ description: 'edit the path', match: anyOf(char('n'), named('return')), action: { type: 'again' } }, helpBinding, backBinding];

/** One dead letter shown whole (reason and record wrapped). */
export const letterBindings: readonly Binding[] = [
  { description: 'previous/next dead letter', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'scroll', delta: key.upArrow ? -1 : 1 }) },
  helpBinding,
  { description: 'back to the list', match: anyOf(char('q'), named('escape', 'return')), action: { type: 'letter', open: false } },
];
