import { toEditOp } from '../components/TextField/line-edit.js';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { anyKey, anyOf, char, named } from '../keys/match.js';
import type { Phase, ReviewAction } from './review-reducer.js';

type Binding = KeyBinding<ReviewAction | ChromeAction>;

const decisionKeys: readonly Binding[] = [
  { keys: '↑/↓', description: 'pick', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'pick', delta: key.upArrow ? -1 : 1 }) },
  { keys: 'a/⏎', description: 'accept', match: anyOf(char('a'), named('return')), action: { type: 'decide', verdict: 'accept' } },
  { keys: 'r', description: 'reject', match: char('r'), action: { type: 'decide', verdict: 'reject' } },
  { keys: 'n', description: 'no match', match: char('n'), action: { type: 'decide', verdict: 'no_match' } },
  { keys: 'd', description: 'defer', match: char('d'), action: { type: 'decide', verdict: 'defer' } },
  { keys: 's', description: 'skip', match: char('s'), action: { type: 'skip' } },
  { keys: 'u', description: 'undo', match: char('u'), action: { type: 'undo' } },
  { keys: '/', description: 'search', match: char('/'), action: { type: 'openSearch' } },
  { keys: 'e', description: 'note', match: char('e'), action: { type: 'openNote' } },
  { keys: 'f', description: 'queue', match: char('f'), action: { type: 'cycleQueue' } },
  { keys: 'A', description: 'auto-accept…', match: char('A'), action: { type: 'autoAccept' } },
  helpBinding,
];

const searchResultsBack: Binding = { keys: 'Esc', description: 'back to candidates', match: named('escape'), action: { type: 'closeText' } };

const typing: readonly Binding[] = [
  { keys: '⏎', description: 'done', match: named('return'), action: { type: 'submitText' } },
  { keys: 'Esc', description: 'cancel', match: named('escape'), action: { type: 'closeText' } },
  { keys: 'text', description: 'type (Ctrl+U clears)', match: anyKey, action: (input, key) => ({ type: 'edit', op: toEditOp(input, key) }), helpOnly: true },
];

const confirming: readonly Binding[] = [
  { keys: 'y', description: 'auto-accept them', match: char('y', 'Y'), action: { type: 'confirm', yes: true } },
  { keys: 'n/Esc', description: 'cancel', match: anyOf(char('n', 'N'), named('escape')), action: { type: 'confirm', yes: false } },
];

/** The keys of the review screen in its current phase (the footer and help show the same table). */
export function reviewBindings(phase: Phase, showingSearch: boolean): readonly Binding[] {
  if (phase === 'search' || phase === 'note') return typing;
  if (phase === 'confirmAuto') return confirming;
  return [...decisionKeys, showingSearch ? searchResultsBack : backBinding];
}

export const REVIEW_HELP =
  'Each video beside its ranked ISRC candidates. Every decision key saves at once (s skips without deciding) (an append-only log; u undoes, any depth), and the next item loads; keys pressed while it loads are ignored, never applied to another item. Queues (f): undecided, deferred, ambiguous, low score, auto-accepted sample. / searches the catalog by words or a pasted ISRC. e attaches a note to the next decision. A auto-accepts every undecided item whose top candidate scores ≥ 0.85 and leads by ≥ 0.05, after a y/n.';
