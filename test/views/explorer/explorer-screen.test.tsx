import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { renderApp } from '../../support/render.js';

describe('Explorer screen', () => {
  let handle: DbHandle;
  let dataDir: string;
  beforeAll(async () => {
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
    await handle.session((s) => s.exec("INSERT INTO playlists (source, source_id) VALUES ('YOUTUBE', 'PLalpha'), ('YOUTUBE', 'PLbeta')"));
    dataDir = mkdtempSync(join(tmpdir(), 'cm-explorer-ui-'));
  });
  afterAll(() => handle?.close());

  it('runs a query into the grid, shows an error in place with the prompt still there, keeps history', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    await tui.type('select source_id from playlists order by 1;');
    await tui.press('enter');
    const frame = await tui.waitFor('PLbeta');
    expect(frame).toContain('source_id');
    expect(frame).toContain('PLalpha');
    expect(frame).toMatch(/2 rows · \d+ ms/);

    await tui.type('select nope from playlists;');
    await tui.press('enter');
    const error = await tui.waitFor('ERROR: column "nope" does not exist');
    expect(error).toContain('LINE 1: select nope from playlists');
    expect(error).toContain('ro=>');

    await tui.type('delete from playlists;');
    await tui.press('enter');
    await tui.waitFor('ERROR: read-only: DELETE refused, only SELECT, VALUES, TABLE, EXPLAIN and SHOW run; \\write allows writes');

    await tui.press('up', 'up');
    await tui.waitFor('ro=> select nope from playlists;');
    tui.unmount();
    expect(readFileSync(join(dataDir, 'history'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      'select source_id from playlists order by 1;',
      'select nope from playlists;',
      'delete from playlists;',
    ]);
  });

  it('shows one refusal line for a statement that would switch it to writing, and the DELETE after it removes nothing', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    await tui.type('begin read write;');
    await tui.press('enter');
    const frame = await tui.waitFor('ERROR: read-only: BEGIN refused, each statement runs in its own read-only transaction; \\write allows writes');
    expect(frame.split('\n').filter((line) => line.includes('read-only: BEGIN'))).toHaveLength(1);
    expect(frame).not.toContain('LINE 1:');
    await tui.type("select set_config('default_transaction_read_only', 'off', false);");
    await tui.press('enter');
    await tui.waitFor('ERROR: read-only: set_config() refused, it may act beyond reading; \\write allows writes');
    await tui.type('delete from playlists;');
    await tui.press('enter');
    await tui.waitFor('ERROR: read-only: DELETE refused');
    tui.unmount();
    const left = await handle.session((s) => s.queryArrays('SELECT count(*) FROM playlists'));
    expect(left.rows).toEqual([[2]]);
  });

  it('completes table names with Tab, toggles writes and exports the last result', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    await tui.type('select count(*) as n from playl');
    await tui.press('tab');
    await tui.waitFor('ro=> select count(*) as n from playlist_metadata_log');
    expect(tui.lastFrame()).toMatch(/\d+ matches: \[playlist_metadata_log\]/);
    // Ctrl+C at the prompt clears the line without leaving.
    await tui.press('ctrlC');
    await tui.waitForGone('playlist_metadata_log');
    await tui.type('\\write');
    await tui.press('enter');
    await tui.waitFor('rw=>');
    await tui.type("insert into playlists (source, source_id) values ('YOUTUBE', 'PLgamma');");
    await tui.press('enter');
    await tui.waitFor('INSERT 1');
    await tui.type('select count(*) as n from playlists;');
    await tui.press('enter');
    await tui.waitFor('1 row');
    const file = join(dataDir, 'out.csv');
    await tui.type(`\\export ${file}`);
    await tui.press('enter');
    await tui.waitFor(`wrote 1 rows to ${file}`);
    expect(readFileSync(file, 'utf8')).toBe('n\n3\n');
    await tui.press('esc');
    await tui.waitFor('▶ i  Import');
    tui.unmount();
  });

  it('shows the first rows of a huge result at once, without reading the rest', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    // 4 million rows: only the first 500 are read until the user scrolls.
    await tui.type('select a.g as a, b.g as b from generate_series(1, 2000) a(g), generate_series(1, 2000) b(g);');
    await tui.press('enter');
    const frame = await tui.waitFor('500 rows read, more as you scroll');
    expect(frame).toContain('row 1 of 500 read');
    expect(frame).toContain('ro=>');
    tui.unmount();
  });

  it('keeps a pasted statement\'s lines, runs it at ; and ⏎ or at Alt+⏎, a new line otherwise', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    // A paste arrives as one chunk, its line ends as \r: nothing runs, no line is joined to the next.
    await tui.type('select source_id,\r  length(source_id) as n\rfrom playlists\rorder by 1');
    let frame = await tui.waitFor('... from playlists');
    expect(frame).toContain('ro=> select source_id,');
    expect(frame).toContain('...   length(source_id) as n');
    expect(frame).toContain('... order by 1');
    expect(frame).not.toContain('ERROR');
    // ⏎ after a statement without ; starts a new line.
    await tui.press('enter');
    await tui.type(';');
    frame = await tui.waitFor('... ;');
    expect(frame).not.toContain('PLalpha');
    await tui.press('enter');
    frame = await tui.waitFor('PLalpha');
    expect(frame).toMatch(/source_id\s+│\s+n/);
    expect(frame).toMatch(/PLbeta\s+│\s+6/);
    // Alt+⏎ runs without a ;.
    await tui.type('select 40 + 2 as answer');
    await tui.press({ text: '\u001b\r' });
    frame = await tui.waitFor('answer');
    expect(frame).toMatch(/1 row · \d+ ms/);
    expect(frame).toContain('42');
    // A paste ending in ; and a line end runs as a whole.
    await tui.type('select 1 as one,\r  2 as two;\r');
    frame = await tui.waitFor(/one\s+│\s+two/);
    expect(frame).toMatch(/▶\s+1\s+│\s+2/);
    // Up moves through the lines of a statement before reaching the history.
    await tui.type('select 3 as three,\r4 as four');
    await tui.press('up');
    await tui.type('x');
    // From the end of line 2 (column 9) up to column 9 of line 1.
    await tui.waitFor('ro=> select 3 xas three,');
    tui.unmount();
  });

  it('reads a large result as it scrolls: PgDn moves by the visible page, on to the last row', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    await tui.type('select g from generate_series(1, 1200) g;');
    await tui.press('enter');
    let frame = await tui.waitFor('500 rows read, more as you scroll');
    expect(frame).toContain('row 1 of 500 read');
    await tui.press('pageDown');
    frame = await tui.waitFor(/row (\d+) of 500 read/);
    const page = Number(/row (\d+) of 500 read/.exec(frame)![1]) - 1;
    // The page is what the grid shows at 120x40, not a fixed 10.
    expect(page).toBeGreaterThan(20);
    const shown = frame.split('\n').filter((l) => /^[▶ ] +\d+\s*$/.test(l)).map((l) => Number(l.replace('▶', '').trim()));
    expect(shown).toEqual(Array.from({ length: page }, (_, i) => page + 1 + i));
    await tui.press('pageUp');
    await tui.waitFor('row 1 of 500 read');
    // On to the end: rows are read 500 at a time as the selection nears the last row read.
    for (let i = 0; i < Math.ceil(1200 / page) + 1; i++) await tui.press('pageDown');
    frame = await tui.waitFor('row 1,200 of 1,200');
    expect(frame).toContain('1,200 rows');
    expect(frame).toMatch(/▶ +1200/);
    tui.unmount();
  });
});
