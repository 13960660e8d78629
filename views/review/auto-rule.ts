import { DEFAULT_ACCEPT_CONFIDENCE, DEFAULT_NO_MATCH_CONFIDENCE } from '../../src/match/recommendation.js';
import type { DbHandle } from '../../src/db/connect.js';
import { applyAutomatic, countAutomatic, type AutomaticRule } from '../../src/match/store.js';
import type { KeyBinding } from '../keys/binding.js';
import { char } from '../keys/match.js';

/** The auto-decision bars the analyst sets over the stored confidence (Review's A, Run match's last step). */
export interface AutoRule {
  /** Accept the top recording where its confidence reaches this. */
  accept: number;
  /** Record no match where no recording's confidence reaches this. */
  noMatch: number;
}

/** What each bar would decide now: undecided items accepted, recorded as no match. */
export interface AutoCount {
  accept: number;
  noMatch: number;
}

export const DEFAULT_AUTO_RULE: AutoRule = { accept: DEFAULT_ACCEPT_CONFIDENCE, noMatch: DEFAULT_NO_MATCH_CONFIDENCE };

/** The two automatic rules the bars stand for, accept first. */
export function automaticRules(rule: AutoRule): { accept: AutomaticRule; noMatch: AutomaticRule } {
  return { accept: { decision: 'accept', confidence: rule.accept }, noMatch: { decision: 'no_match', confidence: rule.noMatch } };
}

/** What each bar would decide now (undecided items only). */
export async function countAutoRule(db: DbHandle['db'], rule: AutoRule): Promise<AutoCount> {
  const rules = automaticRules(rule);
  return { accept: await countAutomatic(db, rules.accept), noMatch: await countAutomatic(db, rules.noMatch) };
}

/** Records both bars' decisions (accepts first) through the race-free insert; how many of each. */
export async function applyAutoRule(db: DbHandle['db'], rule: AutoRule, reviewer: string): Promise<AutoCount> {
  const rules = automaticRules(rule);
  const accept = await applyAutomatic(db, rules.accept, reviewer);
  return { accept, noMatch: await applyAutomatic(db, rules.noMatch, reviewer) };
}

/** How far one key press moves a bar. */
export const AUTO_STEP = 0.01;

export type AdjustAuto = { type: 'adjustAuto'; bar: keyof AutoRule; delta: number };

/**
 * The rule with one bar moved, kept within [0, 1] and the no-match bar never over the accept bar
 * (as `match` refuses); the same rule when it cannot move.
 */
export function adjustRule(rule: AutoRule, bar: keyof AutoRule, delta: number): AutoRule {
  const value = Math.round((rule[bar] + delta) * 100) / 100;
  const bounded = bar === 'accept' ? Math.min(1, Math.max(rule.noMatch, value)) : Math.min(rule.accept, Math.max(0, value));
  return bounded === rule[bar] ? rule : { ...rule, [bar]: bounded };
}

/** The keys that move the bars, shared by every auto-decision panel. */
export const adjustBindings: readonly KeyBinding<AdjustAuto>[] = [
  { description: 'accept bar up/down', match: char('+', '=', '-'), action: (input) => ({ type: 'adjustAuto', bar: 'accept', delta: input === '-' ? -AUTO_STEP : AUTO_STEP }) },
  { description: 'no-match bar up/down', match: char('>', '<'), action: (input) => ({ type: 'adjustAuto', bar: 'noMatch', delta: input === '<' ? -AUTO_STEP : AUTO_STEP }) },
];

const items = (n: number) => `${n.toLocaleString('en-US')} undecided ${n === 1 ? 'item' : 'items'}`;

/** The panel's lines: each bar with its keys and what it would decide. */
export function describeRule(rule: AutoRule, count: AutoCount | null): string[] {
  return [
    `Auto-accept: confidence ≥ ${rule.accept.toFixed(2)} (+/-) → ${count === null ? 'counting…' : items(count.accept)}`,
    `Auto no-match: no recording reaches ${rule.noMatch.toFixed(2)} (>/<) → ${count === null ? 'counting…' : items(count.noMatch)}`,
  ];
}
