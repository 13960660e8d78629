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
    await tui.type('select source_id from playlists order by 1');
    await tui.press('enter');
    const frame = await tui.waitFor('PLbeta');
    expect(frame).toContain('source_id');
    expect(frame).toContain('PLalpha');
    expect(frame).toMatch(/2 rows · \d+ ms/);

    await tui.type('select nope from playlists');
    await tui.press('enter');
    const error = await tui.waitFor('ERROR: column "nope" does not exist');
    expect(error).toContain('LINE 1: select nope from playlists');
    expect(error).toContain('ro=>');

    await tui.type('delete from playlists');
    await tui.press('enter');
    await tui.waitFor('ERROR: read-only: DELETE refused, only SELECT, VALUES, TABLE, EXPLAIN and SHOW run; \\write allows writes');

    await tui.press('up', 'up');
    await tui.waitFor('ro=> select nope from playlists');
    tui.unmount();
    expect(readFileSync(join(dataDir, 'history'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      'select source_id from playlists order by 1',
      'select nope from playlists',
      'delete from playlists',
    ]);
  });

  it('shows one refusal line for a statement that would switch it to writing, and the DELETE after it removes nothing', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    await tui.type('begin read write');
    await tui.press('enter');
    const frame = await tui.waitFor('ERROR: read-only: BEGIN refused, each statement runs in its own read-only transaction; \\write allows writes');
    expect(frame.split('\n').filter((line) => line.includes('read-only: BEGIN'))).toHaveLength(1);
    expect(frame).not.toContain('LINE 1:');
    await tui.type("select set_config('default_transaction_read_only', 'off', false)");
    await tui.press('enter');
    await tui.waitFor('ERROR: read-only: set_config() refused, it may act beyond reading; \\write allows writes');
    await tui.type('delete from playlists');
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
    await tui.type("insert into playlists (source, source_id) values ('YOUTUBE', 'PLgamma')");
    await tui.press('enter');
    await tui.waitFor('INSERT 1');
    await tui.type('select count(*) as n from playlists');
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

  it('Ctrl+C stops a running query between chunks and the explorer stays open', async () => {
    const tui = await renderApp(handle, { start: { name: 'explorer' }, dataDir });
    await tui.waitFor('ro=>');
    // A cross join that streams for a long time (PGlite cannot interrupt one statement, but stops between chunks).
    await tui.type('select a.g from generate_series(1, 2000) a(g), generate_series(1, 2000) b(g)');
    await tui.press('enter');
    await tui.waitFor(/running · [\d,]+ rows so far/);
    await tui.press('ctrlC');
    const frame = await tui.waitFor(/[\d,]+\+ rows \(stopped\)/);
    expect(frame).toContain('ro=>');
    expect(frame).toContain('SQL explorer');
    tui.unmount();
  });
});
