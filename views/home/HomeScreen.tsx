import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { useEffect, useReducer, useState } from 'react';
import type { HomeCounts } from '../../src/db/stats.js';
import { useChrome } from '../app/chrome.js';
import { SCREEN_LIST } from '../../src/screens.js';
import { Frame } from '../components/Frame/Frame.js';
import { formatCount } from '../components/text/text.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { useDb, useServices } from '../services.js';
import { homeBindings } from './bindings.js';
import { homeReducer, initialHome } from './home-reducer.js';

export function HomeScreen() {
  const chrome = useChrome();
  const [state, dispatch] = useReducer(homeReducer, initialHome);
  useKeyBindings(homeBindings, dispatch);
  useEffect(() => {
    if (state.opening === null) return;
    dispatch({ type: 'opened' });
    chrome.go({ name: state.opening } as never);
  }, [state.opening, chrome]);
  const { description } = useServices();
  return (
    <Frame title="Home" bindings={homeBindings} help="Pick a screen with ↑/↓ and ⏎, or press its letter.">
      <Box flexDirection="column" gap={1}>
        <Box flexDirection="column">
          <Text wrap="truncate">Database: {description}</Text>
          <WithDatabase>{() => <Counts />}</WithDatabase>
        </Box>
        <Box flexDirection="column">
          {SCREEN_LIST.map((screen, i) => {
            const selected = i === state.selected;
            return (
              <Text key={screen.name} inverse={selected} wrap="truncate">
                {selected ? '▶ ' : '  '}
                {screen.key}  {screen.title.padEnd(14)} {screen.summary}
              </Text>
            );
          })}
        </Box>
      </Box>
    </Frame>
  );
}

function Counts() {
  const db = useDb();
  const [counts, setCounts] = useState<HomeCounts | string | null>(null);
  useEffect(() => {
    if (!db) return;
    let live = true;
    // Loaded on use so Kysely is not on the path to Home's first frame.
    import('../../src/db/stats.js')
      .then(({ homeCounts }) => homeCounts(db))
      .then(
      (c) => live && setCounts(c),
      (error: unknown) => live && setCounts(error instanceof Error ? error.message : String(error)),
    );
    return () => {
      live = false;
    };
  }, [db]);
  if (counts === null) return <Spinner label="counting…" />;
  if (typeof counts === 'string') return <Text color="red">Counts unavailable: {counts}</Text>;
  const matches = counts.matches ? `${formatCount(counts.matches.reviewed)} reviewed, ${formatCount(counts.matches.pending)} pending` : 'not run yet (i: import cm_track.csv, then m: Run match)';
  return (
    <Text wrap="truncate">
      Observations: {formatCount(counts.observations)} · Media items: {formatCount(counts.mediaItems)} · Matches: {matches}
    </Text>
  );
}
