import type { PlaylistVideo, PositionHistory, TopPlaylist } from '../../src/db/dashboard.js';
import type { ReviewProgress } from '../../src/match/review.js';

export interface DashboardState {
  focus: 'playlists' | 'videos';
  playlists: TopPlaylist[] | null;
  playlistIndex: number;
  /** Videos of the selected playlist, tagged with it so a late answer for another is dropped. */
  videos: { playlistId: string; list: PlaylistVideo[] } | null;
  videoIndex: number;
  history: { videoId: string; history: PositionHistory } | null;
  progress: ReviewProgress | null;
  error: string | null;
}

export type DashboardAction =
  | { type: 'playlists'; playlists: TopPlaylist[] }
  | { type: 'videos'; playlistId: string; list: PlaylistVideo[] }
  | { type: 'history'; videoId: string; history: PositionHistory }
  | { type: 'progress'; progress: ReviewProgress }
  | { type: 'move'; delta: number }
  | { type: 'focus' }
  | { type: 'failed'; message: string };

export const initialDashboard: DashboardState = { focus: 'playlists', playlists: null, playlistIndex: 0, videos: null, videoIndex: 0, history: null, progress: null, error: null };

export function selectedPlaylist(state: DashboardState): TopPlaylist | undefined {
  return state.playlists?.[state.playlistIndex];
}

/** The chosen video: the selected row of the playlist's videos, once they are the selected playlist's. */
export function selectedVideo(state: DashboardState): PlaylistVideo | undefined {
  const playlist = selectedPlaylist(state);
  return playlist && state.videos?.playlistId === playlist.playlistId ? state.videos.list[state.videoIndex] : undefined;
}

const wrap = (value: number, count: number) => (((value % count) + count) % count);

export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'playlists':
      return { ...state, playlists: action.playlists, playlistIndex: 0 };
    case 'videos':
      return selectedPlaylist(state)?.playlistId === action.playlistId ? { ...state, videos: { playlistId: action.playlistId, list: action.list }, videoIndex: 0 } : state;
    case 'history':
      return selectedVideo(state)?.videoId === action.videoId ? { ...state, history: { videoId: action.videoId, history: action.history } } : state;
    case 'progress':
      return { ...state, progress: action.progress };
    case 'move': {
      if (state.focus === 'playlists') {
        const n = state.playlists?.length ?? 0;
        return n === 0 ? state : { ...state, playlistIndex: wrap(state.playlistIndex + action.delta, n), videoIndex: 0 };
      }
      const n = selectedVideo(state) ? (state.videos?.list.length ?? 0) : 0;
      return n === 0 ? state : { ...state, videoIndex: wrap(state.videoIndex + action.delta, n) };
    }
    case 'focus':
      return { ...state, focus: state.focus === 'playlists' ? 'videos' : 'playlists' };
    case 'failed':
      return { ...state, error: action.message };
  }
}
