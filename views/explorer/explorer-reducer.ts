import type { Schema } from '../../src/explorer/catalog.js';
import { completions } from '../../src/explorer/completion.js';
import { errorLines } from '../../src/explorer/format.js';
import type { Reply } from '../../src/explorer/repl.js';
import type { Mode, Outcome } from '../../src/explorer/session.js';
import { applyEdit, line, type EditOp, type LineState } from '../components/TextField/line-edit.js';

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
  input: LineState;
  /** The statement handed to the runner, picked up by the screen's effect; null when none. */
  pending: { id: number; text: string } | null;
  nextId: number;
  /** Rows counted so far by the running statement. */
  progress: number;
  cancelRequested: boolean;
  shown: Shown;
  /** Selected row and first column of the result grid. */
  row: number;
  column: number;
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
  | { type: 'history'; delta: -1 | 1 }
  | { type: 'complete' }
  | { type: 'submit' }
  | { type: 'progress'; id: number; rows: number }
  | { type: 'finished'; id: number; reply: Reply; mode: Mode }
  | { type: 'cancel' }
  | { type: 'cancelNote'; text: string }
  | { type: 'scroll'; rows: number }
  | { type: 'scrollColumns'; delta: number };

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
  column: 0,
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
      if (op.kind !== 'insert' || !op.text.includes('\t')) return { ...state, input: applyEdit(state.input, op), completion: null };
      // Text and Tab can arrive in one chunk (fast typing, tmux send-keys): a trailing Tab completes.
      const typed = { ...state, input: applyEdit(state.input, { kind: 'insert', text: op.text.replace(/\t+$/, '').replace(/\t/g, ' ') }), completion: null };
      return op.text.endsWith('\t') ? explorerReducer(typed, { type: 'complete' }) : typed;
    }
    case 'history': {
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
        column: 0,
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
      if (state.shown.kind !== 'rows') return state;
      const last = Math.max(0, state.shown.outcome.rows.length - 1);
      return { ...state, row: clamp(state.row + action.rows, 0, last) };
    }
    case 'scrollColumns': {
      if (state.shown.kind !== 'rows') return state;
      return { ...state, column: clamp(state.column + action.delta, 0, Math.max(0, state.shown.outcome.columns.length - 1)) };
    }
  }
}
