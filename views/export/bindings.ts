import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, escBackBinding, helpBinding } from '../keys/common.js';
import { editingBindings, REPLACES_SELECTED } from '../keys/editing.js';
import { char, named } from '../keys/match.js';
import type { ExportAction } from './export-reducer.js';

type Binding = KeyBinding<ExportAction | ChromeAction>;

const start: Binding = { description: 'export', match: named('return'), action: { type: 'start' } };

export const tableBindings: readonly Binding[] = [
  { description: 'table', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', delta: key.upArrow ? -1 : 1 }) },
  { description: 'tick', match: char(' '), action: { type: 'toggle' } },
  { description: 'all/none', match: char('a'), action: { type: 'all' } },
  { description: 'safe formulas', match: char('f'), action: { type: 'safe-formulas' } },
  { description: 'folder', match: named('tab'), action: { type: 'focus' } },
  start,
  helpBinding,
  backBinding,
];

export const folderBindings: readonly Binding[] = [
  start,
  { description: 'tables', match: named('tab'), action: { type: 'focus' } },
  escBackBinding,
  ...editingBindings<ExportAction>(`output folder (created if missing); ${REPLACES_SELECTED}`, (op) => ({ type: 'edit', op })),
];

export const runningBindings: readonly Binding[] = [helpBinding];

export const doneBindings: readonly Binding[] = [{ description: 'export again', match: char('n'), action: { type: 'again' } }, helpBinding, backBinding];
