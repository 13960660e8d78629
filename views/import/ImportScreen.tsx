import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { basename } from 'node:path';
import type { DbHandle } from '../../src/db/connect.js';
import type { ImportProgress, ImportResult } from '../../src/import/import-file.js';
import { MODEL_TABLES } from '../../src/model/tables.js';
import { Bar } from '../components/Bar/Bar.js';
import { Frame } from '../components/Frame/Frame.js';
import { fit, formatCount, oneLine, truncate } from '../components/text/text.js';
import { TextField } from '../components/TextField/TextField.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { useServices } from '../services.js';
import { doneBindings, failedBindings, inputBindings, runningBindings } from './bindings.js';
import type { ImportState } from './import-reducer.js';
import { useImport } from './useImport.js';

const HELP = 'Reads a JSON array or NDJSON file of playlist observations, validates it and loads it into the database in one transaction. Invalid records become dead letters; the rest still load. Re-importing a file adds nothing.';

export function ImportScreen() {
  return <WithDatabase>{(handle) => <Import handle={handle} />}</WithDatabase>;
}

function Import({ handle }: { handle: DbHandle }) {
  const [state, dispatch] = useImport(handle, process.cwd());
  const bindings = state.phase === 'input' ? inputBindings : state.phase === 'running' ? runningBindings : state.phase === 'done' ? doneBindings : failedBindings;
  useKeyBindings(bindings, dispatch);
  const { description } = useServices();
  return (
    <Frame title="Import" bindings={bindings} help={HELP}>
      {(body) => (
        <Box flexDirection="column">
          <Text dimColor wrap="truncate">
            Into {description}
          </Text>
          <Text> </Text>
          <Body state={state} width={body.width} height={body.height - 2} />
        </Box>
      )}
    </Frame>
  );
}

function Body({ state, width, height }: { state: ImportState; width: number; height: number }) {
  switch (state.phase) {
    case 'input':
      return (
        <Box flexDirection="column">
          <TextField label="File:" value={state.path} placeholder="path to a .json or .ndjson file (Tab completes)" />
          {state.completing ? <Spinner label="completing…" /> : null}
          {state.message ? <Text color="yellow">{state.message}</Text> : null}
          {state.completion ? <Candidates candidates={state.completion.candidates} index={state.completion.index} height={height - 2} /> : null}
        </Box>
      );
    case 'running':
      return <Running file={state.file} progress={state.progress} cancelling={state.cancelling} width={width} />;
    case 'done':
      return <Summary file={state.file} result={state.result} scroll={state.scroll} width={width} height={height} />;
    case 'failed':
      return (
        <Box flexDirection="column">
          <Text wrap="truncate">{state.file}</Text>
          <Text color="red" wrap="wrap">
            Import failed: {state.message}
          </Text>
          <Text dimColor>The database is unchanged.</Text>
        </Box>
      );
  }
}

function Candidates({ candidates, index, height }: { candidates: string[]; index: number; height: number }) {
  const shown = Math.max(1, Math.min(candidates.length, height));
  const first = index < shown ? 0 : index - shown + 1;
  return (
    <Box flexDirection="column">
      <Text dimColor>{candidates.length} matches (Tab cycles):</Text>
      {candidates.slice(first, first + shown).map((c, i) => (
        <Text key={c} inverse={first + i === index} wrap="truncate">
          {first + i === index ? '▶ ' : '  '}
          {basename(c) + (c.endsWith('/') ? '/' : '')}
        </Text>
      ))}
    </Box>
  );
}

function rate(records: number, ms: number): string {
  return ms <= 0 ? '–' : formatCount(Math.round((records / ms) * 1000));
}

function Running({ file, progress, cancelling, width }: { file: string; progress: ImportProgress | null; cancelling: boolean; width: number }) {
  const fraction = progress && progress.totalBytes > 0 ? progress.bytesRead / progress.totalBytes : 0;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">Importing {file}</Text>
      <Bar fraction={fraction} width={Math.min(40, width - 10)} label={`${Math.floor(fraction * 100)}%`} />
      {progress ? (
        <Text>
          {formatCount(progress.recordsRead)} records · {rate(progress.recordsRead, progress.elapsedMs)} records/s · {formatCount(progress.deadLetters)} dead letters · {(progress.elapsedMs / 1000).toFixed(1)} s
        </Text>
      ) : (
        <Text> </Text>
      )}
      {cancelling ? <Spinner label="cancelling…" /> : progress?.phase === 'finishing' ? <Spinner label="building the change logs and committing…" /> : null}
    </Box>
  );
}

function Summary({ file, result, scroll, width, height }: { file: string; result: ImportResult; scroll: number; width: number; height: number }) {
  const { read, load } = result;
  const o = load.observations;
  const nameWidth = Math.max(...MODEL_TABLES.map((t) => t.name.length));
  const listHeight = Math.max(1, height - 6 - MODEL_TABLES.length - 3);
  const letters = result.deadLetters.slice(scroll, scroll + listHeight);
  const reasonWidth = Math.min(36, Math.max(6, ...result.deadLetters.map((d) => d.reason.length)));
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color="green">
          Imported
        </Text>{' '}
        {file} in {(read.elapsedMs / 1000).toFixed(1)} s
      </Text>
      <Text wrap="truncate">
        Records: {formatCount(read.recordsRead)} read · {formatCount(read.valid)} valid · {formatCount(read.duplicates)} exact duplicates · {formatCount(result.deadLetterCount)} dead letters
      </Text>
      <Text wrap="truncate">
        Observations: {formatCount(o.inserted)} new · {formatCount(o.alreadyPresent)} already loaded · {formatCount(o.conflicts)} conflicts with loaded ones
      </Text>
      <Text> </Text>
      <Text bold>{`${fit('table', nameWidth)}  ${fit('added', 9, 'right')}  ${fit('rows', 10, 'right')}`}</Text>
      {MODEL_TABLES.map((t) => (
        <Text key={t.name}>{`${fit(t.name, nameWidth)}  ${fit(`+${formatCount(load.tables[t.name].added)}`, 9, 'right')}  ${fit(formatCount(result.totals[t.name] ?? 0), 10, 'right')}`}</Text>
      ))}
      <Text> </Text>
      {result.deadLetterCount === 0 ? (
        <Text>No dead letters.</Text>
      ) : (
        <Box flexDirection="column">
          <Text bold>
            Dead letters ({formatCount(result.deadLetterCount)}
            {result.deadLetterCount > result.deadLetters.length ? `, first ${result.deadLetters.length} shown` : ''}; ↑/↓ scroll)
          </Text>
          {letters.map((d, i) => (
            <Text key={scroll + i} wrap="truncate">
              {`#${fit(String(d.recordIndex), 7)} ${fit(d.reason, reasonWidth)}  ${truncate(oneLine(d.rawText), Math.max(10, width - reasonWidth - 12))}`}
            </Text>
          ))}
        </Box>
      )}
    </Box>
  );
}
