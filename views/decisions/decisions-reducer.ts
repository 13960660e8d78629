import { DECISION_FILTERS, type DecisionFilter, type PastDecision } from '../../src/match/decisions.js';
import { applyEdit, line, selectedLine, type EditOp, type LineState } from '../components/TextField/line-edit.js';

/** The decision log screen: a list, a kind filter (f), a word filter (/), undo of the picked row (u). */
export interface DecisionsState {
  phase: 'list' | 'typing';
  filter: DecisionFilter;
  text: string;
  input: LineState;
  rows: PastDecision[] | null;
  selected: number;
  /** Work for the hook, with the id its answer carries (stale answers are dropped). */
  effect: { id: number; run: { kind: 'load' } | { kind: 'undo'; decisionId: number } } | null;
  nextId: number;
  message: { text: string; tone: 'info' | 'error' } | null;
}

export type DecisionsAction =
  | { type: 'move'; delta: number }
  | { type: 'cycleFilter' }
  | { type: 'openFilter' }
  | { type: 'edit'; op: EditOp | null }
  | { type: 'submitFilter' }
  | { type: 'cancelFilter' }
  | { type: 'undo' }
  | { type: 'loaded'; id: number; rows: PastDecision[]; message?: string }
  | { type: 'failed'; id: number; message: string };

export const initialDecisions: DecisionsState = {
  phase: 'list',
  filter: 'all',
  text: '',
  input: line(),
  rows: null,
  selected: 0,
  effect: { id: 1, run: { kind: 'load' } },
  nextId: 2,
  message: null,
};

function start(state: DecisionsState, run: NonNullable<DecisionsState['effect']>['run'], changes: Partial<DecisionsState> = {}): DecisionsState {
  return { ...state, ...changes, effect: { id: state.nextId, run }, nextId: state.nextId + 1 };
}

export function decisionsReducer(state: DecisionsState, action: DecisionsAction): DecisionsState {
  switch (action.type) {
    case 'move': {
      const n = state.rows?.length ?? 0;
      return n === 0 ? state : { ...state, selected: Math.max(0, Math.min(n - 1, state.selected + action.delta)) };
    }
    case 'cycleFilter': {
      const filter = DECISION_FILTERS[(DECISION_FILTERS.indexOf(state.filter) + 1) % DECISION_FILTERS.length]!;
      return start(state, { kind: 'load' }, { filter, message: null });
    }
    case 'openFilter':
      return { ...state, phase: 'typing', input: selectedLine(state.text) };
    case 'edit':
      return state.phase === 'typing' && action.op ? { ...state, input: applyEdit(state.input, action.op) } : state;
    case 'submitFilter':
      if (state.phase !== 'typing') return state;
      return start(state, { kind: 'load' }, { phase: 'list', text: state.input.text.trim(), message: null });
    case 'cancelFilter':
      return state.phase === 'typing' ? { ...state, phase: 'list' } : state;
    case 'undo': {
      const row = state.rows?.[state.selected];
      if (!row || state.effect) return state;
      if (!row.inForce) return { ...state, message: { text: `decision ${row.id} is not in force: nothing to undo`, tone: 'error' } };
      return start(state, { kind: 'undo', decisionId: row.id }, { message: null });
    }
    case 'loaded': {
      if (state.effect?.id !== action.id) return state;
      const selected = Math.max(0, Math.min(action.rows.length - 1, state.selected));
      return { ...state, rows: action.rows, selected, effect: null, message: action.message ? { text: action.message, tone: 'info' } : state.message };
    }
    case 'failed':
      if (state.effect?.id !== action.id) return state;
      return { ...state, effect: null, rows: state.rows ?? [], message: { text: action.message, tone: 'error' } };
  }
}
