import { describe, expect, it } from 'vitest';
import { SCREEN_LIST } from '../../src/screens.js';
import { App } from '../../views/app/App.js';
import { ServicesProvider } from '../../views/services.js';
import { renderTui } from '../support/render.js';

const failing = () => Promise.reject(new Error('cannot connect to db.example:5432: connection refused'));

describe('every screen when the database cannot be opened', () => {
  it.each(SCREEN_LIST.map((screen) => [screen.title, screen]))('%s keeps its header and keys: ? helps, q and Esc go back', async (title, screen) => {
    const open = () =>
      renderTui(
        <ServicesProvider description="server postgresql://analyst@db.example:5432/charts" dataDir="/tmp/cm-tui-test" open={failing}>
          <App start={{ name: screen.name }} />
        </ServicesProvider>,
        { columns: 100, rows: 30 },
      );
    let tui = await open();
    const frame = await tui.waitFor('Cannot open the database: cannot connect to db.example:5432: connection refused');
    expect(frame).toContain(`cm-tui › ${title}`);
    expect(frame).toContain('To fix: give the database with --db');
    expect(frame).toMatch(/\? help/);
    await tui.press({ text: '?' });
    // The help overlay (its box) replaces the body.
    expect(await tui.waitForGone('Cannot open the database')).toContain('╭');
    await tui.press({ text: 'x' });
    await tui.waitFor('Cannot open the database');
    await tui.press('esc');
    await tui.waitFor('cm-tui › Home');
    tui.unmount();

    // The explorer's prompt takes q as text (Esc leaves it); every other screen goes back on q.
    if (screen.name === 'explorer') return;
    tui = await open();
    await tui.waitFor('Cannot open the database');
    await tui.press({ text: 'q' });
    await tui.waitFor('cm-tui › Home');
    tui.unmount();
  });
});
