import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../src/db/connect.js';
import { positionHistory, topPlaylists } from '../../../src/db/dashboard.js';
import { dashboardReducer, initialDashboard, selectedVideo } from '../../../views/dashboard/dashboard-reducer.js';
import { renderApp } from '../../support/render.js';
import { hasSample, sampleDb } from '../../support/sample-db.js';

const playlist = (id: string) => ({ playlistId: id, name: id, plays: 10, playsAt: '2022-05-22', previousPlays: null, previousAt: null });

describe('dashboard reducer', () => {
  it('drops videos and history that answer for a selection the user has left', () => {
    let s = dashboardReducer(initialDashboard, { type: 'playlists', playlists: [playlist('A'), playlist('B')] });
    s = dashboardReducer(s, { type: 'move', delta: 1 });
    expect(dashboardReducer(s, { type: 'videos', playlistId: 'A', list: [{ videoId: 'v', title: 't', position: 0 }] })).toBe(s);
    s = dashboardReducer(s, { type: 'videos', playlistId: 'B', list: [{ videoId: 'v1', title: 't', position: 0 }, { videoId: 'v2', title: 'u', position: 1 }] });
    s = dashboardReducer(s, { type: 'focus' });
    s = dashboardReducer(s, { type: 'move', delta: 1 });
    expect(selectedVideo(s)?.videoId).toBe('v2');
    expect(dashboardReducer(s, { type: 'history', videoId: 'v1', history: { days: [], series: [] } })).toBe(s);
  });
});

describe.skipIf(!hasSample)('Dashboard on the sample (needs ../shared/data)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await sampleDb();
  });
  afterAll(() => handle?.close());

  it('ranks playlists by latest plays and gives a video one position per day', async () => {
    const top = await topPlaylists(handle, 3);
    expect(top[0]).toMatchObject({ name: 'Top 50 This Week & Top 100 Songs 2022 (Best New Music Hits Playlist)', plays: 1710090050, previousPlays: 1710083934 });
    const history = await positionHistory(handle, 'H5v3kku4y6Q');
    expect(history.days).toEqual(['2022-05-19', '2022-05-20', '2022-05-21', '2022-05-22']);
    expect(history.series.find((s) => s.name === 'Top 100 Music Videos Global')?.positions).toEqual([14, 14, 14, 9]);
  });

  it('shows top playlists with growth, a chosen video as sparklines and review progress', async () => {
    const tui = await renderApp(handle, { start: { name: 'dashboard' } });
    const frame = await tui.waitFor('Position history of Harry Styles - As It Was (Official Video)');
    expect(frame).toMatch(/▶\s+1 Top 50 This Week & Top 100 Songs 2022.*1,710,090,050 {2}\+6,116 \(\+0\.00%\) since 2022-05-21/);
    expect(frame).toMatch(/Top 100 Music Videos Global\s+[▁-█]{4} #9 now, best #9/);
    await tui.waitFor('0% decided (0 of 1,046 media items)');
    await tui.press('tab', 'down');
    await tui.waitFor('Position history of Camila Cabello - Bam Bam');
    await tui.resize(80, 24);
    await tui.waitFor('Position history of Camila Cabello');
    for (const line of tui.lastFrame().split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    tui.unmount();
  });
});
