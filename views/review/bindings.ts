import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { editingBindings, REPLACES_SELECTED } from '../keys/editing.js';
import { anyOf, char, labelled, named } from '../keys/match.js';
import { adjustBindings } from './auto-rule.js';
import type { Phase, ReviewAction } from './review-reducer.js';

type Binding = KeyBinding<ReviewAction | ChromeAction>;

const decisionKeys: readonly Binding[] = [
  { description: 'pick', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'pick', delta: key.upArrow ? -1 : 1 }) },
  { description: 'pick candidate n', match: labelled('1-9', (input, key) => !key.ctrl && !key.meta && /^[1-9]$/.test(input)), action: (input) => ({ type: 'pickNumber', number: Number(input) }), helpOnly: true },
  { description: 'accept', match: anyOf(char('a'), named('return')), action: { type: 'decide', verdict: 'accept' } },
  { description: 'reject', match: char('r'), action: { type: 'decide', verdict: 'reject' } },
  { description: 'no match', match: char('n'), action: { type: 'decide', verdict: 'no_match' } },
  { description: 'defer', match: char('d'), action: { type: 'decide', verdict: 'defer' } },
  { description: 'skip', match: char('s'), action: { type: 'skip' } },
  { description: 'previous item', match: char('[', 'p'), action: { type: 'move', step: -1 } },
  { description: 'next item', match: char(']'), action: { type: 'move', step: 1 } },
  { description: 'undo', match: char('u'), action: { type: 'undo' } },
  { description: 'search', match: char('/'), action: { type: 'openSearch' } },
  { description: 'note', match: char('e'), action: { type: 'openNote' } },
  { description: 'queue', match: char('f'), action: { type: 'cycleQueue' } },
  { description: 'automatic decisions…', match: char('A'), action: { type: 'autoAccept' } },
  { description: 'run match', match: char('m'), action: { type: 'chrome/open', screen: 'run-match' } },
  { description: 'past decisions', match: char('h'), action: { type: 'chrome/open', screen: 'decisions' } },
  helpBinding,
];

const searchResultsBack: Binding = { description: 'back to candidates', match: named('escape'), action: { type: 'closeText' } };

const typing: readonly Binding[] = [
  { description: 'done', match: named('return'), action: { type: 'submitText' } },
  { description: 'cancel', match: named('escape'), action: { type: 'closeText' } },
  ...editingBindings<ReviewAction>(`type the search or the note; ${REPLACES_SELECTED}`, (op) => ({ type: 'edit', op })),
];

const confirming: readonly Binding[] = [
  { description: 'decide them', match: char('y', 'Y'), action: { type: 'confirm', yes: true } },
  ...adjustBindings,
  { description: 'cancel', match: anyOf(char('n', 'N'), named('escape')), action: { type: 'confirm', yes: false } },
];

const reviewing: readonly Binding[] = [...decisionKeys, backBinding];
const reviewingSearch: readonly Binding[] = [...decisionKeys, searchResultsBack];

/** The keys of the review screen in its current phase (the footer and help show the same table). */
export function reviewBindings(phase: Phase, showingSearch: boolean): readonly Binding[] {
  if (phase === 'search' || phase === 'note') return typing;
  if (phase === 'confirmAuto') return confirming;
  return showingSearch ? reviewingSearch : reviewing;
}

export const REVIEW_HELP =
  'Each video beside its ranked ISRC candidates; 1-9 picks a candidate by its number. Every decision key saves at once (s skips without deciding) (an append-only log; u undoes, any depth), and the next item loads; keys pressed while it loads are ignored, never applied to another item. Queues (f): undecided, deferred, the undecided by recommendation (medium, low, none, strong), a sample of automatic decisions. Each queue comes most decidable first (by the stored recommendation: strong, medium, low, none), then by its confidence; [ or p goes back an item, ] forward, decided ones included. Each candidate shows the confidence of its recording and, for the picked one, why (each piece of evidence and how much it moved the confidence). / searches the catalog by words or a pasted ISRC; hits are scored against the video as candidates are. e attaches a note to the next decision. A opens the automatic decisions: two bars over the confidence, accept (+/-, default 0.95) and no match (>/<, default 0.05), each with a live count of the undecided items it would decide; y records both.';
