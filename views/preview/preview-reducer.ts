import type { Page, PageFrom, PageSort, TableInfo } from '../../src/db/browse.js';
import { MARK_WIDTH } from '../components/Grid/fit-columns.js';
import { gridLayout } from '../components/Grid/layout.js';
import { applyEdit, selectedLine, type EditOp, type LineState } from '../components/TextField/line-edit.js';

/** A page asked of the database; its answer is applied only if it is still the latest ask. */
export interface PageAsk {
  id: number;
  from: PageFrom;
  /** The row the user moved to (absolute index in the filtered result). */
  target: number;
  /** For after/at: the offset the new page starts at; for before: where the old page started. */
  anchorOffset: number;
}

export interface PreviewState {
  phase: 'pick' | 'browse';
  tables: TableInfo[] | null;
  pickIndex: number;
  table: string | null;
  /** The applied row filter. */
  filter: string;
  /** The filter being typed after `/`, null when not typing. */
  editing: LineState | null;
  pageSize: number;
  page: Page | null;
  /** Index in the filtered result of page.rows[0]. */
  offset: number;
  /** Index in the filtered result of the selected row. */
  cursor: number;
  /** Rows matching the filter; null while counting. */
  total: number | null;
  /** The first column on screen (horizontal scroll). */
  firstColumn: number;
  /** The current column: what <, >, s and ⏎ act on. */
  column: number;
  /** Widths set with < and >, by column index. */
  fixedWidths: Record<number, number>;
  /** Rows ordered by this column (in the database); null for the table's key order. */
  sort: PageSort | null;
  /** Columns the grid has, to keep the current column in view. */
  width: number;
  ask: PageAsk | null;
  /** Showing the selected row whole (one column per line) or its current cell whole. */
  detail: 'row' | 'cell' | null;
  /** Bumped to ask for a new count. */
  countId: number;
  nextId: number;
  error: string | null;
}

export type Move = 'up' | 'down' | 'pageUp' | 'pageDown' | 'home' | 'end';

export type PreviewAction =
  | { type: 'tablesLoaded'; tables: TableInfo[] }
  | { type: 'pickMove'; delta: number }
  | { type: 'pickOpen' }
  | { type: 'open'; table: string }
  | { type: 'move'; move: Move }
  | { type: 'pageLoaded'; id: number; page: Page }
  | { type: 'counted'; countId: number; total: number }
  | { type: 'column'; delta: number }
  | { type: 'columnWidth'; delta: number }
  | { type: 'sort' }
  | { type: 'filterStart' }
  | { type: 'filterEdit'; op: EditOp }
  | { type: 'filterApply' }
  | { type: 'filterCancel' }
  | { type: 'resize'; pageSize: number; width?: number }
  | { type: 'closeTable' }
  | { type: 'detail'; open: 'row' | 'cell' | null }
  | { type: 'failed'; message: string };

/** Columns < and > narrow or widen by. */
const WIDTH_STEP = 4;
const NARROWEST = 3;

export function initialPreview(pageSize: number, width = 120): PreviewState {
  return { phase: 'pick', tables: null, pickIndex: 0, table: null, filter: '', editing: null, pageSize: Math.max(1, pageSize), page: null, offset: 0, cursor: 0, total: null, firstColumn: 0, column: 0, fixedWidths: {}, sort: null, width, ask: null, detail: null, countId: 0, nextId: 1, error: null };
}

/** The grid's layout for `state` scrolled to `firstColumn`: the same call the grid makes. */
function layoutAt(state: PreviewState, firstColumn: number) {
  const page = state.page!;
  const sortIndex = state.sort ? page.columns.indexOf(state.sort.column) : -1;
  return gridLayout({ columns: page.columns, rows: page.rows, width: state.width, firstColumn, fixedWidths: state.fixedWidths, sort: sortIndex >= 0 ? { column: sortIndex, descending: state.sort!.descending } : null });
}

/** Scrolls as little as needed to show the current column. */
function inView(state: PreviewState): PreviewState {
  if (state.page === null) return state.firstColumn <= state.column ? state : { ...state, firstColumn: state.column };
  let first = Math.min(state.firstColumn, state.column);
  while (first < state.column && !layoutAt(state, first).indices.includes(state.column)) first++;
  return first === state.firstColumn ? state : { ...state, firstColumn: first };
}

function setColumn(state: PreviewState, delta: number): PreviewState {
  const columns = state.page?.columns.length ?? 0;
  const column = Math.max(0, Math.min(Math.max(0, columns - 1), state.column + delta));
  return inView({ ...state, column });
}

function setColumnWidth(state: PreviewState, delta: number): PreviewState {
  if (state.page === null || state.page.columns.length === 0) return state;
  const layout = layoutAt(state, state.firstColumn);
  const k = layout.indices.indexOf(state.column);
  const shown = k >= 0 ? layout.widths[k]! : (state.fixedWidths[state.column] ?? layout.headers[state.column]!.length);
  const width = Math.max(NARROWEST, Math.min(state.width - MARK_WIDTH, shown + delta * WIDTH_STEP));
  return inView({ ...state, fixedWidths: { ...state.fixedWidths, [state.column]: width } });
}

/** s: ascending by the current column, again: descending, a third time: the table's own order. */
function nextSort(state: PreviewState): PreviewState {
  const name = state.page?.columns[state.column];
  if (name === undefined || state.table === null) return state;
  const sort: PageSort | null = state.sort?.column !== name ? { column: name, descending: false } : state.sort.descending ? null : { column: name, descending: true };
  // The count does not change with the order: only the first page is asked again.
  return ask({ ...state, sort }, { kind: 'start' }, 0, 0);
}

function ask(state: PreviewState, from: PageFrom, target: number, anchorOffset: number): PreviewState {
  return { ...state, ask: { id: state.nextId, from, target, anchorOffset }, nextId: state.nextId + 1 };
}

/** Opens `table` (or re-opens it with a new filter) at its first row, and recounts. */
function start(state: PreviewState, table: string, filter: string): PreviewState {
  const same = table === state.table;
  const view = same ? {} : { firstColumn: 0, column: 0, fixedWidths: {}, sort: null };
  return ask({ ...state, ...view, phase: 'browse', table, filter, editing: null, page: null, offset: 0, cursor: 0, total: null, countId: state.countId + 1, error: null }, { kind: 'start' }, 0, 0);
}

function move(state: PreviewState, kind: Move): PreviewState {
  const page = state.page;
  // One page request at a time: keys pressed while it loads are not applied to rows not yet shown.
  if (state.ask !== null || page === null) return state;
  const length = page.rows.length;
  if (kind === 'home') return ask(state, { kind: 'start' }, 0, 0);
  if (kind === 'end') return state.total === null ? state : ask(state, { kind: 'end' }, Math.max(0, state.total - 1), 0);
  const delta = kind === 'up' ? -1 : kind === 'down' ? 1 : kind === 'pageUp' ? -state.pageSize : state.pageSize;
  const last = state.total === null ? Number.MAX_SAFE_INTEGER : state.total - 1;
  const target = Math.max(0, Math.min(last, state.cursor + delta));
  if (target >= state.offset && target < state.offset + length) return { ...state, cursor: target };
  if (target >= state.offset + length) {
    const lastKey = page.keys[length - 1];
    if (lastKey === undefined || length < state.pageSize) return { ...state, cursor: state.offset + Math.max(0, length - 1) };
    return ask(state, { kind: 'after', key: lastKey }, target, state.offset + length);
  }
  const firstKey = page.keys[0];
  if (firstKey === undefined || state.offset === 0) return { ...state, cursor: 0 };
  return ask(state, { kind: 'before', key: firstKey }, target, state.offset);
}

function pageLoaded(state: PreviewState, id: number, page: Page): PreviewState {
  const asked = state.ask;
  if (asked === null || asked.id !== id) return state;
  const length = page.rows.length;
  const settled = { ...state, ask: null };
  const clamp = (value: number, low: number, high: number) => Math.max(low, Math.min(high, value));
  switch (asked.from.kind) {
    case 'start':
      return { ...settled, page, offset: 0, cursor: clamp(asked.target, 0, Math.max(0, length - 1)) };
    case 'end': {
      const offset = Math.max(0, (state.total ?? length) - length);
      return { ...settled, page, offset, cursor: offset + Math.max(0, length - 1) };
    }
    case 'after':
      if (length === 0) return settled;
      return { ...settled, page, offset: asked.anchorOffset, cursor: clamp(asked.target, asked.anchorOffset, asked.anchorOffset + length - 1) };
    case 'before': {
      if (length === 0) return settled;
      const offset = Math.max(0, asked.anchorOffset - length);
      return { ...settled, page, offset, cursor: clamp(asked.target, offset, offset + length - 1) };
    }
    case 'at':
      return { ...settled, page, offset: asked.anchorOffset, cursor: clamp(state.cursor, asked.anchorOffset, asked.anchorOffset + Math.max(0, length - 1)) };
  }
}

export function previewReducer(state: PreviewState, action: PreviewAction): PreviewState {
  switch (action.type) {
    case 'tablesLoaded':
      return { ...state, tables: action.tables, pickIndex: Math.min(state.pickIndex, Math.max(0, action.tables.length - 1)) };
    case 'pickMove': {
      const count = state.tables?.length ?? 0;
      return count === 0 ? state : { ...state, pickIndex: (((state.pickIndex + action.delta) % count) + count) % count };
    }
    case 'pickOpen': {
      const table = state.tables?.[state.pickIndex];
      return table ? start(state, table.name, '') : state;
    }
    case 'open': {
      const index = state.tables?.findIndex((t) => t.name === action.table) ?? -1;
      return start({ ...state, pickIndex: index >= 0 ? index : state.pickIndex }, action.table, '');
    }
    case 'move':
      return move(state, action.move);
    case 'pageLoaded':
      return inView(pageLoaded(state, action.id, action.page));
    case 'counted':
      return action.countId === state.countId ? { ...state, total: action.total } : state;
    case 'column':
      return setColumn(state, action.delta);
    case 'columnWidth':
      return setColumnWidth(state, action.delta);
    case 'sort':
      return nextSort(state);
    case 'filterStart':
      return state.phase === 'browse' ? { ...state, editing: selectedLine(state.filter) } : state;
    case 'filterEdit':
      return state.editing ? { ...state, editing: applyEdit(state.editing, action.op) } : state;
    case 'filterApply':
      return state.editing && state.table ? start(state, state.table, state.editing.text.trim()) : state;
    case 'filterCancel':
      return { ...state, editing: null };
    case 'resize': {
      const pageSize = Math.max(1, action.pageSize);
      const widened = action.width !== undefined && action.width !== state.width ? inView({ ...state, width: action.width }) : state;
      if (pageSize === state.pageSize) return widened;
      const firstKey = state.page?.keys[0];
      const resized = { ...widened, pageSize };
      // A request under way was sized for the old height: ask again (its answer will be dropped).
      if (state.ask !== null) return ask(resized, state.ask.from, state.ask.target, state.ask.anchorOffset);
      // Refill the window from its first row at the new height.
      return firstKey === undefined ? resized : ask(resized, { kind: 'at', key: firstKey }, state.cursor, state.offset);
    }
    case 'closeTable':
      return { ...state, phase: 'pick', table: null, page: null, ask: null, editing: null, filter: '', total: null, error: null, detail: null };
    case 'detail':
      return { ...state, detail: (state.page?.rows.length ?? 0) > 0 ? action.open : null };
    case 'failed':
      return { ...state, ask: null, error: action.message };
  }
}
