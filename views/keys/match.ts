import type { Key } from 'ink';

/**
 * A key matcher for binding tables, carrying the label the footer and the help show for it, so
 * the label cannot drift from the keys that work. Plain characters never match when Ctrl or Meta
 * is held.
 */
export interface Matcher {
  (input: string, key: Key): boolean;
  readonly label: string;
}

/** A matcher of one's own (what it matches is not a plain list of keys), with its label. */
export function labelled(label: string, match: (input: string, key: Key) => boolean): Matcher {
  return Object.assign((input: string, key: Key) => match(input, key), { label });
}

const charLabel = (c: string) => (c === ' ' ? 'space' : c);

/** The upper-case twin of a letter also listed ('y', 'Y') is not shown again. */
export const char = (...chars: string[]): Matcher =>
  labelled(
    chars
      .filter((c) => c === c.toLowerCase() || !chars.includes(c.toLowerCase()))
      .map(charLabel)
      .join('/'),
    (input, key) => !key.ctrl && !key.meta && chars.includes(input),
  );

export const ctrl = (letter: string): Matcher => labelled(`Ctrl+${letter.toUpperCase()}`, (input, key) => key.ctrl && input === letter);

type NamedKey = 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab';

const NAMED_LABELS: Record<NamedKey, string> = {
  upArrow: '↑',
  downArrow: '↓',
  leftArrow: '←',
  rightArrow: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: '⏎',
  escape: 'Esc',
  tab: 'Tab',
};

export const named = (...names: NamedKey[]): Matcher =>
  labelled(
    names.map((name) => NAMED_LABELS[name]).join('/'),
    (_input, key) => names.some((name) => key[name]) && !(names.includes('tab') && key.shift),
  );

export const shiftTab: Matcher = labelled('S-Tab', (_input, key) => key.tab && key.shift);

export const anyOf = (...matchers: Matcher[]): Matcher =>
  labelled(
    matchers.map((m) => m.label).join('/'),
    (input, key) => matchers.some((m) => m(input, key)),
  );

/** Every key: the catch-all of a text field, shown as what typing does. */
export const anyKey = (label = 'text'): Matcher => labelled(label, () => true);
