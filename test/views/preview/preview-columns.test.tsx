import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { initialPreview, previewReducer, type PreviewState } from '../../../views/preview/preview-reducer.js';
import { renderApp, type Tui } from '../../support/render.js';

const NOTE = 'Released as a single in spring; the label re-issued it with a remastered mix and a new cover, so two ISRCs point at one recording.';

describe('preview reducer: current column, widths, sort', () => {
  const opened = (): PreviewState => {
    let s = previewReducer(initialPreview(5, 60), { type: 'open', table: 't' });
    s = previewReducer(s, { type: 'counted', countId: s.countId, total: 2 });
    const columns = ['id', 'title', 'isrc', 'released_at'];
    const rows = [[1, 'x'.repeat(40), 'USUG12100001', '2022-05-01T12:30:00.000Z']];
    return previewReducer(s, { type: 'pageLoaded', id: s.ask!.id, page: { columns, rows, keys: [[1]] } });
  };

  it('scrolls only when the current column leaves the screen', () => {
    let s = opened();
    expect(s.firstColumn).toBe(0);
    s = previewReducer(s, { type: 'column', delta: 1 });
    expect(s).toMatchObject({ column: 1, firstColumn: 0 });
    s = previewReducer(s, { type: 'column', delta: 2 });
    expect(s.column).toBe(3);
    expect(s.firstColumn).toBeGreaterThan(0);
    const scrolled = s.firstColumn;
    s = previewReducer(s, { type: 'column', delta: -1 });
    expect(s).toMatchObject({ column: 2, firstColumn: scrolled });
    s = previewReducer(s, { type: 'column', delta: -5 });
    expect(s).toMatchObject({ column: 0, firstColumn: 0 });
  });

  it('widens and narrows the current column by 4 from its width on screen', () => {
    let s = previewReducer(opened(), { type: 'column', delta: 2 });
    s = previewReducer(s, { type: 'columnWidth', delta: 1 });
    expect(s.fixedWidths).toEqual({ 2: 16 });
    s = previewReducer(s, { type: 'columnWidth', delta: -1 });
    s = previewReducer(s, { type: 'columnWidth', delta: -1 });
    s = previewReducer(s, { type: 'columnWidth', delta: -1 });
    s = previewReducer(s, { type: 'columnWidth', delta: -1 });
    expect(s.fixedWidths).toEqual({ 2: 3 });
  });

  it('sorts ascending, then descending, then back to the key order, each time from the first row', () => {
    let s = previewReducer(opened(), { type: 'column', delta: 2 });
    s = previewReducer(s, { type: 'sort' });
    expect(s).toMatchObject({ sort: { column: 'isrc', descending: false }, ask: { from: { kind: 'start' } }, total: 2 });
    s = previewReducer(s, { type: 'pageLoaded', id: s.ask!.id, page: s.page! });
    expect(previewReducer(s, { type: 'sort' }).sort).toEqual({ column: 'isrc', descending: true });
    expect(previewReducer(previewReducer(s, { type: 'sort' }), { type: 'sort' }).sort).toBeNull();
    const other = previewReducer(previewReducer(s, { type: 'column', delta: 1 }), { type: 'sort' });
    expect(other.sort).toEqual({ column: 'released_at', descending: false });
  });
});

describe('Preview columns on an embedded database', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
    await sql`CREATE TABLE tracks (id int PRIMARY KEY, isrc text, released_at timestamptz, title text, artist text, note text)`.execute(handle.db);
    await sql`INSERT INTO tracks SELECT g, 'USUG1210' || lpad(((g * 37) % 100)::text, 4, '0'), timestamptz '2022-05-01 12:30:00+00' + g * interval '1 day',
                'Song number ' || g || ' (Official Music Video) feat. a guest singer and a long tail',
                'Artist ' || g || ' and the Orchestra of the Long Name', ${NOTE} FROM generate_series(1, 40) g`.execute(handle.db);
  });
  afterAll(() => handle?.close());

  const firstRow = (tui: Tui) => tui.lastFrame().split('\n').find((line) => line.startsWith('▶ '))!;

  it('shows an ISRC and a timestamp whole at 120 columns, widens with >, sorts with s, shows a cell with ⏎', async () => {
    const tui = await renderApp(handle, { start: { name: 'preview', table: 'tracks' }, columns: 120, rows: 30 });
    await tui.waitFor('row 1 of 40');
    expect(firstRow(tui)).toContain('USUG12100037');
    expect(firstRow(tui)).toMatch(/│ 2022-05-02[T ]12:30:00\S* │/);
    for (const line of tui.lastFrame().split('\n')) expect(line.length).toBeLessThanOrEqual(120);

    // The title is cut; > widens it by 4 columns at a time (the others make room or scroll away).
    await tui.press('right', 'right', 'right');
    const cut = /Song number 1 [^│]*…/.exec(firstRow(tui))![0];
    await tui.press({ text: '>' }, { text: '>' });
    const wider = /Song number 1 [^│]*/.exec(firstRow(tui))![0];
    expect(wider.trimEnd().length).toBe(cut.length + 8);
    await tui.press({ text: '<' });
    expect(/Song number 1 [^│]*/.exec(firstRow(tui))![0].trimEnd().length).toBe(cut.length + 4);

    // s on the isrc column: ascending, again descending, a third time the key order.
    await tui.press('left', 'left');
    await tui.press({ text: 's' });
    await tui.waitFor('sorted by isrc ascending');
    await tui.waitForGone('loading…');
    expect(firstRow(tui)).toContain('USUG12100003');
    expect(tui.lastFrame()).toContain('isrc ↑');
    await tui.press({ text: 's' });
    await tui.waitFor('sorted by isrc descending');
    await tui.waitForGone('loading…');
    expect(firstRow(tui)).toContain('USUG12100099');
    await tui.press({ text: 's' });
    await tui.waitForGone('sorted by');
    await tui.waitFor('row 1 of 40');
    expect(firstRow(tui)).toContain('USUG12100037');

    // ⏎ shows the current cell whole, however long; → moves to the next column there too.
    await tui.press('right', 'right', 'right', 'right');
    await tui.press('enter');
    const cell = await tui.waitFor('tracks · row 1 of 40 · note');
    expect(cell.replace(/\s+/g, ' ')).toContain(NOTE);
    await tui.press('esc');
    await tui.waitFor('row 1 of 40');
    tui.unmount();
  });
});
