import { describe, expect, it } from 'vitest';
import type { Key } from 'ink';
import { findBinding, resolveAction } from '../../../views/keys/binding.js';
import { homeBindings } from '../../../views/home/bindings.js';
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
});
