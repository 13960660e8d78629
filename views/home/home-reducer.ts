import { SCREEN_INFO } from '../app/screen-info.js';
import type { ScreenName } from '../app/screen.js';

export interface HomeState {
  selected: number;
  /** Set when the user picked a screen; the component opens it. */
  opening: ScreenName | null;
}

export type HomeAction = { type: 'move'; delta: number } | { type: 'open' } | { type: 'openScreen'; name: ScreenName } | { type: 'opened' };

export const initialHome: HomeState = { selected: 0, opening: null };

export function homeReducer(state: HomeState, action: HomeAction, available: (name: ScreenName) => boolean = () => true): HomeState {
  const count = SCREEN_INFO.length;
  switch (action.type) {
    case 'move':
      return { ...state, selected: (((state.selected + action.delta) % count) + count) % count };
    case 'open': {
      const name = SCREEN_INFO[state.selected]?.name;
      return name && available(name) ? { ...state, opening: name } : state;
    }
    case 'openScreen': {
      const index = SCREEN_INFO.findIndex((s) => s.name === action.name);
      return index >= 0 && available(action.name) ? { selected: index, opening: action.name } : state;
    }
    case 'opened':
      return { ...state, opening: null };
  }
}
