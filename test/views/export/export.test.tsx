import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { sql } from 'kysely';
import { exportReducer, initialExport } from '../../../views/export/export-reducer.js';
import { renderApp } from '../../support/render.js';
import { hasSample, sampleDb } from '../../support/sample-db.js';

describe('export reducer', () => {
  const loaded = () => exportReducer(initialExport('/out'), { type: 'loaded', tables: ['artists', 'dead_letters', 'users'], preselected: ['users', 'artists'] });

  it('ticks the preselected tables in table order, toggles with space and all/none with a', () => {
    let s = loaded();
    expect(s.selected).toEqual(['artists', 'users']);
    s = exportReducer(s, { type: 'toggle' });
    expect(s.selected).toEqual(['users']);
    s = exportReducer(s, { type: 'all' });
    expect(s.selected).toEqual(['artists', 'dead_letters', 'users']);
    s = exportReducer(s, { type: 'all' });
    expect(s.selected).toEqual([]);
    expect(exportReducer(s, { type: 'start' })).toMatchObject({ phase: 'choose', message: 'tick at least one table (space, or a for all)' });
  });

  it('toggles safe formulas with f while choosing, not while running', () => {
    let s = loaded();
    expect(s.safeFormulas).toBe(false);
    s = exportReducer(s, { type: 'safe-formulas' });
    expect(s.safeFormulas).toBe(true);
    s = exportReducer(s, { type: 'start' });
    expect(exportReducer(s, { type: 'safe-formulas' }).safeFormulas).toBe(true);
  });

  it('needs a folder before it starts', () => {
    let s = exportReducer(loaded(), { type: 'focus' });
    s = exportReducer(s, { type: 'edit', op: { kind: 'clear' } });
    expect(exportReducer(s, { type: 'start' })).toMatchObject({ phase: 'choose', focus: 'folder', message: 'type the output folder' });
  });
});

describe.skipIf(!hasSample)('Export screen on the sample (needs ../shared/data)', () => {
  let handle: DbHandle;
  let out: string;
  beforeAll(async () => {
    handle = await sampleDb();
    out = mkdtempSync(join(tmpdir(), 'cm-tui-export-'));
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('exports the ticked tables into the typed folder and lists the files with row counts', async () => {
    const tui = await renderApp(handle, { start: { name: 'export' } });
    await tui.waitFor('Tables (8 of');
    await tui.waitFor(/users\s+7 rows/);
    // Untick everything, then tick artists (first in the list) only.
    // a ticks all (8 of N were ticked), a again ticks none.
    await tui.press({ text: 'a' }, { text: 'a' });
    await tui.waitFor('Tables (0 of');
    await tui.press('space');
    await tui.waitFor('[x] artists');
    await tui.press('tab');
    // The default folder is selected: typing replaces it.
    await tui.type(join(out, 'csv'));
    await tui.press('enter');
    const frame = await tui.waitFor('Wrote 1 file');
    expect(frame).toMatch(new RegExp(`artists\\s+262 rows\\s+${join(out, 'csv', 'artists.csv').replace(/[/.]/g, '\\$&')}`));
    expect(readFileSync(join(out, 'csv', 'artists.csv'), 'utf8').trim().split('\n')).toHaveLength(263);
    tui.unmount();
  });
});

describe('Export screen: safe formulas', () => {
  it('f turns it on: the footer says so and cells starting with = or @ get a leading apostrophe', async () => {
    const handle = await connect({ kind: 'embedded', dir: 'memory://' });
    const out = mkdtempSync(join(tmpdir(), 'cm-tui-export-'));
    try {
      await sql`INSERT INTO artists (name) VALUES ('=HYPERLINK("http://x")'), ('@SUM(A1)'), ('Plain')`.execute(handle.db);
      const tui = await renderApp(handle, { start: { name: 'export' } });
      await tui.waitFor('Tables (8 of');
      expect(tui.lastFrame()).toContain('f safe formulas');
      await tui.press({ text: 'a' }, { text: 'a' });
      await tui.waitFor('Tables (0 of');
      await tui.press('space');
      await tui.waitFor('[x] artists');
      await tui.press({ text: 'f' });
      await tui.waitFor('Safe formulas: on');
      await tui.press('tab');
      await tui.type('\u0015');
      await tui.type(join(out, 'csv'));
      await tui.press('enter');
      await tui.waitFor('Wrote 1 file');
      expect(readFileSync(join(out, 'csv', 'artists.csv'), 'utf8')).toBe(`id,name\n1,"'=HYPERLINK(""http://x"")"\n2,'@SUM(A1)\n3,Plain\n`);
      tui.unmount();
    } finally {
      await handle.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
