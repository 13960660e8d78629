import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { DbHandle } from '../../src/db/connect.js';
import type { PastDecision } from '../../src/match/decisions.js';
import { Frame } from '../components/Frame/Frame.js';
import { fit } from '../components/text/text.js';
import { TextField } from '../components/TextField/TextField.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { DECISIONS_HELP, listBindings, typingBindings } from './bindings.js';
import type { DecisionsState } from './decisions-reducer.js';
import { useDecisions } from './useDecisions.js';

export function DecisionsScreen() {
  return <WithDatabase title="Decisions" help={DECISIONS_HELP}>{(handle) => <Decisions handle={handle} />}</WithDatabase>;
}

function Decisions({ handle }: { handle: DbHandle }) {
  const [state, dispatch] = useDecisions(handle);
  const bindings = state.phase === 'typing' ? typingBindings : listBindings;
  useKeyBindings(bindings, dispatch);
  return (
    <Frame title="Decisions" bindings={bindings} help={DECISIONS_HELP}>
      {(body) => <Body state={state} width={body.width} height={body.height} />}
    </Frame>
  );
}

function Body({ state, width, height }: { state: DecisionsState; width: number; height: number }) {
  const rows = state.rows;
  const listHeight = Math.max(1, height - 4);
  const top = Math.max(0, Math.min(state.selected - Math.floor(listHeight / 2), (rows?.length ?? 0) - listHeight));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>Kind: {state.filter}</Text> <Text dimColor>(f)</Text> · words: {state.text === '' ? '–' : `"${state.text}"`} <Text dimColor>(/)</Text>
        {rows ? ` · ${rows.length === 500 ? 'newest 500' : rows.length} ${rows.length === 1 ? 'decision' : 'decisions'}` : ''}
      </Text>
      <Text dimColor wrap="truncate">
        {`  ${fit('id', 6, 'right')} ${fit('when', 19)} ${fit('decision', 9)} ${fit('method', 6)} ${fit('isrc', 12)} ${fit('reviewer', 8)} video`}
      </Text>
      <Box flexDirection="column" height={listHeight}>
        {rows === null ? <Spinner label="loading the decision log…" /> : rows.length === 0 ? <Text dimColor>No decision matches.</Text> : null}
        {rows?.slice(top, top + listHeight).map((row, i) => <Row key={row.id} row={row} picked={top + i === state.selected} width={width} />)}
      </Box>
      {state.phase === 'typing' ? (
        <TextField label="filter words:" value={state.input} />
      ) : (
        <Text wrap="truncate" color={state.message?.tone === 'error' ? 'red' : undefined} dimColor={state.message === null}>
          {state.effect && rows ? 'working…' : (state.message?.text ?? '● in force · u undoes the picked one')}
        </Text>
      )}
    </Box>
  );
}

function Row({ row, picked, width }: { row: PastDecision; picked: boolean; width: number }) {
  const what = row.decision === 'undo' ? `undo #${row.undoes}` : row.decision.replace('_', ' ');
  const head = `${row.inForce ? '●' : ' '} ${fit(String(row.id), 6, 'right')} ${fit(row.decidedAt.slice(0, 19), 19)} ${fit(what, 9)} ${fit(row.method, 6)} ${fit(row.isrc ?? '–', 12)} ${fit(row.reviewer, 8)} `;
  const video = `${row.videoId} ${row.title ?? ''}${row.note ? ` · note: ${row.note}` : ''}`;
  return (
    <Text wrap="truncate" inverse={picked}>
      {head}
      {fit(video, Math.max(10, width - head.length))}
    </Text>
  );
}
