import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { DbHandle } from '../../src/db/connect.js';
import { useChrome } from '../app/chrome.js';
import type { Screen } from '../app/screen.js';
import { Frame, frameBodySize } from '../components/Frame/Frame.js';
import { Grid } from '../components/Grid/Grid.js';
import { displayWidth, fit, formatCount } from '../components/text/text.js';
import { formatCell } from '../components/Grid/format.js';
import { TextField } from '../components/TextField/TextField.js';
import { WithDatabase } from '../components/WithDatabase/WithDatabase.js';
import { useKeyBindings } from '../keys/useKeyBindings.js';
import { browseBindings, detailBindings, filterBindings, pickBindings } from './bindings.js';
import type { PreviewState } from './preview-reducer.js';
import { usePreview } from './usePreview.js';

const HELP = 'Browse a table page by page; only the rows on screen are read from the database. ←/→ pick a column: < and > narrow or widen it, s sorts by it (in the database), ⏎ shows its cell whole. / filters rows by text found anywhere in the row.';
/** Lines of the body above and below the grid's rows: title, header, rule, status, filter line. */
const GRID_CHROME = 5;

export function PreviewScreen({ screen }: { screen: Extract<Screen, { name: 'preview' }> }) {
  return (
    <WithDatabase title="Preview" help={HELP}>
      {(handle) => <Preview handle={handle} presetTable={screen.table} />}
    </WithDatabase>
  );
}

function Preview({ handle, presetTable }: { handle: DbHandle; presetTable: string | undefined }) {
  const { size } = useChrome();
  const body = frameBodySize(size, browseBindings);
  const [state, dispatch] = usePreview(handle, body.height - GRID_CHROME, body.width, presetTable);
  const bindings = state.phase === 'pick' ? pickBindings : state.editing ? filterBindings : state.detail ? detailBindings : browseBindings;
  useKeyBindings(bindings, dispatch);
  return (
    <Frame title="Preview" bindings={bindings} help={HELP}>
      {(area) => (state.phase === 'pick' ? <TablePicker state={state} height={area.height} /> : state.detail === 'cell' ? <CellDetail state={state} width={area.width} height={area.height} /> : state.detail === 'row' ? <RowDetail state={state} width={area.width} height={area.height} /> : <Browse state={state} width={area.width} rows={state.pageSize} />)}
    </Frame>
  );
}

function TablePicker({ state, height }: { state: PreviewState; height: number }) {
  if (state.error) return <Text color="red">{state.error}</Text>;
  if (state.tables === null) return <Spinner label="listing tables…" />;
  const width = Math.max(...state.tables.map((t) => t.name.length), 5);
  // The tables that fit under the heading, around the selected one.
  const rows = Math.max(1, height - 1);
  const top = Math.max(0, Math.min(state.pickIndex - Math.floor(rows / 2), state.tables.length - rows));
  return (
    <Box flexDirection="column">
      <Text bold>Pick a table</Text>
      {state.tables.slice(top, top + rows).map((table, k) => ({ table, i: top + k })).map(({ table, i }) => (
        <Text key={table.name} inverse={i === state.pickIndex} wrap="truncate">
          {i === state.pickIndex ? '▶ ' : '  '}
          {fit(table.name, width)}  {fit(formatCount(table.rows), 12, 'right')} {table.rows === 1 ? 'row ' : 'rows'}  {table.columns.length} columns
        </Text>
      ))}
    </Box>
  );
}

function Browse({ state, width, rows }: { state: PreviewState; width: number; rows: number }) {
  const page = state.page;
  return (
    <Box flexDirection="column">
      <Text wrap="truncate">
        <Text bold>{state.table}</Text>
        {state.filter ? ` · filter "${state.filter}"` : ''}
        {state.sort ? ` · sorted by ${state.sort.column} ${state.sort.descending ? 'descending' : 'ascending'}` : ''}
        {state.ask ? ' · loading…' : ''}
      </Text>
      {state.error ? <Text color="red">{state.error}</Text> : null}
      {page ? (
        <Grid
          columns={page.columns}
          rows={page.rows}
          width={width}
          height={rows}
          selected={page.rows.length > 0 ? state.cursor - state.offset : -1}
          firstRowNumber={state.offset + 1}
          total={state.total}
          firstColumn={state.firstColumn}
          current={state.column}
          fixedWidths={state.fixedWidths}
          sort={state.sort ? { column: page.columns.indexOf(state.sort.column), descending: state.sort.descending } : null}
        />
      ) : (
        <Spinner label="reading rows…" />
      )}
      {state.editing ? <TextField label="/" value={state.editing} /> : null}
    </Box>
  );
}

/** The selected row whole: one column per line, long values wrapped. */
function RowDetail({ state, width, height }: { state: PreviewState; width: number; height: number }) {
  const page = state.page;
  const row = page?.rows[state.cursor - state.offset];
  if (!page || !row) return <Spinner label="reading rows…" />;
  const nameWidth = Math.min(24, Math.max(...page.columns.map(displayWidth)));
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold wrap="truncate">
        {state.table} · row {formatCount(state.cursor + 1)}
        {state.total !== null ? ` of ${formatCount(state.total)}` : ''}
        {state.ask ? ' · loading…' : ''}
      </Text>
      {page.columns.map((column, i) => (
        <Box key={column}>
          <Box width={nameWidth + 2} flexShrink={0}>
            <Text dimColor={i !== state.column} inverse={i === state.column}>
              {fit(column, nameWidth)}
            </Text>
          </Box>
          <Box width={Math.max(10, width - nameWidth - 2)}>
            <Text wrap="wrap">{formatCell(row[i])}</Text>
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** The current cell whole: its text as stored (newlines kept), wrapped to the width. */
function CellDetail({ state, width, height }: { state: PreviewState; width: number; height: number }) {
  const page = state.page;
  const row = page?.rows[state.cursor - state.offset];
  if (!page || !row) return <Spinner label="reading rows…" />;
  const value = row[state.column];
  // Newlines kept; tabs and other control characters would move Ink's cursor.
  const text = typeof value === 'string' ? value.replace(/\t/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '') : formatCell(value);
  return (
    <Box flexDirection="column" height={height} overflow="hidden">
      <Text bold wrap="truncate">
        {state.table} · row {formatCount(state.cursor + 1)}
        {state.total !== null ? ` of ${formatCount(state.total)}` : ''} · {page.columns[state.column]} ({formatCount(Array.from(text).length)} characters)
        {state.ask ? ' · loading…' : ''}
      </Text>
      <Box width={width}>
        <Text wrap="wrap">{text === '' ? '(empty)' : text}</Text>
      </Box>
    </Box>
  );
}
