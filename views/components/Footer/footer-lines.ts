import type { KeyBinding } from '../../keys/binding.js';
import { displayWidth } from '../text/text.js';

export interface FooterItem {
  keys: string;
  description: string;
}

/** The footer's items of a binding table: its bindings not kept for the help alone, labelled by their matchers. */
export function footerItems(bindings: readonly KeyBinding<unknown>[]): FooterItem[] {
  return bindings.filter((b) => !b.helpOnly).map((b) => ({ keys: b.match.label, description: b.description }));
}

// Tables are constants: their footer is measured once per width, not on every frame.
const packed = new WeakMap<readonly KeyBinding<unknown>[], Map<number, string[]>>();

/** footerLines of a table's items, remembered per table and width. */
export function tableFooterLines(bindings: readonly KeyBinding<unknown>[], width: number): string[] {
  let byWidth = packed.get(bindings);
  if (!byWidth) packed.set(bindings, (byWidth = new Map()));
  let lines = byWidth.get(width);
  if (!lines) byWidth.set(width, (lines = footerLines(footerItems(bindings), width)));
  return lines;
}

/** Packs "keys description" items into at most `maxLines` lines of `width`; what does not fit is left to `?`. */
export function footerLines(items: readonly FooterItem[], width: number, maxLines = 2): string[] {
  const parts = items.map((item) => `${item.keys} ${item.description}`);
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const candidate = current === '' ? part : `${current}  ${part}`;
    if (displayWidth(candidate) <= width) {
      current = candidate;
      continue;
    }
    if (lines.length + 1 === maxLines) {
      // Last line: keep room for the hint that more keys are in the help.
      const hint = '  ? more';
      lines.push(current + (current.includes('? help') ? '' : hint));
      return lines;
    }
    lines.push(current);
    current = part;
  }
  if (current !== '') lines.push(current);
  return lines;
}
