import type { Key } from 'ink';

/** Key matchers for binding tables. Plain characters never match when Ctrl or Meta is held. */
export type Matcher = (input: string, key: Key) => boolean;

export const char =
  (...chars: string[]): Matcher =>
  (input, key) =>
    !key.ctrl && !key.meta && chars.includes(input);

export const ctrl =
  (letter: string): Matcher =>
  (input, key) =>
    key.ctrl && input === letter;

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

export const named =
  (...names: NamedKey[]): Matcher =>
  (_input, key) =>
    names.some((name) => key[name]) && !(names.includes('tab') && key.shift);

export const shiftTab: Matcher = (_input, key) => key.tab && key.shift;

export const anyOf =
  (...matchers: Matcher[]): Matcher =>
  (input, key) =>
    matchers.some((m) => m(input, key));

export const anyKey: Matcher = () => true;
