import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { quitBinding } from '../keys/common.js';
import { anyKey, ctrl } from '../keys/match.js';

type Binding = KeyBinding<ChromeAction>;

/** Keys the app answers on every screen, unless the screen's own table binds the same key (the explorer's Ctrl+C cancels its query). */
export const appBindings: readonly Binding[] = [{ description: 'quit cm-tui', match: ctrl('c'), action: { type: 'chrome/quit' }, helpOnly: true }];

/** While the terminal is below the minimum size the screen is hidden and deaf: only these work. */
export const tooSmallBindings: readonly Binding[] = [quitBinding];

/** While the help overlay is open any key closes it. */
export const helpOpenBindings: readonly Binding[] = [{ description: 'close the help', match: anyKey('any key'), action: { type: 'chrome/help' } }];
