import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { findBinding, resolveAction } from '../../../views/keys/binding.js';
import type { KeyBinding } from '../../../views/keys/binding.js';
import { homeBindings } from '../../../views/home/bindings.js';
import { typingBindings } from '../../../views/decisions/bindings.js';
import { folderBindings } from '../../../views/export/bindings.js';
import { inputBindings } from '../../../views/import/bindings.js';
import { reviewBindings } from '../../../views/review/bindings.js';
import { explorerBindings } from '../../../views/explorer/bindings.js';
import { filterBindings } from '../../../views/preview/bindings.js';
import { initialNav, navReducer } from '../../../views/app/screen.js';

const key = (over: Partial<Key> = {}): Key => ({ upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, ...over }) as Key;

describe('key tables', () => {
  it('resolve the first matching binding to its action', () => {
    const up = findBinding(homeBindings, '', key({ upArrow: true }))!;
    expect(resolveAction(up, '', key({ upArrow: true }))).toEqual({ type: 'move', delta: -1 });
    expect(resolveAction(findBinding(homeBindings, 'q', key())!, 'q', key())).toEqual({ type: 'chrome/quit' });
    expect(resolveAction(findBinding(homeBindings, 'p', key())!, 'p', key())).toEqual({ type: 'openScreen', name: 'preview' });
    expect(findBinding(homeBindings, 'p', key({ ctrl: true }))).toBeUndefined();
  });
});

describe('text fields', () => {
  const fields: Record<string, readonly KeyBinding<unknown>[]> = {
    'review search and note': reviewBindings('search', false),
    'import path': inputBindings,
    'export folder': folderBindings,
    'decisions filter': typingBindings,
    'explorer statement': explorerBindings(false),
    'preview filter': filterBindings,
  };

  it.each(Object.keys(fields))('%s: the help names the shell keys, and they edit', (name) => {
    const table = fields[name]!;
    const help = Object.fromEntries(table.map((b) => [b.match.label, b.description]));
    expect(help).toMatchObject({
      'Ctrl+A': 'to the start of the line',
      'Ctrl+E': 'to the end of the line',
      'Ctrl+U': 'delete to the start of the line',
      'Ctrl+W': 'delete the word before the cursor',
    });
    const action = (input: string, over: Partial<Key>) => resolveAction(findBinding(table, input, key(over))!, input, key(over));
    const edit = name === 'preview filter' ? 'filterEdit' : 'edit';
    expect(action('w', { ctrl: true })).toEqual({ type: edit, op: { kind: 'deleteWord' } });
    expect(action('x', {})).toEqual({ type: edit, op: { kind: 'insert', text: 'x' } });
  });
});

describe('navigation', () => {
  it('opens a preset screen above Home, goes back, and empties when leaving Home', () => {
    const start = initialNav({ name: 'preview' });
    expect(start).toEqual([{ name: 'home' }, { name: 'preview' }]);
    const back = navReducer(start, { type: 'back' });
    expect(back).toEqual([{ name: 'home' }]);
    expect(navReducer(back, { type: 'back' })).toEqual([]);
    expect(navReducer(back, { type: 'push', screen: { name: 'preview', table: 'artists' } })).toEqual([{ name: 'home' }, { name: 'preview', table: 'artists' }]);
  });
});

describe('chunks holding text and Enter', () => {
  it('are split so the Enter is still an Enter', async () => {
    const { splitReturns } = await import('../../../views/keys/useKeyBindings.js');
    const parts = splitReturns('/data/feed.json\rq', key());
    expect(parts.map(([text, k]) => [text, k.return])).toEqual([
      ['/data/feed.json', false],
      ['\r', true],
      ['q', false],
    ]);
    expect(splitReturns('abc', key())).toEqual([['abc', key()]]);
  });

  it('are a paste in a multi-line text: its line ends stay text, a last one is Enter', async () => {
    const { splitPaste } = await import('../../../views/keys/useKeyBindings.js');
    expect(splitPaste('select a,\rb\rfrom t', key())).toEqual([['select a,\rb\rfrom t', key()]]);
    expect(splitPaste('select 1;\r', key()).map(([text, k]) => [text, k.return])).toEqual([
      ['select 1;', false],
      ['\r', true],
    ]);
    expect(splitPaste('\r', key({ return: true }))).toEqual([['\r', key({ return: true })]]);
  });
});
