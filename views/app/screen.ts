import type { ScreenName } from '../../src/screens.js';

/** Parameters a screen can be opened with, beyond its name. */
interface ScreenParams {
  preview: { table?: string };
}

/**
 * Every screen of the app, as one tagged value: the names of src/screens.ts, each with its
 * parameters. The App renders whichever is on top of the stack.
 */
export type Screen = { [N in ScreenName]: { name: N } & (N extends keyof ScreenParams ? ScreenParams[N] : unknown) }[ScreenName];

export type { ScreenName };

export type NavAction = { type: 'push'; screen: Screen } | { type: 'back' } | { type: 'replace'; screen: Screen };

/** The navigation stack; empty means the user left Home and the app should exit. */
export type NavState = readonly Screen[];

export function initialNav(start?: Screen): NavState {
  return start === undefined || start.name === 'home' ? [{ name: 'home' }] : [{ name: 'home' }, start];
}

export function navReducer(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'push':
      return [...state, action.screen];
    case 'back':
      return state.slice(0, -1);
    case 'replace':
      return state.length === 0 ? [action.screen] : [...state.slice(0, -1), action.screen];
  }
}

export function currentScreen(state: NavState): Screen | undefined {
  return state[state.length - 1];
}
