import { useInput } from 'ink';
import type { RefObject } from 'react';
import { findBinding, resolveAction, type KeyBinding } from '../keys/binding.js';
import { appBindings, helpOpenBindings, tooSmallBindings } from './bindings.js';
import type { Chrome } from './chrome.js';

/**
 * The app's own keys (views/app/bindings.ts): Ctrl+C on every screen whose table does not bind
 * it, q/Esc while the terminal is too small, any key while the help is open.
 */
export function useAppKeys(chrome: Chrome, screenKeys: RefObject<readonly KeyBinding<unknown>[]>): void {
  useInput((input, key) => {
    const screenHandles = findBinding(screenKeys.current, input, key) !== undefined;
    const tables = [screenHandles ? [] : appBindings, chrome.tooSmall ? tooSmallBindings : chrome.helpOpen ? helpOpenBindings : []];
    for (const table of tables) {
      const binding = findBinding(table, input, key);
      if (binding) return chrome.handle(resolveAction(binding, input, key));
    }
  });
}
