import { toEditOp } from '../components/TextField/line-edit.js';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, escBackBinding, helpBinding } from '../keys/common.js';
import { char, named, shiftTab } from '../keys/match.js';
import type { ImportAction } from './import-reducer.js';

type Binding = KeyBinding<ImportAction | ChromeAction>;

export const inputBindings: readonly Binding[] = [
  { keys: '⏎', description: 'import', match: named('return'), action: { type: 'start' } },
  { keys: 'Tab', description: 'complete (again: next)', match: named('tab'), action: { type: 'complete', direction: 1 } },
  { keys: 'S-Tab', description: 'previous completion', match: shiftTab, action: { type: 'complete', direction: -1 }, helpOnly: true },
  escBackBinding,
  { keys: 'type', description: 'path of a JSON / NDJSON file', match: (input, key) => toEditOp(input, key) !== null, action: (input, key) => ({ type: 'edit', op: toEditOp(input, key)! }), helpOnly: true },
];

export const runningBindings: readonly Binding[] = [{ keys: 'Esc', description: 'cancel (nothing is written)', match: named('escape'), action: { type: 'cancel' } }];

export const doneBindings: readonly Binding[] = [
  { keys: '↑/↓', description: 'dead letters', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'scroll', delta: key.upArrow ? -1 : 1 }) },
  { keys: 'n', description: 'import another', match: char('n'), action: { type: 'again' } },
  helpBinding,
  backBinding,
];

export const failedBindings: readonly Binding[] = [{ keys: 'n/⏎', description: 'edit the path', match: (input, key) => input === 'n' || key.return, action: { type: 'again' } }, helpBinding, backBinding];
