import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { useEffect } from 'react';
import { summary } from '../../src/explorer/format.js';
import { useChrome } from '../app/chrome.js';
import { Frame, type BodySize } from '../components/Frame/Frame.js';
import { Grid } from '../components/Grid/Grid.js';
import { formatCount, truncate } from '../components/text/text.js';
import { TextField } from '../components/TextField/TextField.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { useDb, useServices } from '../services.js';
import { EXPLORER_HELP, explorerBindings } from './bindings.js';
import type { ExplorerState } from './explorer-reducer.js';
import { useExplorer } from './useExplorer.js';

// Prompt, candidates and status line under the result.
const BELOW_RESULT = 3;
// The grid's header, rule and status line.
const GRID_CHROME = 3;

export function ExplorerScreen() {
  const db = useDb();
  const { dataDir } = useServices();
  const chrome = useChrome();
  const [state, dispatch] = useExplorer(db, dataDir);
  const bindings = explorerBindings(state.input.text === '');
  // Always listening (the reducer ignores a submit until the session is open): an input hook that
  // becomes active later loses the first key written to it.
  useKeyBindings(bindings, dispatch);
  useEffect(() => {
    if (state.quit) chrome.handle({ type: 'chrome/back' });
  }, [state.quit, chrome]);
  return (
    <Frame title="SQL explorer" bindings={bindings} help={EXPLORER_HELP}>
      {(body) => (db ? <ExplorerBody state={state} body={body} /> : <WithDatabase>{() => null}</WithDatabase>)}
    </Frame>
  );
}

function ExplorerBody({ state, body }: { state: ExplorerState; body: BodySize }) {
  if (state.status === 'opening') return <Spinner label="opening an explorer session…" />;
  const resultHeight = Math.max(1, body.height - BELOW_RESULT);
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" height={resultHeight} overflow="hidden">
        <Result state={state} width={body.width} height={resultHeight} />
      </Box>
      <Text dimColor wrap="truncate">
        {state.completion ? candidatesLine(state.completion.candidates, state.completion.index, body.width) : ' '}
      </Text>
      <TextField label={`${state.mode}=>`} value={state.input} focused={state.status !== 'failed'} placeholder={state.history.entries.length === 0 ? 'SELECT … or \\? for help' : undefined} />
      <StatusLine state={state} />
    </Box>
  );
}

function candidatesLine(candidates: readonly string[], index: number, width: number): string {
  const shown = candidates.map((c, i) => (i === index ? `[${c}]` : c)).join('  ');
  return truncate(`${candidates.length} ${candidates.length === 1 ? 'match' : 'matches'}: ${shown}`, width);
}

function StatusLine({ state }: { state: ExplorerState }) {
  if (state.status === 'running') {
    const counted = state.progress > 0 ? ` · ${formatCount(state.progress)} rows so far` : '';
    return <Spinner label={`running${counted} · Ctrl+C cancels${state.note ? ` · ${state.note}` : ''}`} />;
  }
  const text = state.note ?? (state.shown.kind === 'rows' ? summary(state.shown.outcome) : state.mode === 'ro' ? 'read-only: \\write allows changes' : 'writes allowed: \\write makes it read-only again');
  return (
    <Text dimColor wrap="truncate">
      {text}
    </Text>
  );
}

function Result({ state, width, height }: { state: ExplorerState; width: number; height: number }) {
  const shown = state.shown;
  switch (shown.kind) {
    case 'none':
      return <Text dimColor>Type a statement and press ⏎. Tab completes table and column names; \? lists the meta-commands.</Text>;
    case 'error':
      return (
        <Box flexDirection="column">
          {shown.lines.map((text, i) => (
            // The message wraps so its end (a refusal's how-to) stays visible; the LINE and caret lines must stay aligned.
            <Text key={i} color="red" wrap={i === 0 ? 'wrap' : 'truncate'}>
              {text}
            </Text>
          ))}
        </Box>
      );
    case 'info':
      return (
        <Box flexDirection="column">
          {shown.lines.slice(0, height).map((text, i) => (
            <Text key={i} wrap="truncate">
              {text}
            </Text>
          ))}
        </Box>
      );
    case 'rows': {
      const { outcome } = shown;
      // Cells of columns the driver gave as numbers go back to numbers so the Grid aligns them right.
      if (outcome.columns.length === 0) return <Text>{summary(outcome).split(' · ')[0]}</Text>;
      const visible = Math.max(1, height - GRID_CHROME);
      const top = state.row < visible ? 0 : state.row - visible + 1;
      const held = outcome.rows.length < outcome.rowCount ? `first ${formatCount(outcome.rows.length)} held` : undefined;
      return (
        <Grid
          columns={outcome.columns}
          rows={outcome.rows.slice(top, top + visible).map((row) => row.map((cell, i) => (cell !== null && outcome.numeric[i] ? Number(cell) : cell)))}
          width={width}
          height={visible}
          selected={state.row - top}
          firstRowNumber={top + 1}
          total={outcome.rowCount}
          firstColumn={state.column}
          note={held}
        />
      );
    }
  }
}
