import type { ImportProgress, ImportResult } from '../../src/import/import-file.js';
import type { CatalogDeadLetter, CatalogImportSummary } from '../../src/match/catalog-import.js';
import { commonPrefix } from '../../src/import/complete-path.js';
import { applyEdit, line, selectedLine, type EditOp, type LineState } from '../components/TextField/line-edit.js';

export interface Completion {
  candidates: string[];
  /** The candidate shown in the field; -1 before the first cycle. */
  index: number;
}

/** A catalog file (cm_track.csv) loads rows, not records with bytes: its own progress. */
export interface CatalogProgress {
  kind: 'catalog';
  rowsRead: number;
  elapsedMs: number;
}

export function isCatalogProgress(progress: ImportProgress | CatalogProgress | null): progress is CatalogProgress {
  return progress !== null && 'kind' in progress;
}

/** What an import did: a playlist feed, or a catalog recognised by its header. */
export type ImportOutcome = { kind: 'feed'; result: ImportResult } | { kind: 'catalog'; summary: CatalogImportSummary; deadLetters: CatalogDeadLetter[] };

export type ImportState =
  | {
      phase: 'input';
      path: LineState;
      /** Completions asked for this text (id to drop stale answers). */
      completing: { id: number; text: string } | null;
      completion: Completion | null;
      message: string | null;
      nextId: number;
    }
  | { phase: 'running'; file: string; progress: ImportProgress | CatalogProgress | null; cancelling: boolean }
  /** `scroll`: the dead letter picked (the first in view); `letterOpen`: it is shown whole. */
  | { phase: 'done'; file: string; outcome: ImportOutcome; scroll: number; letterOpen: boolean }
  | { phase: 'failed'; file: string; message: string };

export type ImportAction =
  | { type: 'edit'; op: EditOp }
  | { type: 'complete'; direction: 1 | -1 }
  | { type: 'completions'; id: number; candidates: string[] }
  | { type: 'start' }
  | { type: 'progress'; progress: ImportProgress | CatalogProgress }
  | { type: 'finished'; outcome: ImportOutcome }
  | { type: 'failed'; message: string }
  | { type: 'cancel' }
  | { type: 'again' }
  | { type: 'scroll'; delta: number }
  | { type: 'letter'; open: boolean };

export function initialImport(path = ''): ImportState {
  return { phase: 'input', path: selectedLine(path), completing: null, completion: null, message: null, nextId: 1 };
}

export function importReducer(state: ImportState, action: ImportAction): ImportState {
  switch (action.type) {
    case 'edit':
      return state.phase === 'input' ? { ...state, path: applyEdit(state.path, action.op), completion: null, completing: null, message: null } : state;
    case 'complete': {
      if (state.phase !== 'input') return state;
      const c = state.completion;
      if (c && c.candidates.length > 1) {
        // Repeated Tab cycles through the candidates (Shift+Tab backwards).
        const n = c.candidates.length;
        const index = c.index === -1 ? (action.direction === 1 ? 0 : n - 1) : (c.index + action.direction + n) % n;
        return { ...state, path: line(c.candidates[index]!), completion: { ...c, index } };
      }
      return { ...state, completing: { id: state.nextId, text: state.path.text }, nextId: state.nextId + 1, completion: null };
    }
    case 'completions': {
      if (state.phase !== 'input' || state.completing?.id !== action.id) return state;
      const typed = state.completing.text;
      const settled = { ...state, completing: null };
      if (action.candidates.length === 0) return { ...settled, message: `no file or folder starts with "${typed}"` };
      if (action.candidates.length === 1) return { ...settled, path: line(action.candidates[0]!), message: null };
      const prefix = commonPrefix(action.candidates);
      return { ...settled, path: prefix.length > typed.length ? line(prefix) : state.path, completion: { candidates: action.candidates, index: -1 }, message: null };
    }
    case 'start': {
      if (state.phase !== 'input') return state;
      const file = state.path.text.trim();
      return file === '' ? { ...state, message: 'type the path of a playlist file (Tab completes)' } : { phase: 'running', file, progress: null, cancelling: false };
    }
    case 'progress':
      return state.phase === 'running' ? { ...state, progress: action.progress } : state;
    case 'finished':
      return state.phase === 'running' ? { phase: 'done', file: state.file, outcome: action.outcome, scroll: 0, letterOpen: false } : state;
    case 'failed':
      return state.phase === 'running' ? { phase: 'failed', file: state.file, message: action.message } : state;
    case 'cancel':
      return state.phase === 'running' ? { ...state, cancelling: true } : state;
    case 'again':
      return state.phase === 'done' || state.phase === 'failed' ? initialImport(state.file) : state;
    case 'scroll': {
      if (state.phase !== 'done') return state;
      const letters = state.outcome.kind === 'feed' ? state.outcome.result.deadLetters : state.outcome.deadLetters;
      const max = Math.max(0, letters.length - 1);
      return { ...state, scroll: Math.max(0, Math.min(max, state.scroll + action.delta)) };
    }
    case 'letter': {
      if (state.phase !== 'done') return state;
      const letters = state.outcome.kind === 'feed' ? state.outcome.result.deadLetters : state.outcome.deadLetters;
      return { ...state, letterOpen: action.open && letters.length > 0 };
    }
  }
}
