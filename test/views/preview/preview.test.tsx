import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import { initialPreview, previewReducer, type PreviewState } from '../../../views/preview/preview-reducer.js';
import { renderApp } from '../../support/render.js';
import { hasSample, sampleDb } from '../../support/sample-db.js';

const page = (from: number, count: number) => ({
  columns: ['id'],
  rows: Array.from({ length: count }, (_, i) => [from + i]),
  keys: Array.from({ length: count }, (_, i) => [from + i]),
});

describe('preview reducer', () => {
  const opened = (): PreviewState => {
    let s = previewReducer(initialPreview(10), { type: 'open', table: 't' });
    s = previewReducer(s, { type: 'counted', countId: s.countId, total: 35 });
    return previewReducer(s, { type: 'pageLoaded', id: s.ask!.id, page: page(1, 10) });
  };

  it('moves inside the page without asking the database', () => {
    const s = previewReducer(opened(), { type: 'move', move: 'down' });
    expect(s.cursor).toBe(1);
    expect(s.ask).toBeNull();
  });

  it('asks for the page after the last key on PageDown and lands the cursor a page further', () => {
    const s = previewReducer(opened(), { type: 'move', move: 'pageDown' });
    expect(s.ask).toMatchObject({ from: { kind: 'after', key: [10] }, target: 10, anchorOffset: 10 });
    expect(previewReducer(s, { type: 'move', move: 'down' })).toBe(s);
    const loaded = previewReducer(s, { type: 'pageLoaded', id: s.ask!.id, page: page(11, 10) });
    expect(loaded).toMatchObject({ offset: 10, cursor: 10, ask: null });
    const back = previewReducer(loaded, { type: 'move', move: 'up' });
    expect(back.ask).toMatchObject({ from: { kind: 'before', key: [11] }, target: 9, anchorOffset: 10 });
    expect(previewReducer(back, { type: 'pageLoaded', id: back.ask!.id, page: page(1, 10) })).toMatchObject({ offset: 0, cursor: 9 });
  });

  it('jumps to the last page with End using the count, and ignores stale pages', () => {
    const s = previewReducer(opened(), { type: 'move', move: 'end' });
    expect(s.ask?.from).toEqual({ kind: 'end' });
    expect(previewReducer(s, { type: 'pageLoaded', id: s.ask!.id - 1, page: page(26, 10) })).toBe(s);
    expect(previewReducer(s, { type: 'pageLoaded', id: s.ask!.id, page: page(26, 10) })).toMatchObject({ offset: 25, cursor: 34 });
  });

  it('applies a typed filter by reopening at the first row and recounting', () => {
    let s = previewReducer(opened(), { type: 'filterStart' });
    s = previewReducer(s, { type: 'filterEdit', op: { kind: 'insert', text: 'bad' } });
    s = previewReducer(s, { type: 'filterApply' });
    expect(s).toMatchObject({ filter: 'bad', editing: null, total: null, cursor: 0, ask: { from: { kind: 'start' } } });
    // / again opens on "bad" selected: typing replaces it.
    s = previewReducer(s, { type: 'filterStart' });
    expect(s.editing).toEqual({ text: 'bad', cursor: 3, selected: true });
    s = previewReducer(s, { type: 'filterEdit', op: { kind: 'insert', text: 'good' } });
    expect(s.editing).toEqual({ text: 'good', cursor: 4 });
  });
});

describe.skipIf(!hasSample)('Preview screen on the sample (needs ../shared/data)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await sampleDb();
  });
  afterAll(() => handle?.close());

  it('lists tables with counts, pages through media_item_metadata_log, filters with /', async () => {
    const tui = await renderApp(handle, { start: { name: 'preview' } });
    await tui.waitFor('media_item_metadata_log');
    expect(tui.lastFrame()).toMatch(/media_items\s+1,046 rows/);
    expect(tui.lastFrame()).toMatch(/playlist_positions_log\s+3,447 rows/);
    // Tables are listed alphabetically: media_item_metadata_log is after artists, cm_settings, dead_letters...
    const names = [...tui.lastFrame().matchAll(/^(?:▶ | {2})(\w+)\s+[\d,]+ rows?/gm)].map((m) => m[1]);
    for (let i = 0; i < names.indexOf('media_item_metadata_log'); i++) await tui.press('down');
    await tui.press('enter');
    await tui.waitFor('row 1 of 1,046');
    expect(tui.lastFrame()).toContain('primary_title');
    // 40 rows: 36 body lines (a two-line footer), 31 grid rows, so PageDown lands on row 32.
    await tui.press('pageDown');
    await tui.waitFor('row 32 of 1,046');
    await tui.press('down', 'pageUp');
    await tui.waitFor('row 2 of 1,046');
    await tui.press('end');
    await tui.waitFor('row 1,046 of 1,046');
    // r shows the selected row whole, one column per line; ↑ moves to the row before.
    await tui.press({ text: 'r' });
    await tui.waitFor('media_item_metadata_log · row 1,046 of 1,046');
    expect(tui.lastFrame()).toMatch(/^primary_title\s+\S/m);
    await tui.press('up');
    await tui.waitFor('media_item_metadata_log · row 1,045 of 1,046');
    await tui.press('esc');
    await tui.waitFor('row 1,045 of 1,046');
    await tui.press('home');
    await tui.waitFor('row 1 of 1,046');

    await tui.press({ text: '/' });
    await tui.type('Bad Habits');
    await tui.press('enter');
    const filtered = await tui.waitFor(/filter "Bad Habits"[^]*row 1 of \d+\b(?!,)/);
    expect(filtered).toContain('Bad Habits');
    const total = Number(/row 1 of (\d+)/.exec(filtered)![1]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(20);
    await tui.press('esc');
    await tui.waitFor('Pick a table');
    tui.unmount();
  });

  it('opens a table named on the screen and fits a narrow terminal with cut cells', async () => {
    const tui = await renderApp(handle, { start: { name: 'preview', table: 'playlist_observations' }, columns: 80, rows: 24 });
    const frame = await tui.waitFor('row 1 of');
    for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    // Ids are shown whole; columns that do not fit wait for → .
    expect(frame).toContain('PL3oW2tjiIxvQ1BZS58qtot3-p-lD32oWT');
    const shown = Number(/columns 1–(\d+) of 15/.exec(frame)![1]);
    // → moves the current column; the grid scrolls only when it leaves the screen.
    for (let i = 1; i < shown; i++) await tui.press('right');
    expect(tui.lastFrame()).toContain(`columns 1–${shown} of 15`);
    await tui.press('right');
    await tui.waitFor(/columns [2-9]–\d+ of 15/);
    tui.unmount();
  });
});

describe('preview reducer on resize', () => {
  it('asks again when the terminal grows while the first page is loading', () => {
    const opened = previewReducer(initialPreview(16), { type: 'open', table: 't' });
    const grown = previewReducer(opened, { type: 'resize', pageSize: 32 });
    expect(grown.ask!.id).toBeGreaterThan(opened.ask!.id);
    expect(grown).toMatchObject({ pageSize: 32, ask: { from: { kind: 'start' } } });
    expect(previewReducer(grown, { type: 'pageLoaded', id: opened.ask!.id, page: { columns: [], rows: [], keys: [] } })).toBe(grown);
  });
});
