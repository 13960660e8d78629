import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { DbHandle } from '../../src/db/connect.js';
import { Bar } from '../components/Bar/Bar.js';
import { Frame } from '../components/Frame/Frame.js';
import { formatCount } from '../components/text/text.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { describeRule } from '../review/auto-rule.js';
import { autoBindings, doneBindings, MATCH_RUN_HELP, runningBindings } from './bindings.js';
import type { MatchRunState } from './match-run-reducer.js';
import { useMatchRun } from './useMatchRun.js';

export function MatchRunScreen() {
  return <WithDatabase title="Run match" help={MATCH_RUN_HELP}>{(handle) => <MatchRun handle={handle} />}</WithDatabase>;
}

function MatchRun({ handle }: { handle: DbHandle }) {
  const [state, dispatch] = useMatchRun(handle);
  const bindings = state.phase === 'auto' ? autoBindings : state.phase === 'done' || state.phase === 'failed' ? doneBindings : runningBindings;
  useKeyBindings(bindings, dispatch);
  return (
    <Frame title="Run match" bindings={bindings} help={MATCH_RUN_HELP}>
      {(body) => <Body state={state} width={body.width} />}
    </Frame>
  );
}

function Body({ state, width }: { state: MatchRunState; width: number }) {
  const { inputs, summary } = state;
  return (
    <Box flexDirection="column">
      {inputs ? (
        <Text wrap="truncate">
          {formatCount(inputs.mediaItems)} videos against {formatCount(inputs.catalogRows)} catalog rows · top 5 candidates each · decisions kept
        </Text>
      ) : (
        <Spinner label="counting videos and catalog rows…" />
      )}
      <Text> </Text>
      {state.phase === 'running' ? <Running state={state} width={width} /> : null}
      {summary ? (
        <Text wrap="truncate">
          <Text bold color="green">
            Matched
          </Text>{' '}
          {formatCount(summary.mediaItems)} videos in {(summary.elapsedMs / 1000).toFixed(1)} s · {formatCount(summary.withCandidates)} with candidates · {formatCount(summary.candidates)} candidates stored
        </Text>
      ) : null}
      {state.phase === 'auto' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Automatic decisions</Text>
          {describeRule(state.rule, state.count).map((line) => (
            <Text key={line.slice(0, 12)} color="yellow" wrap="truncate">
              {line}
            </Text>
          ))}
          <Text dimColor wrap="truncate">
            {state.count === null ? ' ' : state.count.accept + state.count.noMatch > 0 ? 'y records both (method auto, undoable in review) · n leaves every item to review' : 'nothing passes these bars · n goes on'}
          </Text>
        </Box>
      ) : null}
      {state.phase === 'applying' ? <Spinner label="recording the automatic decisions…" /> : null}
      {state.phase === 'done' ? (
        <Box flexDirection="column" marginTop={1}>
          <Text>{state.applied === null ? 'No automatic decision recorded.' : `Auto-accepted ${formatCount(state.applied.accept)} items (confidence ≥ ${state.rule.accept.toFixed(2)}), no match for ${formatCount(state.applied.noMatch)} (no recording reaches ${state.rule.noMatch.toFixed(2)}).`}</Text>
          <Text dimColor>r opens the review queue.</Text>
        </Box>
      ) : null}
      {state.phase === 'failed' ? (
        <Text color="red" wrap="wrap">
          Run match: {state.message}
        </Text>
      ) : null}
    </Box>
  );
}

function Running({ state, width }: { state: MatchRunState; width: number }) {
  const { progress, inputs } = state;
  const scoring = progress?.stage === 'media items';
  const fraction = scoring && inputs && inputs.mediaItems > 0 ? progress.done / inputs.mediaItems : 0;
  return (
    <Box flexDirection="column">
      <Text>{scoring ? 'Scoring videos' : `Indexing the catalog${progress ? `: ${formatCount(progress.done)} rows` : '…'}`}</Text>
      <Bar fraction={fraction} width={Math.min(40, width - 20)} label={scoring ? `${Math.floor(fraction * 100)}% ${formatCount(progress.done)} / ${formatCount(inputs?.mediaItems ?? 0)}` : ''} />
      {state.cancelling ? <Spinner label="cancelling…" /> : null}
    </Box>
  );
}
