/** Every screen of the app, as one tagged value; the App renders whichever is on top of the stack. */
export type Screen =
  | { name: 'home' }
  | { name: 'import' }
  | { name: 'preview'; table?: string }
  | { name: 'export' }
  | { name: 'review' }
  | { name: 'explorer' }
  | { name: 'dashboard' };

export type ScreenName = Screen['name'];

/** The screens `cm-tui <name>` can open directly. */
export const SCREEN_NAMES = ['import', 'preview', 'export', 'review', 'explorer', 'dashboard'] as const satisfies readonly ScreenName[];

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
