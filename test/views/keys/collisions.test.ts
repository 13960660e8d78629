import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import type { KeyBinding } from '../../../views/keys/binding.js';
import * as app from '../../../views/app/bindings.js';
import * as dashboard from '../../../views/dashboard/bindings.js';
import * as decisions from '../../../views/decisions/bindings.js';
import * as explorer from '../../../views/explorer/bindings.js';
import * as exporting from '../../../views/export/bindings.js';
import * as home from '../../../views/home/bindings.js';
import * as importing from '../../../views/import/bindings.js';
import * as matchRun from '../../../views/match-run/bindings.js';
import * as preview from '../../../views/preview/bindings.js';
import * as review from '../../../views/review/bindings.js';
import type { Phase } from '../../../views/review/review-reducer.js';

type Table = readonly KeyBinding<unknown>[];

const NAMED = ['upArrow', 'downArrow', 'leftArrow', 'rightArrow', 'pageDown', 'pageUp', 'home', 'end', 'return', 'escape', 'tab', 'backspace', 'delete'] as const;
const base = (): Key => Object.fromEntries([...NAMED, 'ctrl', 'shift', 'meta'].map((name) => [name, false])) as unknown as Key;

/** Every key a user can press that a table might bind: printable characters, Ctrl+letter, named keys, with Shift. */
function probes(): { name: string; input: string; key: Key }[] {
  const out: { name: string; input: string; key: Key }[] = [];
  for (let code = 32; code < 127; code++) out.push({ name: JSON.stringify(String.fromCharCode(code)), input: String.fromCharCode(code), key: base() });
  for (let code = 97; code <= 122; code++) {
    const letter = String.fromCharCode(code);
    out.push({ name: `Ctrl+${letter}`, input: letter, key: { ...base(), ctrl: true } });
    out.push({ name: `Meta+${letter}`, input: letter, key: { ...base(), meta: true } });
  }
  for (const name of NAMED) {
    out.push({ name, input: '', key: { ...base(), [name]: true } });
    out.push({ name: `Shift+${name}`, input: '', key: { ...base(), [name]: true, shift: true } });
  }
  return out;
}

const REVIEW_PHASES: Phase[] = ['busy', 'ready', 'empty', 'search', 'note', 'confirmAuto'];

/** Every table a screen shows, by screen and state; the test below checks that none is missing. */
function tables(): Record<string, Table> {
  const all: Record<string, Table> = {};
  const add = (name: string, table: unknown) => (all[name] = table as Table);
  for (const [module, exports] of Object.entries({ app, dashboard, decisions, exporting, home, importing, matchRun, preview })) {
    for (const [name, value] of Object.entries(exports)) if (Array.isArray(value)) add(`${module}.${name}`, value);
  }
  for (const empty of [true, false]) add(`explorer(inputEmpty=${empty})`, explorer.explorerBindings(empty));
  for (const phase of REVIEW_PHASES) for (const searching of [true, false]) add(`review(${phase}, search=${searching})`, review.reviewBindings(phase, searching));
  return all;
}

/** A catch-all (a text field's typing) answers most keys on purpose and stands last in its table. */
const isCatchAll = (binding: KeyBinding<unknown>, keys: ReturnType<typeof probes>) => keys.filter((p) => binding.match(p.input, p.key)).length > keys.length / 2;

describe('key tables', () => {
  it('covers every binding table the views export', () => {
    const functions = [explorer, review].flatMap((m) => Object.entries(m).filter(([, v]) => typeof v === 'function').map(([n]) => n));
    expect(functions.sort()).toEqual(['explorerBindings', 'reviewBindings']);
    expect(Object.keys(tables())).toContain('exporting.doneBindings');
    expect(Object.keys(tables()).length).toBeGreaterThan(20);
  });

  it('never bind one key twice in a table, so every key a footer names does what it says', () => {
    const keys = probes();
    const clashes: string[] = [];
    for (const [name, table] of Object.entries(tables())) {
      table.forEach((binding, i) => {
        if (isCatchAll(binding, keys)) {
          if (i !== table.length - 1) clashes.push(`${name}: catch-all "${binding.match.label}" is not last, so it hides what follows`);
          return;
        }
        for (const probe of keys) {
          if (!binding.match(probe.input, probe.key)) continue;
          const earlier = table.slice(0, i).find((b) => !isCatchAll(b, keys) && b.match(probe.input, probe.key));
          if (earlier) clashes.push(`${name}: ${probe.name} is "${earlier.description}" and "${binding.description}"`);
        }
      });
    }
    expect(clashes).toEqual([]);
  });

  it('label each binding by the keys it answers to', () => {
    const labels = Object.values(tables()).flatMap((table) => table.map((b) => `${b.match.label} ${b.description}`));
    expect(labels).toContain('a/⏎ accept');
    expect(labels).toContain('q/Esc back');
    expect(labels).toContain('Ctrl+C quit cm-tui');
    expect(labels).toContain('Ctrl+C cancel query');
    expect(labels).toContain('space tick');
  });
});
