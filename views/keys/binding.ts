import type { Key } from 'ink';
import type { StartScreen } from '../../src/screens.js';
import type { Matcher } from './match.js';

/**
 * One row of a screen's key table. The same table drives the input handler, the footer and the
 * help overlay, so what is shown is always what works.
 */
export interface KeyBinding<A> {
  description: string;
  /** What the binding answers to; its label ('a/⏎') is what the footer and help show. */
  match: Matcher;
  /** The action to dispatch; a function when the action carries what was typed. */
  action: A | ((input: string, key: Key) => A);
  /** Listed in the help overlay but not in the (narrow) footer. */
  helpOnly?: boolean;
}

/** Actions every screen shares; useKeyBindings handles them itself. `chrome/open` opens a screen on top (or in place of this one). */
export type ChromeAction = { type: 'chrome/back' } | { type: 'chrome/help' } | { type: 'chrome/quit' } | { type: 'chrome/open'; screen: StartScreen; replace?: boolean };

export function isChromeAction(action: unknown): action is ChromeAction {
  return typeof action === 'object' && action !== null && typeof (action as { type?: unknown }).type === 'string' && (action as { type: string }).type.startsWith('chrome/');
}

export function resolveAction<A>(binding: KeyBinding<A>, input: string, key: Key): A {
  return typeof binding.action === 'function' ? (binding.action as (input: string, key: Key) => A)(input, key) : binding.action;
}

/** The first binding matching the key press, as a pure function so tables can be tested. */
export function findBinding<A>(table: readonly KeyBinding<A>[], input: string, key: Key): KeyBinding<A> | undefined {
  return table.find((binding) => binding.match(input, key));
}
