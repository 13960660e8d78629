import { toEditOp } from '../components/TextField/line-edit.js';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { anyKey, anyOf, char, named } from '../keys/match.js';
import type { Phase, ReviewAction } from './review-reducer.js';

type Binding = KeyBinding<ReviewAction | ChromeAction>;

const decisionKeys: readonly Binding[] = [
  { description: 'pick', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'pick', delta: key.upArrow ? -1 : 1 }) },
  { description: 'accept', match: anyOf(char('a'), named('return')), action: { type: 'decide', verdict: 'accept' } },
  { description: 'reject', match: char('r'), action: { type: 'decide', verdict: 'reject' } },
  { description: 'no match', match: char('n'), action: { type: 'decide', verdict: 'no_match' } },
  { description: 'defer', match: char('d'), action: { type: 'decide', verdict: 'defer' } },
  { description: 'skip', match: char('s'), action: { type: 'skip' } },
  { description: 'undo', match: char('u'), action: { type: 'undo' } },
  { description: 'search', match: char('/'), action: { type: 'openSearch' } },
  { description: 'note', match: char('e'), action: { type: 'openNote' } },
  { description: 'queue', match: char('f'), action: { type: 'cycleQueue' } },
  { description: 'automatic decisions…', match: char('A'), action: { type: 'autoAccept' } },
  helpBinding,
];

const searchResultsBack: Binding = { description: 'back to candidates', match: named('escape'), action: { type: 'closeText' } };

const typing: readonly Binding[] = [
  { description: 'done', match: named('return'), action: { type: 'submitText' } },
  { description: 'cancel', match: named('escape'), action: { type: 'closeText' } },
  { description: 'type (Ctrl+U clears)', match: anyKey(), action: (input, key) => ({ type: 'edit', op: toEditOp(input, key) }), helpOnly: true },
];

const confirming: readonly Binding[] = [
  { description: 'decide them', match: char('y', 'Y'), action: { type: 'confirm', yes: true } },
  { description: 'cancel', match: anyOf(char('n', 'N'), named('escape')), action: { type: 'confirm', yes: false } },
];

/** The keys of the review screen in its current phase (the footer and help show the same table). */
export function reviewBindings(phase: Phase, showingSearch: boolean): readonly Binding[] {
  if (phase === 'search' || phase === 'note') return typing;
  if (phase === 'confirmAuto') return confirming;
  return [...decisionKeys, showingSearch ? searchResultsBack : backBinding];
}

export const REVIEW_HELP =
  'Each video beside its ranked ISRC candidates. Every decision key saves at once (s skips without deciding) (an append-only log; u undoes, any depth), and the next item loads; keys pressed while it loads are ignored, never applied to another item. Queues (f): undecided, deferred, the undecided by recommendation (medium, low, none, strong), a sample of automatic decisions. Each candidate shows the confidence of its recording and, for the picked one, why (each piece of evidence and how much it moved the confidence). / searches the catalog by words or a pasted ISRC. e attaches a note to the next decision. A, after a y/n, accepts every undecided item whose top recording has a confidence ≥ 0.95 and records no match where no recording reaches 0.05 (the defaults of cm-tui match).';
