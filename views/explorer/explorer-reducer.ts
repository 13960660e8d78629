import type { Schema } from '../../src/explorer/catalog.js';
import { completions } from '../../src/explorer/completion.js';
import { errorLines } from '../../src/explorer/format.js';
import type { Reply } from '../../src/explorer/repl.js';
import type { Cell, Mode, Outcome } from '../../src/explorer/session.js';
import { readyToRun } from '../../src/explorer/statement.js';
import { applyEdit, line, moveLine, type EditOp, type LineState } from '../components/TextField/line-edit.js';

/** What the result area shows. */
export type Shown =
  | { kind: 'none' }
  | { kind: 'rows'; outcome: Extract<Outcome, { kind: 'rows' }> }
  | { kind: 'error'; lines: string[] }
  | { kind: 'info'; lines: string[] };

export interface ExplorerState {
  /** `opening` until the session is ready; `running` while a statement runs (id = its submission). */
  status: 'opening' | 'idle' | 'running' | 'failed';
  mode: Mode;
  /** The statement being written, over several lines. */
  input: LineState;
  /** The statement handed to the runner, picked up by the screen's effect; null when none. */
  pending: { id: number; text: string } | null;
  nextId: number;
  /** Rows counted so far by the running statement. */
  progress: number;
  cancelRequested: boolean;
  shown: Shown;
  /** Selected row, first row on screen and first column of the result grid. */
  row: number;
  top: number;
  column: number;
  /** Result rows the grid shows at once: PgUp/PgDn move by this. */
  pageRows: number;
  /** More rows of the shown result asked of its open cursor (id to drop stale answers). */
  fetching: { id: number } | null;
  /** The row PgDn aimed at past the rows read so far: reached as they arrive. */
  wantedRow: number | null;
  history: { entries: string[]; index: number | null; draft: string };
  schema: Schema;
  savedQueries: string[];
  /** Tab cycling: the candidates and the one in the input now. */
  completion: { start: number; candidates: string[]; index: number; base: string; after: string } | null;
  note: string | null;
  quit: boolean;
}

export type ExplorerAction =
  | { type: 'opened'; mode: Mode; history: string[]; savedQueries: string[] }
  | { type: 'failed'; message: string }
  | { type: 'schema'; schema: Schema }
  | { type: 'edit'; op: EditOp | null }
  /** Up/down: a line of the statement, or the history from its first/last line. */
  | { type: 'history'; delta: -1 | 1 }
  | { type: 'complete' }
  /** Enter: runs a statement ending in `;` (or a backslash command), else a new line; `run`: Alt+Enter runs it anyway. */
  | { type: 'enter'; run: boolean }
  | { type: 'submit' }
  | { type: 'progress'; id: number; rows: number }
  | { type: 'finished'; id: number; reply: Reply; mode: Mode }
  | { type: 'cancel' }
  | { type: 'cancelNote'; text: string }
  | { type: 'scroll'; pages: number }
  | { type: 'scrollColumns'; delta: number }
  | { type: 'viewport'; rows: number }
  | { type: 'moreRows'; id: number; rows: Cell[][]; more: boolean }
  | { type: 'moreFailed'; id: number; message: string };

export const initialExplorer: ExplorerState = {
  status: 'opening',
  mode: 'ro',
  input: line(),
  pending: null,
  nextId: 1,
  progress: 0,
  cancelRequested: false,
  shown: { kind: 'none' },
  row: 0,
  top: 0,
  column: 0,
  pageRows: 10,
  fetching: null,
  wantedRow: null,
  history: { entries: [], index: null, draft: '' },
  schema: { tables: new Map() },
  savedQueries: [],
  completion: null,
  note: null,
  quit: false,
};

function shownOf(reply: Reply, previous: Shown): Shown {
  switch (reply.kind) {
    case 'outcome':
      return reply.outcome.kind === 'error' ? { kind: 'error', lines: errorLines(reply.outcome) } : { kind: 'rows', outcome: reply.outcome };
    case 'problem':
      return { kind: 'error', lines: [reply.text] };
    case 'info':
      // An empty line submitted keeps what was shown.
      return reply.lines.length === 0 ? previous : { kind: 'info', lines: reply.lines };
    case 'quit':
      return previous;
  }
}

const clamp = (n: number, low: number, high: number) => Math.max(low, Math.min(high, n));

/**
 * Moves the selection to `target` (clamped to the rows read), keeps it on screen, and asks for
 * the next rows when the selection comes within a page of the last row read.
 */
function select(state: ExplorerState, target: number, top: number): ExplorerState {
  if (state.shown.kind !== 'rows') return state;
  const { outcome } = state.shown;
  const last = Math.max(0, outcome.rows.length - 1);
  const row = clamp(target, 0, last);
  const page = Math.max(1, state.pageRows);
  const shownTop = clamp(clamp(top, row - page + 1, row), 0, Math.max(0, outcome.rows.length - page));
  const wantedRow = target > last && outcome.more ? target : null;
  const fetch = outcome.more && state.fetching === null && row + page >= last;
  return { ...state, row, top: shownTop, wantedRow, fetching: fetch ? { id: state.nextId } : state.fetching, nextId: fetch ? state.nextId + 1 : state.nextId };
}

const MULTILINE = { multiline: true };

export function explorerReducer(state: ExplorerState, action: ExplorerAction): ExplorerState {
  switch (action.type) {
    case 'opened':
      return { ...state, status: 'idle', mode: action.mode, history: { entries: action.history, index: null, draft: '' }, savedQueries: action.savedQueries };
    case 'failed':
      return { ...state, status: 'failed', shown: { kind: 'error', lines: [action.message] } };
    case 'schema':
      return { ...state, schema: action.schema };
    case 'edit': {
      const { op } = action;
      if (op === null) return state;
      if (op.kind !== 'insert' || !op.text.includes('\t')) return { ...state, input: applyEdit(state.input, op, MULTILINE), completion: null };
      // Text and Tab can arrive in one chunk (fast typing, tmux send-keys): a trailing Tab completes.
      const typed = { ...state, input: applyEdit(state.input, { kind: 'insert', text: op.text.replace(/\t+$/, '').replace(/\t/g, ' ') }, MULTILINE), completion: null };
      return op.text.endsWith('\t') ? explorerReducer(typed, { type: 'complete' }) : typed;
    }
    case 'enter': {
      if (state.input.text.trim() === '') return state;
      if (action.run || readyToRun(state.input.text)) return explorerReducer(state, { type: 'submit' });
      return { ...state, input: applyEdit(state.input, { kind: 'insert', text: '\n' }, MULTILINE), completion: null };
    }
    case 'history': {
      const moved = moveLine(state.input, action.delta);
      if (moved) return { ...state, input: moved, completion: null };
      const { entries, index, draft } = state.history;
      if (entries.length === 0) return state;
      const current = index ?? entries.length;
      const next = clamp(current + action.delta, 0, entries.length);
      if (next === current) return state;
      const keptDraft = index === null ? state.input.text : draft;
      const text = next === entries.length ? keptDraft : entries[next]!;
      return { ...state, input: line(text), history: { entries, index: next === entries.length ? null : next, draft: keptDraft }, completion: null };
    }
    case 'complete': {
      if (state.completion && state.completion.candidates.length > 1) {
        const { start, candidates, base, after } = state.completion;
        const index = (state.completion.index + 1) % candidates.length;
        const head = base.slice(0, start) + candidates[index]!;
        return { ...state, input: { text: head + after, cursor: head.length }, completion: { ...state.completion, index } };
      }
      const before = state.input.text.slice(0, state.input.cursor);
      const found = completions(before, state.schema, state.savedQueries);
      const first = found.candidates[0];
      if (first === undefined) return { ...state, completion: null };
      const after = state.input.text.slice(state.input.cursor);
      const head = before.slice(0, found.start) + first;
      return { ...state, input: { text: head + after, cursor: head.length }, completion: { start: found.start, candidates: found.candidates, index: 0, base: before, after } };
    }
    case 'submit': {
      if (state.status !== 'idle') return state;
      const text = state.input.text.trim();
      if (text === '') return state;
      const entries = text === state.history.entries.at(-1) ? state.history.entries : [...state.history.entries, text];
      return {
        ...state,
        status: 'running',
        pending: { id: state.nextId, text },
        nextId: state.nextId + 1,
        progress: 0,
        cancelRequested: false,
        input: line(),
        history: { entries, index: null, draft: '' },
        completion: null,
        note: null,
        fetching: null,
        wantedRow: null,
      };
    }
    case 'progress':
      return state.pending?.id === action.id ? { ...state, progress: action.rows } : state;
    case 'finished': {
      // A reply for a statement that is no longer pending (cannot happen in order; guard anyway).
      if (state.pending?.id !== action.id) return state;
      return {
        ...state,
        status: 'idle',
        pending: null,
        mode: action.mode,
        shown: shownOf(action.reply, state.shown),
        row: 0,
        top: 0,
        column: 0,
        fetching: null,
        wantedRow: null,
        cancelRequested: false,
        note: null,
        quit: action.reply.kind === 'quit',
      };
    }
    case 'cancel':
      // Ctrl+C: stop the running statement; at an idle prompt it clears the line, as shells do.
      if (state.status === 'running') return { ...state, cancelRequested: true, note: 'cancelling…' };
      return { ...state, input: line(), completion: null, note: null };
    case 'cancelNote':
      return state.status === 'running' ? { ...state, note: action.text } : state;
    case 'scroll': {
      const step = action.pages * Math.max(1, state.pageRows);
      return select(state, state.row + step, state.top + step);
    }
    case 'viewport':
      return action.rows === state.pageRows ? state : select({ ...state, pageRows: action.rows }, state.row, state.top);
    case 'moreRows': {
      if (state.fetching?.id !== action.id || state.shown.kind !== 'rows') return state;
      const old = state.shown.outcome;
      const rows = [...old.rows, ...action.rows];
      const outcome = { ...old, rows, rowCount: rows.length, more: action.more, complete: !action.more };
      const next = { ...state, shown: { kind: 'rows' as const, outcome }, fetching: null };
      return select(next, state.wantedRow ?? state.row, state.wantedRow === null ? state.top : state.wantedRow - state.row + state.top);
    }
    case 'moreFailed': {
      if (state.fetching?.id !== action.id || state.shown.kind !== 'rows') return state;
      const outcome = { ...state.shown.outcome, more: false, complete: false };
      return { ...state, shown: { kind: 'rows', outcome }, fetching: null, wantedRow: null, note: action.message };
    }
    case 'scrollColumns': {
      if (state.shown.kind !== 'rows') return state;
      return { ...state, column: clamp(state.column + action.delta, 0, Math.max(0, state.shown.outcome.columns.length - 1)) };
    }
  }
}
