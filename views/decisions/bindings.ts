import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { editingBindings, REPLACES_SELECTED } from '../keys/editing.js';
import { char, named } from '../keys/match.js';
import type { DecisionsAction } from './decisions-reducer.js';

type Binding = KeyBinding<DecisionsAction | ChromeAction>;

export const listBindings: readonly Binding[] = [
  { description: 'move', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', delta: key.upArrow ? -1 : 1 }) },
  { description: 'page', match: named('pageUp', 'pageDown'), action: (_i, key) => ({ type: 'move', delta: key.pageUp ? -10 : 10 }), helpOnly: true },
  { description: 'undo it', match: char('u'), action: { type: 'undo' } },
  { description: 'kind', match: char('f'), action: { type: 'cycleFilter' } },
  { description: 'filter words', match: char('/'), action: { type: 'openFilter' } },
  helpBinding,
  backBinding,
];

export const typingBindings: readonly Binding[] = [
  { description: 'apply', match: named('return'), action: { type: 'submitFilter' } },
  { description: 'cancel', match: named('escape'), action: { type: 'cancelFilter' } },
  ...editingBindings<DecisionsAction>(`words of the filter; ${REPLACES_SELECTED}`, (op) => ({ type: 'edit', op })),
];

export const DECISIONS_HELP =
  'Every match decision, newest first, from the append-only log: accepts, rejects, no matches, defers, undos, by hand or automatic. f cycles the kind shown (all, accept, reject, no_match, defer, undo, auto, manual); / filters by words of the video title or id, the ISRC, the reviewer or the note. u undoes the picked decision if it is in force (● marks those): an undo is appended, nothing is deleted.';
