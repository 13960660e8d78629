import { createContext, useContext, type RefObject } from 'react';
import type { ChromeAction, KeyBinding } from '../keys/binding.js';
import type { Screen } from './screen.js';
import type { TerminalSize } from './useTerminalSize.js';

/** What every screen may ask of the app around it: navigation, help, the terminal size. */
export interface Chrome {
  helpOpen: boolean;
  /** The terminal is below the minimum size: the screen stays mounted but hidden and deaf. */
  tooSmall: boolean;
  size: TerminalSize;
  /** The key table of the screen on top, as its useKeyBindings last rendered it: its keys win over the app's. */
  screenKeys: RefObject<readonly KeyBinding<unknown>[]>;
  handle(action: ChromeAction): void;
  /** Opens another screen on top (q/Esc comes back). */
  go(screen: Screen): void;
}

export const ChromeContext = createContext<Chrome | null>(null);

export function useChrome(): Chrome {
  const chrome = useContext(ChromeContext);
  if (!chrome) throw new Error('useChrome outside <App>: render screens inside App (or test/support/render.tsx)');
  return chrome;
}
