import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { homeReducer, initialHome } from '../../../views/home/home-reducer.js';
import { renderApp } from '../../support/render.js';

describe('home reducer', () => {
  it('wraps the selection around the menu and opens the picked screen', () => {
    const up = homeReducer(initialHome, { type: 'move', delta: -1 });
    expect(up.selected).toBe(7);
    expect(homeReducer(up, { type: 'move', delta: 1 }).selected).toBe(0);
    expect(homeReducer(initialHome, { type: 'open' }).opening).toBe('import');
    expect(homeReducer(initialHome, { type: 'openScreen', name: 'dashboard' })).toEqual({ selected: 6, opening: 'dashboard' });
  });
});

describe('Home screen', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
  });
  afterAll(() => handle?.close());

  it('shows the database, the counts and the menu; ? shows help; too small shows a message', async () => {
    const tui = await renderApp(handle);
    const frame = await tui.waitFor('Observations: 0');
    expect(frame).toContain('Database: embedded PGlite at memory://');
    expect(frame).toContain('Media items: 0');
    expect(frame).toContain('▶ i  Import');
    expect(frame).toContain('q/Esc quit');
    await tui.press('down');
    expect(tui.lastFrame()).toContain('▶ p  Preview');
    await tui.press({ text: '?' });
    await tui.waitFor('Home — keys');
    expect(tui.lastFrame()).toContain('any key closes this help');
    await tui.press('space');
    await tui.waitForGone('Home — keys');
    await tui.resize(60, 15);
    await tui.waitFor('Terminal too small: 60x15');
    await tui.resize(120, 40);
    await tui.waitFor('▶ p  Preview');
    tui.unmount();
  });
});
