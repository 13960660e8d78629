import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { basename } from 'node:path';
import type { DbHandle } from '../../src/db/connect.js';
import type { DeadLetterRow, ImportProgress, ImportResult } from '../../src/import/import-file.js';
import type { CatalogImportSummary } from '../../src/match/catalog-import.js';
import { MODEL_TABLES } from '../../src/model/tables.js';
import { Bar } from '../components/Bar/Bar.js';
import { Frame } from '../components/Frame/Frame.js';
import { fit, formatCount, oneLine, truncate } from '../components/text/text.js';
import { TextField } from '../components/TextField/TextField.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { useServices } from '../services.js';
import { doneBindings, letterBindings, failedBindings, inputBindings, runningBindings } from './bindings.js';
import { isCatalogProgress, type CatalogProgress, type ImportState } from './import-reducer.js';
import { useImport } from './useImport.js';

const HELP =
  'Reads a JSON array or NDJSON file of playlist observations, validates it and loads it into the database in one transaction. Invalid records become dead letters; the rest still load. Re-importing a file adds nothing. A CSV whose header has cm_track,track,isrc,cm_artist,artist is the ISRC catalog: it loads as `cm-tui isrc` does (rows upserted by ISRC, bad rows as dead letters); then Run match (m on Home) scores the videos against it.';

export function ImportScreen() {
  return <WithDatabase title="Import" help={HELP}>{(handle) => <Import handle={handle} />}</WithDatabase>;
}

function Import({ handle }: { handle: DbHandle }) {
  const [state, dispatch] = useImport(handle, process.cwd());
  const bindings = state.phase === 'input' ? inputBindings : state.phase === 'running' ? runningBindings : state.phase === 'done' ? (state.letterOpen ? letterBindings : doneBindings) : failedBindings;
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
      return isCatalogProgress(state.progress) ? (
        <RunningCatalog file={state.file} progress={state.progress} cancelling={state.cancelling} />
      ) : (
        <Running file={state.file} progress={state.progress} cancelling={state.cancelling} width={width} />
      );
    case 'done':
      if (state.letterOpen) {
        const feed = state.outcome.kind === 'feed';
        const letters = state.outcome.kind === 'feed' ? state.outcome.result.deadLetters : state.outcome.deadLetters;
        return <WholeDeadLetter letters={letters} index={state.scroll} prefix={feed ? '#' : 'line '} width={width} height={height} />;
      }
      return state.outcome.kind === 'feed' ? (
        <Summary file={state.file} result={state.outcome.result} scroll={state.scroll} width={width} height={height} />
      ) : (
        <CatalogSummary file={state.file} summary={state.outcome.summary} deadLetters={state.outcome.deadLetters} scroll={state.scroll} width={width} height={height} />
      );
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

function RunningCatalog({ file, progress, cancelling }: { file: string; progress: CatalogProgress; cancelling: boolean }) {
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">Importing the ISRC catalog {file}</Text>
      <Text>
        {formatCount(progress.rowsRead)} rows · {rate(progress.rowsRead, progress.elapsedMs)} rows/s · {(progress.elapsedMs / 1000).toFixed(1)} s
      </Text>
      {cancelling ? <Spinner label="cancelling…" /> : <Spinner label="reading rows, then upserting them by ISRC…" />}
    </Box>
  );
}

function CatalogSummary({ file, summary, deadLetters, scroll, width, height }: { file: string; summary: CatalogImportSummary; deadLetters: DeadLetterRow[]; scroll: number; width: number; height: number }) {
  const reasons = Object.entries(summary.deadLetterReasons);
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold color="green">
          Imported the ISRC catalog
        </Text>{' '}
        {file} in {(summary.elapsedMs / 1000).toFixed(1)} s
      </Text>
      <Text wrap="truncate">
        Rows: {formatCount(summary.rowsRead)} read · {formatCount(summary.inserted)} new · {formatCount(summary.updated)} updated · {formatCount(summary.unchanged)} unchanged · {formatCount(summary.duplicates)} exact duplicates · {formatCount(summary.deadLetters)} dead letters
      </Text>
      <Text dimColor>Next: Run match (m on Home, or on Match review) scores every video against the catalog.</Text>
      <Text> </Text>
      <DeadLetters letters={deadLetters} count={summary.deadLetters} scroll={scroll} width={width} height={Math.max(1, height - 5 - reasons.length)} prefix="line " />
      {reasons.length > 0 ? <Text dimColor wrap="truncate">{reasons.map(([reason, n]) => `${reason}: ${formatCount(n)}`).join(' · ')}</Text> : null}
    </Box>
  );
}

/** A run's dead letters, `height` lines with the title; `prefix` names what the index counts (#record, line). */
function DeadLetters({ letters, count, scroll, width, height, prefix }: { letters: readonly DeadLetterRow[]; count: number; scroll: number; width: number; height: number; prefix: string }) {
  if (count === 0) return <Text>No dead letters.</Text>;
  const shown = letters.slice(scroll, scroll + Math.max(1, height - 1));
  const reasonWidth = Math.min(36, Math.max(6, ...letters.map((d) => d.reason.length)));
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        Dead letters ({formatCount(count)}
        {count > letters.length ? `, first ${letters.length} shown` : ''}; ↑/↓ scroll, ⏎ whole)
      </Text>
      {shown.map((d, i) => (
        <Text key={scroll + i} wrap="truncate" inverse={i === 0}>
          {`${i === 0 ? '▶ ' : '  '}${prefix}${fit(String(d.recordIndex), 7)} ${fit(d.reason, reasonWidth)}  ${truncate(oneLine(d.rawText), Math.max(10, width - reasonWidth - 11 - prefix.length))}`}
        </Text>
      ))}
    </Box>
  );
}

function Summary({ file, result, scroll, width, height }: { file: string; result: ImportResult; scroll: number; width: number; height: number }) {
  const { read, load } = result;
  const o = load.observations;
  const nameWidth = Math.max(...MODEL_TABLES.map((t) => t.name.length));
  const listHeight = Math.max(1, height - 6 - MODEL_TABLES.length - 3);
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
      <DeadLetters letters={result.deadLetters} count={result.deadLetterCount} scroll={scroll} width={width} height={listHeight + 1} prefix="#" />
    </Box>
  );
}

/** The picked dead letter whole: its reason and its record, wrapped. */
function WholeDeadLetter({ letters, index, prefix, width, height }: { letters: readonly DeadLetterRow[]; index: number; prefix: string; width: number; height: number }) {
  const letter = letters[index];
  if (!letter) return null;
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold wrap="truncate">
        Dead letter {prefix}
        {letter.recordIndex} ({formatCount(index + 1)} of {formatCount(letters.length)}; ↑/↓ previous/next, ⏎ back)
      </Text>
      <Box width={width}>
        <Text wrap="wrap">
          <Text bold>reason </Text>
          {letter.reason}
        </Text>
      </Box>
      <Box width={width}>
        <Text wrap="wrap">
          <Text bold>record </Text>
          {oneLine(letter.rawText)}
        </Text>
      </Box>
    </Box>
  );
}
