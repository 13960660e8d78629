import { toEditOp } from '../components/TextField/line-edit.js';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, escBackBinding, helpBinding } from '../keys/common.js';
import { char, named } from '../keys/match.js';
import type { ExportAction } from './export-reducer.js';

type Binding = KeyBinding<ExportAction | ChromeAction>;

const start: Binding = { keys: '⏎', description: 'export', match: named('return'), action: { type: 'start' } };

export const tableBindings: readonly Binding[] = [
  { keys: '↑/↓', description: 'table', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', delta: key.upArrow ? -1 : 1 }) },
  { keys: 'space', description: 'tick', match: char(' '), action: { type: 'toggle' } },
  { keys: 'a', description: 'all/none', match: char('a'), action: { type: 'all' } },
  { keys: 'Tab', description: 'folder', match: named('tab'), action: { type: 'focus' } },
  start,
  helpBinding,
  backBinding,
];

export const folderBindings: readonly Binding[] = [
  start,
  { keys: 'Tab', description: 'tables', match: named('tab'), action: { type: 'focus' } },
  escBackBinding,
  { keys: 'type', description: 'output folder (created if missing)', match: (input, key) => toEditOp(input, key) !== null, action: (input, key) => ({ type: 'edit', op: toEditOp(input, key)! }), helpOnly: true },
];

export const runningBindings: readonly Binding[] = [helpBinding];

export const doneBindings: readonly Binding[] = [{ keys: 'n', description: 'export again', match: char('n'), action: { type: 'again' } }, helpBinding, backBinding];
