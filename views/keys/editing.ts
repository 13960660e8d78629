import { toEditOp, type EditOp } from '../components/TextField/line-edit.js';
import type { KeyBinding } from './binding.js';
import { ctrl, labelled } from './match.js';

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
    // Opened on its previous text, a field has it selected: typing replaces it.
    { description: `${describe} (replaces the selected text)`, match: labelled('type', (input, key) => toEditOp(input, key) !== null), action: (input, key) => toAction(toEditOp(input, key)!), helpOnly: true },
  ];
}
