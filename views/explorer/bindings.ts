import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { escBackBinding, helpBinding } from '../keys/common.js';
import { editingBindings } from '../keys/editing.js';
import { ctrl, labelled, named } from '../keys/match.js';
import type { ExplorerAction } from './explorer-reducer.js';

type Binding = KeyBinding<ExplorerAction | ChromeAction>;

const shiftArrow = labelled('Shift+←/→', (_input, key) => key.shift && (key.leftArrow || key.rightArrow));
// Alt+Enter arrives as Esc then Enter in one chunk, which ink reports as Enter with meta.
const altEnter = labelled('Alt+⏎', (_input, key) => key.return && key.meta);
const enter = labelled('⏎', (_input, key) => key.return && !key.meta);

const base: readonly Binding[] = [
  { description: 'run a statement ending in ; (else a new line)', match: enter, action: { type: 'enter', run: false } },
  { description: 'run the statement as it is', match: altEnter, action: { type: 'enter', run: true } },
  { description: 'complete', match: named('tab'), action: { type: 'complete' } },
  { description: 'line, history', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'history', delta: key.upArrow ? -1 : 1 }) },
  { description: 'scroll rows by a page', match: named('pageUp', 'pageDown'), action: (_i, key) => ({ type: 'scroll', pages: key.pageUp ? -1 : 1 }) },
  { description: 'scroll columns', match: shiftArrow, action: (_i, key) => ({ type: 'scrollColumns', delta: key.leftArrow ? -1 : 1 }), helpOnly: true },
  { description: 'cancel query', match: ctrl('c'), action: { type: 'cancel' } },
  escBackBinding,
];

// Typing goes to the statement: help only, last so every key above wins.
const typing = editingBindings<ExplorerAction>('write the statement; a paste keeps its lines', (op) => ({ type: 'edit', op }));

/**
 * The explorer's keys. `?` opens help only at an empty prompt: inside a statement it is text
 * (`\?`, the jsonb ? operator).
 */
export function explorerBindings(inputEmpty: boolean): readonly Binding[] {
  return inputEmpty ? [...base, helpBinding, ...typing] : [...base, ...typing];
}

export const EXPLORER_HELP =
  'A SQL prompt over the current database, read-only until \\write. A statement may span lines: ⏎ runs it once it ends with ; (Alt+⏎ runs it as it is), a paste keeps its lines. Results are read as you scroll. \\? lists the meta-commands (\\dt, \\d TABLE, \\i NAME, \\export FILE.csv, \\write). History is kept across runs.';
