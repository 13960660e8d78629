import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { pathCompletions, resolveTyped } from '../../../src/import/complete-path.js';
import { homedir } from 'node:os';
import { generate } from '../../../src/generate/generate.js';
import { isCatalogCsv } from '../../../src/match/catalog-csv.js';
import { importReducer, initialImport, type ImportState } from '../../../views/import/import-reducer.js';
import { renderApp } from '../../support/render.js';

function record(i: number, over: Record<string, unknown> = {}) {
  return {
    playlist_id: `PL${i % 2}`, playlist_name: `Playlist ${i % 2}`, artwork_url: null, channel_id: 'UC1', views: 1000 + i, num_videos: 3,
    timestp: `2022-05-${String(10 + (i % 3)).padStart(2, '0')}T10:00:00`, video_id: `vid${i}`, title: `Song ${i} (Official Video)`,
    artist_name: 'Ed Sheeran', image_url: null, track_title: `Song ${i}`, position: (i % 3) + 1, ...over,
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cm-tui-import-'));
  const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify(record(i)));
  lines.push(JSON.stringify(record(30, { video_id: '' })));
  lines.push(JSON.stringify(record(31, { views: -5 })));
  writeFileSync(join(dir, 'feed-a.ndjson'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'feed-b.ndjson'), '');
  mkdirSync(join(dir, 'folder'));
  writeFileSync(join(dir, '.hidden'), '');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('path completion', () => {
  it('lists names starting with the typed text, folders with /, hidden files only when asked', async () => {
    expect(await pathCompletions(`${dir}/f`, '/')).toEqual([`${dir}/feed-a.ndjson`, `${dir}/feed-b.ndjson`, `${dir}/folder/`]);
    expect(await pathCompletions('fo', dir)).toEqual(['folder/']);
    expect(await pathCompletions('.h', dir)).toEqual(['.hidden']);
    expect(await pathCompletions('nothing', dir)).toEqual([]);
  });

  it('resolves ~/ and relative paths the way completion offered them', () => {
    expect(resolveTyped('~/feed.json', '/work')).toBe(join(homedir(), 'feed.json'));
    expect(resolveTyped('data/feed.json', '/work')).toBe('/work/data/feed.json');
    expect(resolveTyped('/abs/feed.json', '/work')).toBe('/abs/feed.json');
  });
});

describe('import reducer', () => {
  it('completes the common prefix first, then cycles on repeated Tab', () => {
    let s: ImportState = initialImport('fe');
    s = importReducer(s, { type: 'complete', direction: 1 });
    const id = s.phase === 'input' ? s.completing!.id : -1;
    s = importReducer(s, { type: 'completions', id, candidates: ['feed-a.ndjson', 'feed-b.ndjson'] });
    expect(s.phase === 'input' && s.path.text).toBe('feed-');
    s = importReducer(s, { type: 'complete', direction: 1 });
    expect(s.phase === 'input' && s.path.text).toBe('feed-a.ndjson');
    s = importReducer(s, { type: 'complete', direction: 1 });
    expect(s.phase === 'input' && s.path.text).toBe('feed-b.ndjson');
    s = importReducer(s, { type: 'complete', direction: 1 });
    expect(s.phase === 'input' && s.path.text).toBe('feed-a.ndjson');
    s = importReducer(s, { type: 'edit', op: { kind: 'backspace' } });
    expect(s.phase === 'input' && s.completion).toBeNull();
  });

  it('does not start without a path and ignores late completions', () => {
    const empty = importReducer(initialImport(), { type: 'start' });
    expect(empty.phase === 'input' && empty.message).toContain('type the path');
    const asked = importReducer(initialImport('x'), { type: 'complete', direction: 1 });
    expect(importReducer(asked, { type: 'completions', id: 999, candidates: ['xy'] })).toBe(asked);
  });
});

describe('Import screen', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
  });
  afterAll(() => handle?.close());

  it('completes the path with Tab, imports with progress and shows rows per table and dead letters', async () => {
    const tui = await renderApp(handle, { start: { name: 'import' } });
    await tui.waitFor('File:');
    await tui.type(`${dir}/fe`);
    await tui.press('tab');
    await tui.waitFor('2 matches (Tab cycles)');
    await tui.press('tab');
    await tui.waitFor(`${dir}/feed-a.ndjson`);
    await tui.press('enter');
    const frame = await tui.waitFor('Imported');
    expect(frame).toContain('Records: 32 read · 30 valid · 0 exact duplicates · 2 dead letters');
    expect(frame).toMatch(/media_items\s+\+30\s+30/);
    expect(frame).toMatch(/playlists\s+\+2\s+2/);
    expect(frame).toContain('Dead letters (2');
    expect(frame).toMatch(/#30\s+.*video_id.*\{"playlist_id":"PL0"/);
    expect(frame).toMatch(/#31\s+.*views/);
    // The list cuts reasons; ⏎ shows the picked dead letter whole, ↑/↓ go through them there.
    await tui.press('down', 'enter');
    const whole = await tui.waitFor('Dead letter #31 (2 of 2');
    expect(whole.replace(/\s+/g, ' ')).toContain('reason views: expected a non-negative integer or null, got -5');
    expect(whole.replace(/\s+/g, ' ')).toMatch(/record \{"playlist_id":"PL1".*"views":-5/);
    await tui.press('up');
    await tui.waitFor('Dead letter #30 (1 of 2');
    await tui.press('enter');
    await tui.waitFor('Dead letters (2');
    await tui.press({ text: 'n' });
    await tui.waitFor('File:');
    await tui.press('esc');
    await tui.waitFor('Observations: 30');
    tui.unmount();
  });

  it('recognises the ISRC catalog by its header and loads it as cm-tui isrc does, bad rows as dead letters', async () => {
    const catalog = join(dir, 'my-catalog.csv');
    writeFileSync(
      catalog,
      ['"cm_track","track","isrc","cm_artist","artist"', '1,"Shape of You","GBAHS1600463",10,"Ed Sheeran"', '2,"Song 3","USUM71700003",10,"Ed Sheeran"', '3,"No isrc","",10,"Nobody"', '4,"Lower","gbahs1600464",10,"Nobody"'].join('\n') + '\n',
    );
    expect(await isCatalogCsv(catalog)).toBe(true);
    expect(await isCatalogCsv(join(dir, 'feed-a.ndjson'))).toBe(false);
    const tui = await renderApp(handle, { start: { name: 'import' } });
    await tui.waitFor('File:');
    await tui.type(catalog);
    await tui.press('enter');
    const frame = await tui.waitFor('Imported the ISRC catalog');
    expect(frame).toContain('Rows: 4 read · 2 new · 0 updated · 0 unchanged · 0 exact duplicates · 2 dead letters');
    expect(frame).toMatch(/line 4\s+no isrc\s+3,"No isrc","",10,"Nobody"/);
    expect(frame).toMatch(/line 5\s+isrc "gbahs1600464" does not match/);
    expect(frame).toContain('isrc does not match the pattern: 1 · no isrc: 1');
    const rows = await handle.db.selectFrom('isrc_lookup').select(['isrc', 'track']).orderBy('isrc').execute();
    expect(rows).toEqual([
      { isrc: 'GBAHS1600463', track: 'Shape of You' },
      { isrc: 'USUM71700003', track: 'Song 3' },
    ]);
    tui.unmount();
  });

  it('shows a failed import in place and leaves the database as it was', async () => {
    writeFileSync(join(dir, 'broken.json'), '[{"playlist_id": "x",');
    const tui = await renderApp(handle, { start: { name: 'import' } });
    await tui.waitFor('File:');
    await tui.type(join(dir, 'broken.json'));
    await tui.press('enter');
    let frame = await tui.waitFor('Import failed');
    expect(frame).toContain('The database is unchanged.');
    // n: the path again, selected, so the next one typed replaces it.
    await tui.press({ text: 'n' });
    await tui.waitFor('File:');
    await tui.type('/elsewhere.json');
    frame = await tui.waitFor('File: /elsewhere.json');
    expect(frame).not.toContain('broken.json');
    tui.unmount();
  });
});

describe('Import screen on a larger generated feed', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
    await generate({ rows: 60_000, out: join(dir, 'big.ndjson'), ndjson: true, seed: 7, badShare: 0.01 });
  });
  afterAll(() => handle?.close());

  it('shows the progress bar with records, records/s and dead letters while it runs', async () => {
    const tui = await renderApp(handle, { start: { name: 'import' } });
    await tui.waitFor('File:');
    await tui.type(join(dir, 'big.ndjson'));
    await tui.press('enter');
    const running = await tui.waitFor(/records\/s · [\d,]+ dead letters/, 30_000);
    expect(running).toContain(`Importing ${join(dir, 'big.ndjson')}`);
    expect(running).toMatch(/[█░]{10,} \d+%/);
    const done = await tui.waitFor('Imported', 120_000);
    expect(done).toContain('Records: 60,000 read');
    expect(done).toMatch(/Dead letters \([\d,]+, first 200 shown|Dead letters \(\d+;/);
    tui.unmount();
  }, 150_000);
});
