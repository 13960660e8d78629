import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import { resolve } from 'node:path';
import type { DbHandle } from '../../src/db/connect.js';
import { Frame } from '../components/Frame/Frame.js';
import { fit, formatCount } from '../components/text/text.js';
import { TextField } from '../components/TextField/TextField.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { doneBindings, folderBindings, runningBindings, tableBindings } from './bindings.js';
import type { ExportState } from './export-reducer.js';
import { useExport } from './useExport.js';

const HELP = 'Writes each ticked table to <folder>/<table>.csv from one consistent snapshot. The eight model tables are ticked by default and match `cm-tui ingest --out`. Files appear only when all are written. f (safe formulas) writes cells starting with =, +, -, @, tab or CR with a leading \' so a spreadsheet shows them as text instead of running them; off, the files hold exactly what the database does.';

export function ExportScreen() {
  return <WithDatabase title="Export" help={HELP}>{(handle) => <Export handle={handle} />}</WithDatabase>;
}

function Export({ handle }: { handle: DbHandle }) {
  const [state, dispatch] = useExport(handle, resolve(process.cwd(), 'export'));
  const bindings = state.phase === 'running' ? runningBindings : state.phase === 'choose' ? (state.focus === 'tables' ? tableBindings : folderBindings) : doneBindings;
  useKeyBindings(bindings, dispatch);
  return (
    <Frame title="Export" bindings={bindings} help={HELP}>
      {(body) => <Body state={state} height={body.height} />}
    </Frame>
  );
}

function Body({ state, height }: { state: ExportState; height: number }) {
  if (state.tables === null) return state.message ? <Text color="red">{state.message}</Text> : <Spinner label="listing tables…" />;
  if (state.phase === 'done') {
    const width = Math.max(...state.written.map((w) => w.table.length));
    return (
      <Box flexDirection="column">
        <Text bold color="green">
          Wrote {state.written.length} file{state.written.length === 1 ? '' : 's'}
        </Text>
        {state.written.map((w) => (
          <Text key={w.table} wrap="truncate">{`${fit(w.table, width)}  ${fit(formatCount(w.rows), 10, 'right')} rows  ${w.path}`}</Text>
        ))}
      </Box>
    );
  }
  const nameWidth = Math.max(...state.tables.map((t) => t.name.length), 5);
  const listHeight = Math.max(3, height - 6);
  const first = Math.max(0, Math.min(state.cursor - Math.floor(listHeight / 2), state.tables.length - listHeight));
  const ticked = new Set(state.selected);
  return (
    <Box flexDirection="column">
      <Text bold={state.focus === 'tables'}>
        Tables ({state.selected.length} of {state.tables.length} ticked)
      </Text>
      {state.tables.slice(first, first + listHeight).map((t, k) => {
        const i = first + k;
        const current = i === state.cursor && state.focus === 'tables';
        return (
          <Text key={t.name} inverse={current} wrap="truncate">
            {current ? '▶ ' : '  '}
            {ticked.has(t.name) ? '[x] ' : '[ ] '}
            {fit(t.name, nameWidth)} {t.rows === null ? '' : `${fit(formatCount(t.rows), 10, 'right')} ${t.rows === 1 ? 'row' : 'rows'}`}
          </Text>
        );
      })}
      <Text> </Text>
      <TextField label="Folder:" value={state.folder} focused={state.focus === 'folder' && state.phase === 'choose'} />
      <Text>{state.safeFormulas ? "Safe formulas: on (cells starting with = + - @ get a leading ')" : 'Safe formulas: off (cells written exactly)'}</Text>
      {state.phase === 'running' ? (
        <Spinner label={state.progress ? `exporting ${state.progress.table}: ${formatCount(state.progress.rows)} rows${state.progress.done ? ' ✓' : '…'}` : 'exporting…'} />
      ) : null}
      {state.message ? <Text color={state.phase === 'failed' ? 'red' : 'yellow'}>{state.phase === 'failed' ? `Export failed: ${state.message}` : state.message}</Text> : null}
    </Box>
  );
}
