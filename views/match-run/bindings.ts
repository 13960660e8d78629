import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { backBinding, helpBinding } from '../keys/common.js';
import { anyOf, char, named } from '../keys/match.js';
import { adjustBindings } from '../review/auto-rule.js';
import type { MatchRunAction } from './match-run-reducer.js';

type Binding = KeyBinding<MatchRunAction | ChromeAction>;

const review: Binding = { description: 'review', match: char('r'), action: { type: 'chrome/open', screen: 'review', replace: true } };

export const runningBindings: readonly Binding[] = [{ description: 'cancel (candidates unchanged)', match: named('escape'), action: { type: 'cancel' } }, helpBinding];

export const autoBindings: readonly Binding[] = [
  ...adjustBindings,
  { description: 'decide them', match: char('y', 'Y'), action: { type: 'confirm', yes: true } },
  { description: 'not now', match: anyOf(char('n', 'N'), named('escape')), action: { type: 'confirm', yes: false } },
  helpBinding,
];

export const doneBindings: readonly Binding[] = [review, helpBinding, backBinding];

export const MATCH_RUN_HELP =
  'Scores every video against the ISRC catalog (the matcher of `cm-tui match`): the top 5 candidates of each are stored, replacing the previous run\'s, in one transaction; decisions are never touched. Then the automatic decisions, two bars over the stored confidence: accept every undecided item whose top recording reaches the accept bar (+/-, default 0.95), record no match where no recording reaches the no-match bar (>/<, default 0.05); each counted live as the bars move, both recorded after y (method auto, undoable in review). r opens the review queue.';
