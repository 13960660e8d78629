import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type DbHandle } from '../../../src/db/connect.js';
import { importFile } from '../../../src/import/import-file.js';
import { importCatalog } from '../../../src/match/catalog-import.js';
import { matchRunReducer, initialMatchRun } from '../../../views/match-run/match-run-reducer.js';
import { renderApp } from '../../support/render.js';

const observation = (video: string, title: string, artist: string, position: number) => ({
  playlist_id: 'PLhits', playlist_name: 'Top Hits', artwork_url: null, channel_id: 'UC1', views: 1000, num_videos: 4,
  timestp: '2022-05-19T10:00:00', video_id: video, title, artist_name: artist, image_url: null, track_title: null, position,
});

const CATALOG = `cm_track,track,isrc,cm_artist,artist
1,Shape of You,GBAHS1600463,10,Ed Sheeran
2,Shape of You (Remix),GBAHS1700001,10,Ed Sheeran
3,Levitating,GBAHT2000942,11,Dua Lipa
4,Despacito,USUM71700626,12,Luis Fonsi
`;

describe('run match reducer', () => {
  it('refuses an empty catalog, and counts again for every move of the bars', () => {
    expect(matchRunReducer(initialMatchRun, { type: 'inputs', inputs: { catalogRows: 0, mediaItems: 3 } })).toMatchObject({
      phase: 'failed',
      message: 'the ISRC catalog is empty: import cm_track.csv on the Import screen first',
    });
    const running = matchRunReducer(initialMatchRun, { type: 'inputs', inputs: { catalogRows: 4, mediaItems: 3 } });
    const summary = { catalogRows: 4, mediaItems: 3, withCandidates: 3, candidates: 4, autoAccepted: null, autoNoMatched: null, elapsedMs: 10, stageMs: { catalog: 1, scoring: 1, storing: 1, automatic: 0 } };
    const auto = matchRunReducer(running, { type: 'finished', summary });
    expect(auto).toMatchObject({ phase: 'auto', countId: 1, count: null });
    const lowered = matchRunReducer(auto, { type: 'adjustAuto', bar: 'accept', delta: -0.01 });
    expect(lowered).toMatchObject({ rule: { accept: 0.94, noMatch: 0.05 }, countId: 2 });
    const raised = matchRunReducer(lowered, { type: 'adjustAuto', bar: 'noMatch', delta: 0.01 });
    expect(raised).toMatchObject({ rule: { accept: 0.94, noMatch: 0.06 }, countId: 3 });
    expect(matchRunReducer(raised, { type: 'counted', id: 2, count: { accept: 9, noMatch: 9 } }).count).toBeNull();
    expect(matchRunReducer(raised, { type: 'confirm', yes: true }).phase).toBe('auto');
    const none = matchRunReducer(raised, { type: 'counted', id: 3, count: { accept: 0, noMatch: 0 } });
    expect(matchRunReducer(none, { type: 'confirm', yes: true }).phase).toBe('auto');
    const counted = matchRunReducer(raised, { type: 'counted', id: 3, count: { accept: 3, noMatch: 1 } });
    expect(counted.count).toEqual({ accept: 3, noMatch: 1 });
    expect(matchRunReducer(counted, { type: 'confirm', yes: true }).phase).toBe('applying');
    expect(matchRunReducer(counted, { type: 'confirm', yes: false })).toMatchObject({ phase: 'done', applied: null });
  });
});

describe('Run match screen', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-match-run-'));
    const feed = [
      observation('vidShape', 'Ed Sheeran - Shape of You (Official Music Video)', 'Ed Sheeran', 2),
      observation('vidLevit', 'Dua Lipa - Levitating (Official Video)', 'Dua Lipa', 5),
      observation('vidLive', 'Dua Lipa - Levitating (Live at the Grammys)', 'Dua Lipa', 6),
      observation('vidDespa', 'Luis Fonsi - Despacito ft. Daddy Yankee', 'Luis Fonsi', 1),
    ];
    writeFileSync(join(dir, 'feed.ndjson'), feed.map((o) => JSON.stringify(o)).join('\n') + '\n');
    writeFileSync(join(dir, 'cm_track.csv'), CATALOG);
    handle = await connect({ kind: 'embedded', dir: 'memory://' });
    await importFile(handle, join(dir, 'feed.ndjson'));
    await importCatalog(handle, join(dir, 'cm_track.csv'));
  });
  afterAll(() => handle?.close());

  it('runs the matcher from Home, offers the automatic decisions with a live count, applies them, opens review', async () => {
    const tui = await renderApp(handle);
    await tui.waitFor('not run yet (i: import cm_track.csv, then m: Run match)');
    await tui.press({ text: 'm' });
    let frame = await tui.waitFor('Auto-accept: confidence ≥ 0.95 (+/-) → 2 undecided items', 20_000);
    expect(frame).toContain('4 videos against 4 catalog rows');
    expect(frame).toContain('Matched 4 videos');
    expect(frame).toContain('4 with candidates · 5 candidates stored');
    expect(frame).toContain('Auto no-match: no recording reaches 0.05 (>/<) → 0 undecided items');
    // Despacito's confidence is 0.94 (its video credits Daddy Yankee, the row not): the accept bar at 0.94 takes it in, 0.95 leaves it out.
    await tui.press({ text: '-' });
    await tui.waitFor('Auto-accept: confidence ≥ 0.94 (+/-) → 3 undecided items');
    await tui.press({ text: '+' });
    await tui.waitFor('Auto-accept: confidence ≥ 0.95 (+/-) → 2 undecided items');
    // The live video's best recording is 0.269: a no-match bar of 0.27 takes it, 0.26 does not.
    for (let i = 0; i < 22; i++) await tui.press({ text: '>' });
    await tui.waitFor('Auto no-match: no recording reaches 0.27 (>/<) → 1 undecided item');
    await tui.press({ text: '<' });
    await tui.waitFor('Auto no-match: no recording reaches 0.26 (>/<) → 0 undecided items');
    await tui.press({ text: '-' });
    await tui.waitFor('Auto-accept: confidence ≥ 0.94 (+/-) → 3 undecided items');
    await tui.press({ text: 'y' });
    frame = await tui.waitFor('Auto-accepted 3 items (confidence ≥ 0.94), no match for 0 (no recording reaches 0.26).');
    const decisions = await handle.db.selectFrom('isrc_match_decisions').select(['decision', 'method']).execute();
    expect(decisions).toEqual(Array.from({ length: 3 }, () => ({ decision: 'accept', method: 'auto' })));
    await tui.press({ text: 'r' });
    frame = await tui.waitFor('Video vidLive');
    expect(frame).toContain('decided 3 / 4');
    await tui.press({ text: 'q' });
    await tui.waitFor('Matches: 3 reviewed');
    tui.unmount();
  });
});
