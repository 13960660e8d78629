import { useEffect, useReducer } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { playlistVideos, positionHistory, topPlaylists } from '../../src/db/dashboard.js';
import { reviewProgress } from '../../src/match/review.js';
import { dashboardReducer, initialDashboard, selectedPlaylist, selectedVideo, type DashboardAction, type DashboardState } from './dashboard-reducer.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useDashboard(handle: DbHandle, limit: number): [DashboardState, (action: DashboardAction) => void] {
  const [state, dispatch] = useReducer(dashboardReducer, initialDashboard);
  const fail = (error: unknown) => dispatch({ type: 'failed', message: message(error) });

  useEffect(() => {
    topPlaylists(handle, limit).then((playlists) => dispatch({ type: 'playlists', playlists }), fail);
    reviewProgress(handle.db).then((progress) => dispatch({ type: 'progress', progress }), fail);
  }, [handle, limit]);

  const playlistId = selectedPlaylist(state)?.playlistId;
  useEffect(() => {
    if (playlistId === undefined) return;
    playlistVideos(handle, playlistId, 50).then((list) => dispatch({ type: 'videos', playlistId, list }), fail);
  }, [handle, playlistId]);

  const videoId = selectedVideo(state)?.videoId;
  useEffect(() => {
    if (videoId === undefined) return;
    positionHistory(handle, videoId).then((history) => dispatch({ type: 'history', videoId, history }), fail);
  }, [handle, videoId]);

  return [state, dispatch];
}
