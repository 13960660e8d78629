import { SCREEN_LIST, type ScreenName } from '../../src/screens.js';

export interface HomeState {
  selected: number;
  /** Set when the user picked a screen; the component opens it. */
  opening: ScreenName | null;
}

export type HomeAction = { type: 'move'; delta: number } | { type: 'open' } | { type: 'openScreen'; name: ScreenName } | { type: 'opened' };

export const initialHome: HomeState = { selected: 0, opening: null };

export function homeReducer(state: HomeState, action: HomeAction): HomeState {
  const count = SCREEN_LIST.length;
  switch (action.type) {
    case 'move':
      return { ...state, selected: (((state.selected + action.delta) % count) + count) % count };
    case 'open': {
      const name = SCREEN_LIST[state.selected]?.name;
      return name ? { ...state, opening: name } : state;
    }
    case 'openScreen': {
      const index = SCREEN_LIST.findIndex((s) => s.name === action.name);
      return index >= 0 ? { selected: index, opening: action.name } : state;
    }
    case 'opened':
      return { ...state, opening: null };
  }
}
