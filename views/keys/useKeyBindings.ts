import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';
import { useChrome } from '../app/chrome.js';
import { findBinding, isChromeAction, resolveAction, type ChromeAction, type KeyBinding } from './binding.js';

/**
 * Sends the action of the first binding matching each key press to `dispatch`; chrome actions
 * (back, help, quit) go to the app. The handler reads no screen state: decisions happen in the
 * screen's reducer. The table is read through a ref set at render, so a key arriving right after
 * a render (before effects re-subscribe handlers) already meets the table of what is on screen.
 * Inactive while the help overlay is open (the overlay takes the keys then) or the terminal is too small.
 */
export function useKeyBindings<A>(table: readonly KeyBinding<A | ChromeAction>[], dispatch: (action: A) => void, options: { isActive?: boolean; chunks?: typeof splitReturns } = {}): void {
  const chrome = useChrome();
  const split = options.chunks ?? splitReturns;
  const latest = useRef({ table, dispatch, chrome, split });
  latest.current = { table, dispatch, chrome, split };
  chrome.screenKeys.current = table as readonly KeyBinding<unknown>[];
  const handler = useCallback((input: string, key: Key) => {
    const { table: current, dispatch: send, chrome: app, split: chunks } = latest.current;
    const press = (text: string, pressed: Key) => {
      const binding = findBinding(current, text, pressed);
      if (!binding) return;
      const action = resolveAction(binding, text, pressed);
      if (isChromeAction(action)) app.handle(action);
      else send(action as A);
    };
    for (const [text, pressed] of chunks(input, key)) press(text, pressed);
  }, []);
  useInput(handler, { isActive: (options.isActive ?? true) && !chrome.helpOpen && !chrome.tooSmall });
}

/**
 * Text and Enter typed faster than the app reads (a paste, tmux send-keys, a fast typist) arrive as
 * one chunk, which ink reports as plain input: split it so each Enter is still an Enter.
 */
export function splitReturns(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || key.return || key.ctrl || key.meta || !/[\r\n]/.test(input)) return [[input, key]];
  return input
    .split(/(\r\n|\r|\n)/)
    .filter((part) => part !== '')
    .map((part): [string, Key] => (/^(\r\n|\r|\n)$/.test(part) ? ['\r', { ...key, return: true }] : [part, key]));
}

/**
 * For a multi-line text (the explorer's statement): a chunk is a paste and keeps its line ends as
 * text, except a last one, which is the Enter typed after it (tmux send-keys, typing ahead).
 */
export function splitPaste(input: string, key: Key): [string, Key][] {
  if (input.length <= 1 || key.return || key.ctrl || key.meta) return [[input, key]];
  const end = /(\r\n|\r|\n)$/.exec(input);
  if (!end) return [[input, key]];
  const text = input.slice(0, input.length - end[0].length);
  const enter: [string, Key] = ['\r', { ...key, return: true }];
  return text === '' ? [enter] : [[text, key], enter];
}
