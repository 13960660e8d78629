import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { useEffect, type Dispatch } from 'react';
import { summary } from '../../src/explorer/format.js';
import { useChrome } from '../app/chrome.js';
import { Frame, type BodySize } from '../components/Frame/Frame.js';
import { Grid } from '../components/Grid/Grid.js';
import { formatCount, truncate } from '../components/text/text.js';
import { TextArea } from '../components/TextField/TextField.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { splitPaste, useKeyBindings } from '../keys/useKeyBindings.js';
import { useDb, useServices } from '../services.js';
import { EXPLORER_HELP, explorerBindings } from './bindings.js';
import type { ExplorerAction, ExplorerState } from './explorer-reducer.js';
import { useExplorer } from './useExplorer.js';

// Candidates and status line under the result (the statement's lines come on top).
const BELOW_RESULT = 2;
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
  // A chunk with line ends is a paste: its lines stay lines of the statement.
  useKeyBindings(bindings, dispatch, { chunks: splitPaste });
  useEffect(() => {
    if (state.quit) chrome.handle({ type: 'chrome/back' });
  }, [state.quit, chrome]);
  return (
    <Frame title="SQL explorer" bindings={bindings} help={EXPLORER_HELP}>
      {(body) => (db ? <ExplorerBody state={state} body={body} dispatch={dispatch} /> : <WithDatabase>{() => null}</WithDatabase>)}
    </Frame>
  );
}

function ExplorerBody({ state, body, dispatch }: { state: ExplorerState; body: BodySize; dispatch: Dispatch<ExplorerAction> }) {
  // A long statement takes at most a third of the screen; the result keeps the rest.
  const maxLines = Math.max(1, Math.floor(body.height / 3));
  const statementLines = Math.min(maxLines, state.input.text.split('\n').length);
  const resultHeight = Math.max(1, body.height - BELOW_RESULT - statementLines);
  const pageRows = Math.max(1, resultHeight - GRID_CHROME);
  useEffect(() => dispatch({ type: 'viewport', rows: pageRows }), [pageRows, dispatch]);
  if (state.status === 'opening') return <Spinner label="opening an explorer session…" />;
  return (
    <Box flexDirection="column">
      <Box flexDirection="column" height={resultHeight} overflow="hidden">
        <Result state={state} width={body.width} height={resultHeight} />
      </Box>
      <Text dimColor wrap="truncate">
        {state.completion ? candidatesLine(state.completion.candidates, state.completion.index, body.width) : ' '}
      </Text>
      <TextArea
        label={`${state.mode}=>`}
        continuation={'...'.padStart(state.mode.length + 2, ' ')}
        value={state.input}
        focused={state.status !== 'failed'}
        maxLines={maxLines}
        placeholder={state.history.entries.length === 0 ? 'SELECT …; or \\? for help' : undefined}
      />
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
      return <Text dimColor>Type a statement ending in ; and press ⏎ (Alt+⏎ runs it without). Tab completes table and column names; \? lists the meta-commands.</Text>;
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
      const top = state.top;
      const reading = state.fetching ? ' · reading more…' : '';
      const note = outcome.more
        ? `row ${formatCount(state.row + 1)} of ${formatCount(outcome.rows.length)} read, more as you scroll (PgDn)${reading}`
        : outcome.rows.length < outcome.rowCount
          ? `first ${formatCount(outcome.rows.length)} held`
          : undefined;
      return (
        <Grid
          columns={outcome.columns}
          rows={outcome.rows.slice(top, top + visible).map((row) => row.map((cell, i) => (cell !== null && outcome.numeric[i] ? Number(cell) : cell)))}
          width={width}
          height={visible}
          selected={state.row - top}
          firstRowNumber={top + 1}
          total={outcome.more ? undefined : outcome.rowCount}
          firstColumn={state.column}
          note={note}
        />
      );
    }
  }
}
