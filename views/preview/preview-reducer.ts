import type { Page, PageFrom, TableInfo } from '../../src/db/browse.js';
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
  firstColumn: number;
  ask: PageAsk | null;
  /** Showing the selected row whole, one column per line. */
  detail: boolean;
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
  | { type: 'scroll'; delta: number }
  | { type: 'filterStart' }
  | { type: 'filterEdit'; op: EditOp }
  | { type: 'filterApply' }
  | { type: 'filterCancel' }
  | { type: 'resize'; pageSize: number }
  | { type: 'closeTable' }
  | { type: 'detail'; open: boolean }
  | { type: 'failed'; message: string };

export function initialPreview(pageSize: number): PreviewState {
  return { phase: 'pick', tables: null, pickIndex: 0, table: null, filter: '', editing: null, pageSize: Math.max(1, pageSize), page: null, offset: 0, cursor: 0, total: null, firstColumn: 0, ask: null, detail: false, countId: 0, nextId: 1, error: null };
}

function ask(state: PreviewState, from: PageFrom, target: number, anchorOffset: number): PreviewState {
  return { ...state, ask: { id: state.nextId, from, target, anchorOffset }, nextId: state.nextId + 1 };
}

/** Opens `table` (or re-opens it with a new filter) at its first row, and recounts. */
function start(state: PreviewState, table: string, filter: string): PreviewState {
  return ask({ ...state, phase: 'browse', table, filter, editing: null, page: null, offset: 0, cursor: 0, total: null, firstColumn: filter === state.filter && table === state.table ? state.firstColumn : 0, countId: state.countId + 1, error: null }, { kind: 'start' }, 0, 0);
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
      return pageLoaded(state, action.id, action.page);
    case 'counted':
      return action.countId === state.countId ? { ...state, total: action.total } : state;
    case 'scroll': {
      const columns = state.page?.columns.length ?? 0;
      return { ...state, firstColumn: Math.max(0, Math.min(Math.max(0, columns - 1), state.firstColumn + action.delta)) };
    }
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
      if (pageSize === state.pageSize) return state;
      const firstKey = state.page?.keys[0];
      const resized = { ...state, pageSize };
      // A request under way was sized for the old height: ask again (its answer will be dropped).
      if (state.ask !== null) return ask(resized, state.ask.from, state.ask.target, state.ask.anchorOffset);
      // Refill the window from its first row at the new height.
      return firstKey === undefined ? resized : ask(resized, { kind: 'at', key: firstKey }, state.cursor, state.offset);
    }
    case 'closeTable':
      return { ...state, phase: 'pick', table: null, page: null, ask: null, editing: null, filter: '', total: null, error: null, detail: false };
    case 'detail':
      return { ...state, detail: action.open && (state.page?.rows.length ?? 0) > 0 };
    case 'failed':
      return { ...state, ask: null, error: action.message };
  }
}
