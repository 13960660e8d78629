import { toEditOp, type EditOp } from '../components/TextField/line-edit.js';
import type { KeyBinding } from './binding.js';
import { ctrl, labelled } from './match.js';

/** What a field's typing row adds: a field opens on its previous text, selected. */
export const REPLACES_SELECTED = 'typing replaces a selected text';

/**
 * The keys of a text field, shell-like, as help-only rows (so `?` names them), ending with the
 * catch-all that types: put them last in a table. `describe` says what the typing is for.
 */
export function editingBindings<A>(describe: string, toAction: (op: EditOp) => A): KeyBinding<A>[] {
  const edit = (op: EditOp) => () => toAction(op);
  return [
    { description: 'to the start of the line', match: ctrl('a'), action: edit({ kind: 'start' }), helpOnly: true },
    { description: 'to the end of the line', match: ctrl('e'), action: edit({ kind: 'end' }), helpOnly: true },
    { description: 'delete to the start of the line', match: ctrl('u'), action: edit({ kind: 'clear' }), helpOnly: true },
    { description: 'delete the word before the cursor', match: ctrl('w'), action: edit({ kind: 'deleteWord' }), helpOnly: true },
    { description: describe, match: labelled('type', (input, key) => toEditOp(input, key) !== null), action: (input, key) => toAction(toEditOp(input, key)!), helpOnly: true },
  ];
}
