import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { importFile } from '../../../src/import/import-file.js';
import { importCatalog } from '../../../src/match/catalog-import.js';
import { currentDecision, decide } from '../../../src/match/decisions.js';
import { runMatch } from '../../../src/match/run.js';
import { renderApp } from '../../support/render.js';

const observation = (video: string, title: string, artist: string, position: number) => ({
  playlist_id: 'PLhits', playlist_name: 'Top Hits', artwork_url: null, channel_id: 'UC1', views: 1000, num_videos: 2,
  timestp: '2022-05-19T10:00:00', video_id: video, title, artist_name: artist, image_url: null, track_title: null, position,
});

describe('Decisions screen', () => {
  let handle: DbHandle;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-decisions-'));
    const feed = [observation('vidShape', 'Ed Sheeran - Shape of You', 'Ed Sheeran', 2), observation('vidDespa', 'Luis Fonsi - Despacito', 'Luis Fonsi', 1)];
    writeFileSync(join(dir, 'feed.ndjson'), feed.map((o) => JSON.stringify(o)).join('\n') + '\n');
    writeFileSync(join(dir, 'cm_track.csv'), 'cm_track,track,isrc,cm_artist,artist\n1,Shape of You,GBAHS1600463,10,Ed Sheeran\n2,Despacito,USUM71700626,12,Luis Fonsi\n');
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
    await importFile(handle, join(dir, 'feed.ndjson'));
    await importCatalog(handle, join(dir, 'cm_track.csv'));
    await runMatch(handle, { top: 5, reviewer: 'robot', autoAccept: 0.9 });
    for (const m of await handle.db.selectFrom('media_items').select(['id', 'source_id']).execute()) ids[m.source_id] = m.id;
    await decide(handle.db, { mediaItemId: ids['vidDespa']!, decision: 'reject', isrc: 'USUM71700626', reviewer: 'ana', note: 'a cover' });
  });
  afterAll(() => handle?.close());

  it('lists the log newest first, filters by kind and words, and undoes the picked decision', async () => {
    const tui = await renderApp(handle, { start: { name: 'decisions' } });
    let frame = await tui.waitFor('3 decisions');
    expect(frame).toMatch(/● +3 .* reject +manual USUM71700626 ana +vidDespa Luis Fonsi - Despacito · note: a cover/);
    expect(frame).toMatch(/ {3}[12] .* accept +auto +USUM71700626 robot +vidDespa/);
    expect(frame).toMatch(/● +[12] .* accept +auto +GBAHS1600463 robot +vidShape/);
    // f: only accepts; then f six more times comes to manual.
    await tui.press({ text: 'f' });
    frame = await tui.waitFor('Kind: accept');
    await tui.waitFor('2 decisions');
    for (const kind of ['reject', 'no_match', 'defer', 'undo', 'auto', 'manual']) await tui.press({ text: 'f' }), await tui.waitFor(`Kind: ${kind}`);
    await tui.waitFor('1 decision');
    await tui.press({ text: 'f' });
    await tui.waitFor('Kind: all');
    // /sheeran: the one decision about Shape of You; u undoes it.
    await tui.press({ text: '/' });
    await tui.type('sheeran');
    await tui.press('enter');
    frame = await tui.waitFor('1 decision');
    expect(frame).toContain('words: "sheeran"');
    await tui.press({ text: 'u' });
    frame = await tui.waitFor(/undid decision \d+ \(undo \d+ recorded\)/);
    expect(await currentDecision(handle.db, ids['vidShape']!)).toBeUndefined();
    await tui.waitFor('2 decisions');
    // The undone accept is no longer in force: u on it says so and changes nothing.
    await tui.press('down');
    await tui.press({ text: 'u' });
    await tui.waitFor(/decision \d+ is not in force: nothing to undo/);
    // / again opens on "sheeran" selected: typing replaces it rather than appending.
    await tui.press({ text: '/' });
    await tui.type('weeknd');
    await tui.press('enter');
    frame = await tui.waitFor('words: "weeknd"');
    tui.unmount();
  });
});
