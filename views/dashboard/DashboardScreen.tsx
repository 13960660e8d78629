import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { DbHandle } from '../../src/db/connect.js';
import type { TopPlaylist } from '../../src/db/dashboard.js';
import type { ReviewProgress } from '../../src/match/review.js';
import { Bar } from '../components/Bar/Bar.js';
import { Frame } from '../components/Frame/Frame.js';
import { Sparkline } from '../components/Sparkline/Sparkline.js';
import { fit, formatCount, truncate } from '../components/text/text.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { dashboardBindings } from './bindings.js';
import { selectedPlaylist, selectedVideo, type DashboardState } from './dashboard-reducer.js';
import { useDashboard } from './useDashboard.js';

const HELP = 'Top playlists by their latest plays and the change since the previous value; the videos of the selected playlist on its last day; the chosen video\'s position per day in every playlist (taller bar = nearer the top, blank = not in the playlist that day); ISRC review progress.';
const TOP = 8;

export function DashboardScreen() {
  return <WithDatabase title="Dashboard" help={HELP}>{(handle) => <Dashboard handle={handle} />}</WithDatabase>;
}

function Dashboard({ handle }: { handle: DbHandle }) {
  const [state, dispatch] = useDashboard(handle, TOP);
  useKeyBindings(dashboardBindings, dispatch);
  return (
    <Frame title="Dashboard" bindings={dashboardBindings} help={HELP}>
      {(body) => <Body state={state} width={body.width} height={body.height} />}
    </Frame>
  );
}

export function growth(p: TopPlaylist): string {
  if (p.previousPlays === null || p.previousAt === null) return 'first value';
  const delta = p.plays - p.previousPlays;
  const percent = p.previousPlays > 0 ? (delta / p.previousPlays) * 100 : 0;
  const sign = delta >= 0 ? '+' : '−';
  return `${sign}${formatCount(Math.abs(delta))} (${sign}${Math.abs(percent).toFixed(2)}%) since ${p.previousAt.slice(0, 10)}`;
}

function Body({ state, width, height }: { state: DashboardState; width: number; height: number }) {
  if (state.error) return <Text color="red">{state.error}</Text>;
  if (state.playlists === null) return <Spinner label="reading playlists…" />;
  if (state.playlists.length === 0) return <Text>No playlists yet: import a file first (Home › Import).</Text>;
  const nameWidth = Math.max(20, width - 2 - 3 - 16 - 42);
  const playlist = selectedPlaylist(state);
  const video = selectedVideo(state);
  // Every line is counted, so nothing overlaps at 80x20: three headings and the progress (3 lines)
  // always; blank lines only when tall; the history up to 6 playlists and its "more" line; the
  // two lists share the rest.
  const blanks = height >= 26 ? 3 : 0;
  const rest = Math.max(0, height - 6 - blanks);
  const historyLines = Math.min(7, Math.max(0, rest - 4));
  const listRows = Math.max(1, Math.min(TOP, Math.floor((rest - historyLines) / 2)));
  const blank = blanks > 0 ? <Text> </Text> : null;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">Top playlists by latest plays{state.focus === 'playlists' ? ' ◀' : ''}</Text>
      {windowOf(state.playlists, state.playlistIndex, listRows).map(({ item: p, index: i }) => {
        const current = i === state.playlistIndex;
        return (
          <Text key={p.playlistId} inverse={current && state.focus === 'playlists'} wrap="truncate">
            {current ? '▶ ' : '  '}
            {fit(String(i + 1), 2, 'right')} {fit(p.name ?? p.playlistId, nameWidth)} {fit(formatCount(p.plays), 15, 'right')}  {growth(p)}
          </Text>
        );
      })}
      {blank}
      <Text bold wrap="truncate">
        Videos of {truncate(playlist?.name ?? '', 60)} on its last day{state.focus === 'videos' ? ' ◀' : ' (Tab)'}
      </Text>
      {video === undefined && state.videos?.playlistId !== playlist?.playlistId ? <Spinner label="reading videos…" /> : null}
      {state.videos && state.videos.playlistId === playlist?.playlistId
        ? windowOf(state.videos.list, state.videoIndex, listRows).map(({ item: v, index: i }) => {
            const current = i === state.videoIndex;
            return (
              <Text key={v.videoId} inverse={current && state.focus === 'videos'} wrap="truncate">
                {current ? '▶ ' : '  '}#{fit(String(v.position), 3, 'right')}  {v.title ?? v.videoId}
              </Text>
            );
          })
        : null}
      {blank}
      <History state={state} title={video?.title ?? video?.videoId} width={width} lines={historyLines} />
      {blank}
      <Progress progress={state.progress} />
    </Box>
  );
}

function windowOf<T>(list: T[], index: number, size: number): { item: T; index: number }[] {
  const first = Math.max(0, Math.min(index - Math.floor(size / 2), list.length - size));
  return list.slice(first, first + size).map((item, k) => ({ item, index: first + k }));
}

/** The chosen video's history in its heading and at most `lines` more lines. */
function History({ state, title, width, lines }: { state: DashboardState; title: string | undefined; width: number; lines: number }) {
  const video = selectedVideo(state);
  if (!video) return null;
  if (state.history?.videoId !== video.videoId) return <Spinner label="reading position history…" />;
  const { days, series } = state.history.history;
  // At least ten places tall, so a move from #0 to #1 does not look like a fall from the top.
  const max = Math.max(10, ...series.flatMap((s) => s.positions.filter((p): p is number => p !== null)));
  const nameWidth = Math.max(20, Math.min(60, width - days.length - 30));
  const shown = series.length <= lines ? series.length : Math.max(0, Math.min(6, lines - 1));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        Position history of {truncate(title ?? '', 50)} · {days[0]} → {days[days.length - 1]} ({days.length} days; taller = nearer the top)
      </Text>
      {series.slice(0, shown).map((s) => {
        const seen = s.positions.filter((p): p is number => p !== null);
        return (
          <Text key={s.playlistId} wrap="truncate">
            {'  '}
            {fit(s.name ?? s.playlistId, nameWidth)} <Sparkline values={s.positions} invert min={0} max={max} /> {`#${seen[seen.length - 1] ?? '–'} now, best #${Math.min(...seen)}`}
          </Text>
        );
      })}
      {series.length > shown && lines > 0 ? (
        <Text dimColor wrap="truncate">
          {'  '}… and {series.length - shown} more {series.length - shown === 1 ? 'playlist' : 'playlists'}
        </Text>
      ) : null}
    </Box>
  );
}

function Progress({ progress }: { progress: ReviewProgress | null }) {
  if (progress === null) return <Spinner label="reading review progress…" />;
  const fraction = progress.total === 0 ? 0 : progress.decided / progress.total;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">ISRC review progress</Text>
      <Bar fraction={fraction} width={30} color="green" label={`${Math.round(fraction * 100)}% decided (${formatCount(progress.decided)} of ${formatCount(progress.total)} media items)`} />
      <Text dimColor wrap="truncate">
        {formatCount(progress.accepted)} accepted ({formatCount(progress.autoAccepted)} automatically) · {formatCount(progress.rejected)} rejected · {formatCount(progress.noMatch)} no match · {formatCount(progress.deferred)} deferred
      </Text>
    </Box>
  );
}
