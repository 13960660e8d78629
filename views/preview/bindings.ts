import { toEditOp } from '../components/TextField/line-edit.js';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { anyOf, char, named } from '../keys/match.js';
import type { PreviewAction } from './preview-reducer.js';

type Binding = KeyBinding<PreviewAction | ChromeAction>;

export const pickBindings: readonly Binding[] = [
  { keys: '↑/↓', description: 'select table', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'pickMove', delta: key.upArrow ? -1 : 1 }) },
  { keys: '⏎', description: 'open', match: named('return'), action: { type: 'pickOpen' } },
  helpBinding,
  backBinding,
];

export const browseBindings: readonly Binding[] = [
  { keys: '↑/↓', description: 'row', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', move: key.upArrow ? 'up' : 'down' }) },
  { keys: 'PgUp/PgDn', description: 'page', match: named('pageUp', 'pageDown'), action: (_i, key) => ({ type: 'move', move: key.pageUp ? 'pageUp' : 'pageDown' }) },
  { keys: 'Home/End', description: 'first/last', match: anyOf(named('home', 'end'), char('g', 'G')), action: (input, key) => ({ type: 'move', move: key.home || input === 'g' ? 'home' : 'end' }) },
  { keys: '←/→', description: 'columns', match: named('leftArrow', 'rightArrow'), action: (_i, key) => ({ type: 'scroll', delta: key.leftArrow ? -1 : 1 }) },
  { keys: '/', description: 'filter', match: char('/'), action: { type: 'filterStart' } },
  { keys: '⏎', description: 'whole row', match: named('return'), action: { type: 'detail', open: true } },
  helpBinding,
  { keys: 'q/Esc', description: 'tables', match: anyOf(char('q'), named('escape')), action: { type: 'closeTable' } },
];

export const detailBindings: readonly Binding[] = [
  { keys: '↑/↓', description: 'row', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', move: key.upArrow ? 'up' : 'down' }) },
  helpBinding,
  { keys: 'q/Esc/⏎', description: 'back to the grid', match: anyOf(char('q'), named('escape', 'return')), action: { type: 'detail', open: false } },
];

export const filterBindings: readonly Binding[] = [
  { keys: '⏎', description: 'apply filter (empty: all rows)', match: named('return'), action: { type: 'filterApply' } },
  { keys: 'Esc', description: 'cancel', match: named('escape'), action: { type: 'filterCancel' } },
  { keys: 'type', description: 'text matched anywhere in the row', match: (input, key) => toEditOp(input, key) !== null, action: (input, key) => ({ type: 'filterEdit', op: toEditOp(input, key)! }) },
];
