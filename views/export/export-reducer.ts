import type { ExportedTable, ExportProgress } from '../../src/db/export.js';
import { applyEdit, selectedLine, type EditOp, type LineState } from '../components/TextField/line-edit.js';

export interface ExportTableRow {
  name: string;
  /** Null until counted. */
  rows: number | null;
}

export interface ExportState {
  phase: 'choose' | 'running' | 'done' | 'failed';
  tables: ExportTableRow[] | null;
  /** Names ticked, in table order. */
  selected: string[];
  cursor: number;
  focus: 'tables' | 'folder';
  folder: LineState;
  /** Cells starting with =, +, -, @ written with a leading ' (the export's --safe-formulas). */
  safeFormulas: boolean;
  progress: ExportProgress | null;
  written: ExportedTable[];
  message: string | null;
}

export type ExportAction =
  | { type: 'loaded'; tables: string[]; preselected: readonly string[] }
  | { type: 'counted'; name: string; rows: number }
  | { type: 'move'; delta: number }
  | { type: 'toggle' }
  | { type: 'all' }
  | { type: 'focus' }
  | { type: 'safe-formulas' }
  | { type: 'edit'; op: EditOp }
  | { type: 'start' }
  | { type: 'progress'; progress: ExportProgress }
  | { type: 'finished'; written: ExportedTable[] }
  | { type: 'failed'; message: string }
  | { type: 'again' };

export function initialExport(folder: string): ExportState {
  return { phase: 'choose', tables: null, selected: [], cursor: 0, focus: 'tables', folder: selectedLine(folder), safeFormulas: false, progress: null, written: [], message: null };
}

const inOrder = (tables: ExportTableRow[], names: Set<string>) => tables.filter((t) => names.has(t.name)).map((t) => t.name);

export function exportReducer(state: ExportState, action: ExportAction): ExportState {
  switch (action.type) {
    case 'loaded': {
      const tables = action.tables.map((name) => ({ name, rows: null }));
      return { ...state, tables, selected: inOrder(tables, new Set(action.preselected)) };
    }
    case 'counted':
      return state.tables ? { ...state, tables: state.tables.map((t) => (t.name === action.name ? { ...t, rows: action.rows } : t)) } : state;
    case 'move': {
      const n = state.tables?.length ?? 0;
      return n === 0 ? state : { ...state, cursor: (((state.cursor + action.delta) % n) + n) % n };
    }
    case 'toggle': {
      const name = state.tables?.[state.cursor]?.name;
      if (!name || !state.tables) return state;
      const names = new Set(state.selected);
      if (names.has(name)) names.delete(name);
      else names.add(name);
      return { ...state, selected: inOrder(state.tables, names), message: null };
    }
    case 'all': {
      if (!state.tables) return state;
      const everything = state.selected.length === state.tables.length;
      return { ...state, selected: everything ? [] : state.tables.map((t) => t.name), message: null };
    }
    case 'focus':
      return { ...state, focus: state.focus === 'tables' ? 'folder' : 'tables' };
    case 'safe-formulas':
      return state.phase === 'choose' ? { ...state, safeFormulas: !state.safeFormulas } : state;
    case 'edit':
      return { ...state, folder: applyEdit(state.folder, action.op), message: null };
    case 'start':
      if (state.phase !== 'choose') return state;
      if (state.selected.length === 0) return { ...state, message: 'tick at least one table (space, or a for all)' };
      if (state.folder.text.trim() === '') return { ...state, focus: 'folder', message: 'type the output folder' };
      return { ...state, phase: 'running', progress: null, written: [], message: null };
    case 'progress':
      return state.phase === 'running' ? { ...state, progress: action.progress } : state;
    case 'finished':
      return state.phase === 'running' ? { ...state, phase: 'done', written: action.written } : state;
    case 'failed':
      return state.phase === 'running' ? { ...state, phase: 'failed', message: action.message } : state;
    case 'again':
      return state.phase === 'done' || state.phase === 'failed' ? { ...state, phase: 'choose', progress: null, message: null } : state;
  }
}
