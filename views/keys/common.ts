import type { ChromeAction, KeyBinding } from './binding.js';
import { anyOf, char, named } from './match.js';

/** `?` toggles the help overlay on every screen. */
export const helpBinding: KeyBinding<ChromeAction> = { description: 'help', match: char('?'), action: { type: 'chrome/help' } };

/** `q`/Esc goes back (on Home: quits). Screens with a text field bind only Esc while typing. */
export const backBinding: KeyBinding<ChromeAction> = { description: 'back', match: anyOf(char('q'), named('escape')), action: { type: 'chrome/back' } };

export const escBackBinding: KeyBinding<ChromeAction> = { description: 'back', match: named('escape'), action: { type: 'chrome/back' } };

export const quitBinding: KeyBinding<ChromeAction> = { description: 'quit', match: anyOf(char('q'), named('escape')), action: { type: 'chrome/quit' } };
