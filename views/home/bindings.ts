import { SCREEN_LIST } from '../../src/screens.js';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import { helpBinding, quitBinding } from '../keys/common.js';
import { char, named } from '../keys/match.js';
import type { HomeAction } from './home-reducer.js';

export const homeBindings: readonly KeyBinding<HomeAction | ChromeAction>[] = [
  { description: 'select', match: named('upArrow', 'downArrow'), action: (_i, key) => ({ type: 'move', delta: key.upArrow ? -1 : 1 }) },
  { description: 'open', match: named('return'), action: { type: 'open' } },
  ...SCREEN_LIST.map(
    (screen): KeyBinding<HomeAction> => ({ description: screen.title, match: char(screen.key), action: { type: 'openScreen', name: screen.name }, helpOnly: true }),
  ),
  helpBinding,
  quitBinding,
];
