import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { editingBindings, REPLACES_SELECTED } from '../keys/editing.js';
import { anyOf, char, labelled, named } from '../keys/match.js';
import type { PreviewAction } from './preview-reducer.js';

type Binding = KeyBinding<PreviewAction | ChromeAction>;

export const pickBindings: readonly Binding[] = [
  { description: 'select table', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'pickMove', delta: key.upArrow ? -1 : 1 }) },
  { description: 'open', match: named('return'), action: { type: 'pickOpen' } },
  helpBinding,
  backBinding,
];

export const browseBindings: readonly Binding[] = [
  { description: 'row', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', move: key.upArrow ? 'up' : 'down' }) },
  { description: 'page', match: named('pageUp', 'pageDown'), action: (_i, key) => ({ type: 'move', move: key.pageUp ? 'pageUp' : 'pageDown' }) },
  { description: 'first/last', match: labelled('Home/End', anyOf(named('home', 'end'), char('g', 'G'))), action: (input, key) => ({ type: 'move', move: key.home || input === 'g' ? 'home' : 'end' }) },
  { description: 'column', match: named('leftArrow', 'rightArrow'), action: (_i, key) => ({ type: 'column', delta: key.leftArrow ? -1 : 1 }) },
  { description: 'narrow/widen column', match: char('<', '>'), action: (input) => ({ type: 'columnWidth', delta: input === '<' ? -1 : 1 }) },
  { description: 'sort by column (again: descending, then off)', match: char('s'), action: { type: 'sort' } },
  { description: 'filter', match: char('/'), action: { type: 'filterStart' } },
  { description: 'whole cell', match: named('return'), action: { type: 'detail', open: 'cell' } },
  { description: 'whole row', match: char('r'), action: { type: 'detail', open: 'row' } },
  helpBinding,
  { description: 'tables', match: anyOf(char('q'), named('escape')), action: { type: 'closeTable' } },
];

export const detailBindings: readonly Binding[] = [
  { description: 'row', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', move: key.upArrow ? 'up' : 'down' }) },
  { description: 'column', match: named('leftArrow', 'rightArrow'), action: (_i, key) => ({ type: 'column', delta: key.leftArrow ? -1 : 1 }) },
  { description: 'whole row / whole cell', match: char('r', 'c'), action: (input) => ({ type: 'detail', open: input === 'r' ? 'row' : 'cell' }) },
  helpBinding,
  { description: 'back to the grid', match: anyOf(char('q'), named('escape', 'return')), action: { type: 'detail', open: null } },
];

export const filterBindings: readonly Binding[] = [
  { description: 'apply filter (empty: all rows)', match: named('return'), action: { type: 'filterApply' } },
  { description: 'cancel', match: named('escape'), action: { type: 'filterCancel' } },
  ...editingBindings<PreviewAction>(`text matched anywhere in the row; ${REPLACES_SELECTED}`, (op) => ({ type: 'filterEdit', op })),
];
