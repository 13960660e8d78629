import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { importFile } from '../../../src/import/import-file.js';
import { importCatalog } from '../../../src/match/catalog-import.js';
import { runMatch } from '../../../src/match/run.js';
import { renderApp } from '../../support/render.js';

const observation = (video: string, title: string, artist: string | null, position: number, playlist = 'PLhits') => ({
  playlist_id: playlist,
  playlist_name: playlist === 'PLhits' ? 'Top Hits' : 'Latin Mix',
  artwork_url: null,
  channel_id: 'UC1',
  views: 1000,
  num_videos: 3,
  timestp: '2022-05-19T10:00:00',
  video_id: video,
  title,
  artist_name: artist,
  image_url: null,
  track_title: null,
  position,
});

const CATALOG = `cm_track,track,isrc,cm_artist,artist
1,Shape of You,GBAHS1600463,10,Ed Sheeran
2,Shape of You (Remix),GBAHS1700001,10,Ed Sheeran
3,Levitating,GBAHT2000942,11,Dua Lipa
4,Despacito,USUM71700626,12,Luis Fonsi
`;

/** Decisions in force, as video id -> "decision isrc". */
async function state(handle: DbHandle): Promise<Record<string, string>> {
  const rows = await handle.db
    .selectFrom('isrc_match_state as s')
    .innerJoin('media_items as m', 'm.id', 's.media_item_id')
    .select(['m.source_id', 's.decision', 's.isrc'])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.source_id, `${r.decision} ${r.isrc ?? ''}`.trim()]));
}

describe('Review screen', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-review-'));
    const feed = [
      observation('vidShape', 'Ed Sheeran - Shape of You (Official Music Video)', 'Ed Sheeran', 2),
      observation('vidLevit', 'Dua Lipa - Levitating (Official Video)', 'Dua Lipa', 5),
      observation('vidDespa', 'Luis Fonsi - Despacito ft. Daddy Yankee', 'Luis Fonsi', 1),
      observation('vidDespa', 'Luis Fonsi - Despacito ft. Daddy Yankee', 'Luis Fonsi', 7, 'PLlatin'),
    ];
    writeFileSync(join(dir, 'feed.ndjson'), feed.map((o) => JSON.stringify(o)).join('\n') + '\n');
    writeFileSync(join(dir, 'cm_track.csv'), CATALOG);
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
    await importFile(handle, join(dir, 'feed.ndjson'));
    await importCatalog(handle, join(dir, 'cm_track.csv'));
    await runMatch(handle, { top: 5, reviewer: 'test' });
  });
  afterAll(() => handle?.close());

  it('accepts and moves on, undoes, ignores keys while loading, cycles queues, asks before auto-accept', async () => {
    const tui = await renderApp(handle, { start: { name: 'review' } });
    // Most decidable first: vidShape (strong, 0.99), vidLevit (strong, 0.99, a little lower), vidDespa (medium, 0.94).
    let frame = await tui.waitFor('Video vidShape');
    expect(frame).toContain('Queue: undecided');
    expect(frame).toContain('decided 0 / 3');
    expect(frame).toContain('Candidates (2)');
    expect(frame).toMatch(/▶  1\. Shape of You — Ed Sheeran/);
    expect(frame).toMatch(/2\. Shape of You \(Remix\) — Ed Sheeran/);
    expect(frame).toContain('catalog:remix');
    // 2 picks the second candidate by its number (the bar is its recording's confidence); 1 the first again.
    await tui.press({ text: '2' });
    expect(await tui.waitFor(/▶  2\. Shape of You \(Remix\)/)).toMatch(/GBAHS1700001 +░+ 0\.00 title 1\.00 artist 1\.00/);
    await tui.press({ text: '1' });
    await tui.waitFor(/▶  1\. Shape of You — Ed Sheeran/);

    // Accept: saved at once, next item on screen.
    await tui.press({ text: 'a' });
    frame = await tui.waitFor('Video vidLevit');
    expect(frame).toContain('accepted GBAHS1600463');
    expect(frame).toContain('decided 1 / 3');
    expect(await state(handle)).toEqual({ vidShape: 'accept GBAHS1600463' });

    // [ goes back to the item just decided, showing its decision; ] comes forward again.
    await tui.press({ text: '[' });
    frame = await tui.waitFor('Video vidShape');
    expect(frame).toContain('item 1 of 3');
    expect(frame).toContain('in force: accept GBAHS1600463 (manual)');
    await tui.press({ text: ']' });
    await tui.waitFor('Video vidLevit');
    expect(tui.lastFrame()).toContain('item 2 of 3');

    // Undo brings the item back and removes its decision.
    await tui.press({ text: 'u' });
    frame = await tui.waitFor('Video vidShape');
    expect(frame).toContain('undid accept GBAHS1600463');
    expect(await state(handle)).toEqual({});

    // Keys pressed while the database is busy saving and loading are not applied to the next item:
    // a session holds the database so the save of `n` waits while more keys arrive.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = handle.session(() => gate);
    await tui.press({ text: 'n' });
    await tui.waitFor('saving…');
    await tui.press({ text: 'a' }, { text: 'd' }, 'down', { text: 'r' });
    release();
    await held;
    frame = await tui.waitFor('Video vidLevit');
    expect(frame).toContain('4 keys ignored while loading');
    expect(await state(handle)).toEqual({ vidShape: 'no_match' });

    // d defers: the item leaves the undecided queue for the deferred one.
    await tui.press({ text: 'd' });
    frame = await tui.waitFor('Video vidDespa');
    expect(frame).toContain('#1   Top Hits');
    expect(frame).toContain('#7   Latin Mix');
    expect(frame).toMatch(/▶  1\. Despacito — Luis Fonsi/);
    // The bar is the recording's confidence.
    expect(frame).toMatch(/USUM71700626 +█{9}▍ 0\.94 title 1\.00 artist 1\.00/);
    expect(frame).toContain('candidate despacito luis fonsi');
    // Why: the waterfall of the picked candidate, and the item's recommendation.
    expect(frame).toMatch(/why {7}start [-+]\d+\.\d · title 1\.00 \+\d+\.\d · /);
    expect(frame).toContain('video credits daddy ya');
    expect(frame).toMatch(/recommended medium: 'despacito' by luis fons/);

    // f cycles the queues: deferred holds vidLevit; six more presses come back to undecided.
    await tui.press({ text: 'f' });
    frame = await tui.waitFor('Queue: deferred (later)');
    await tui.waitFor('Video vidLevit');
    expect(tui.lastFrame()).toContain('in force: defer');
    await tui.press({ text: 'f' }, { text: 'f' }, { text: 'f' }, { text: 'f' }, { text: 'f' }, { text: 'f' });
    await tui.waitFor('Queue: undecided');
    await tui.waitFor('Video vidDespa');

    // / searches the catalog; Esc goes back to the ranked candidates.
    await tui.press({ text: '/' });
    await tui.type('levitating');
    await tui.press('enter');
    frame = await tui.waitFor('Catalog search "levitating"');
    expect(frame).toMatch(/▶  1\. Levitating — Dua Lipa/);
    expect(frame).toContain('1 catalog match for "levitating"');
    await tui.press('esc');
    await tui.waitFor('Candidates (1)');

    // A: a live count at each bar, bars that move; n leaves everything as it was.
    await tui.press({ text: 'A' });
    frame = await tui.waitFor('Auto-accept: confidence ≥ 0.95 (+/-) → 0 undecided items');
    expect(frame).toContain('Auto no-match: no recording reaches 0.05 (>/<) → 0 undecided items');
    expect(frame).not.toContain('y records both');
    // vidDespa's 0.94 passes an accept bar of 0.94.
    await tui.press({ text: '-' }, { text: '>' });
    frame = await tui.waitFor('Auto-accept: confidence ≥ 0.94 (+/-) → 1 undecided item');
    await tui.waitFor('Auto no-match: no recording reaches 0.06 (>/<) → 0 undecided items');
    expect(tui.lastFrame()).toContain('y records both');
    await tui.press({ text: 'n' });
    await tui.waitFor('automatic decisions cancelled');
    expect(await state(handle)).toEqual({ vidShape: 'no_match', vidLevit: 'defer' });
    tui.unmount();
  });

  it('resumes at the next undecided item when opened again', async () => {
    const tui = await renderApp(handle, { start: { name: 'review' } });
    const frame = await tui.waitFor('Video vidDespa');
    expect(frame).toContain('decided 1 / 3');
    expect(frame).toContain('deferred 1');
    tui.unmount();
  });
});
