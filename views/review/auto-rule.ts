import { DEFAULT_AUTO_ACCEPT, DEFAULT_MARGIN } from '../../src/match/auto-accept.js';
import type { AutoAcceptRule } from '../../src/match/store.js';
import type { KeyBinding } from '../keys/binding.js';
import { char } from '../keys/match.js';

/** The auto-decision bars the analyst sets (Review's A, Run match's last step). */
export type AutoRule = AutoAcceptRule;

export const DEFAULT_AUTO_RULE: AutoRule = { threshold: DEFAULT_AUTO_ACCEPT, margin: DEFAULT_MARGIN };

/** How far one key press moves a bar. */
export const AUTO_STEP = 0.01;

export type AdjustAuto = { type: 'adjustAuto'; bar: keyof AutoRule; delta: number };

/** The rule with one bar moved, kept within [0.01, 1] (score) and [0, 1] (lead); the same rule when it cannot move. */
export function adjustRule(rule: AutoRule, bar: keyof AutoRule, delta: number): AutoRule {
  const value = Math.round((rule[bar] + delta) * 100) / 100;
  const bounded = Math.min(1, Math.max(bar === 'threshold' ? AUTO_STEP : 0, value));
  return bounded === rule[bar] ? rule : { ...rule, [bar]: bounded };
}

/** The keys that move the bars, shared by every auto-decision panel. */
export const adjustBindings: readonly KeyBinding<AdjustAuto>[] = [
  { description: 'score bar up/down', match: char('+', '=', '-'), action: (input) => ({ type: 'adjustAuto', bar: 'threshold', delta: input === '-' ? -AUTO_STEP : AUTO_STEP }) },
  { description: 'lead up/down', match: char('>', '<'), action: (input) => ({ type: 'adjustAuto', bar: 'margin', delta: input === '<' ? -AUTO_STEP : AUTO_STEP }) },
];

/** The panel's line: the bars with their keys and what they would decide. */
export function describeRule(rule: AutoRule, count: number | null): string {
  const what = count === null ? 'counting…' : `${count.toLocaleString('en-US')} undecided ${count === 1 ? 'item' : 'items'}`;
  return `Auto-accept: top score ≥ ${rule.threshold.toFixed(2)} (+/-), lead ≥ ${rule.margin.toFixed(2)} (>/<) → ${what}`;
}
