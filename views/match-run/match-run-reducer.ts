import type { MatchRunSummary } from '../../src/match/run.js';
import { adjustRule, DEFAULT_AUTO_RULE, type AdjustAuto, type AutoCount, type AutoRule } from '../review/auto-rule.js';

export interface MatchInputs {
  catalogRows: number;
  mediaItems: number;
}

export type MatchRunState = {
  /** checking: counting what the run reads; auto: the run is done, the automatic decisions are offered. */
  phase: 'checking' | 'running' | 'auto' | 'applying' | 'done' | 'failed';
  inputs: MatchInputs | null;
  progress: { stage: 'catalog' | 'media items'; done: number } | null;
  cancelling: boolean;
  summary: MatchRunSummary | null;
  rule: AutoRule;
  /** What the automatic decisions would decide at `rule`; null while counting. */
  count: AutoCount | null;
  /** Ids the counts answer with: a count for bars no longer shown is dropped. */
  countId: number;
  /** Automatic decisions recorded, once applied; null when skipped. */
  applied: AutoCount | null;
  message: string | null;
};

export type MatchRunAction =
  | { type: 'inputs'; inputs: MatchInputs }
  | { type: 'progress'; stage: 'catalog' | 'media items'; done: number }
  | { type: 'finished'; summary: MatchRunSummary }
  | { type: 'failed'; message: string }
  | { type: 'cancel' }
  | AdjustAuto
  | { type: 'counted'; id: number; count: AutoCount }
  | { type: 'confirm'; yes: boolean }
  | { type: 'applied'; count: AutoCount };

export const initialMatchRun: MatchRunState = {
  phase: 'checking',
  inputs: null,
  progress: null,
  cancelling: false,
  summary: null,
  rule: DEFAULT_AUTO_RULE,
  count: null,
  countId: 0,
  applied: null,
  message: null,
};

export function matchRunReducer(state: MatchRunState, action: MatchRunAction): MatchRunState {
  switch (action.type) {
    case 'inputs':
      if (state.phase !== 'checking') return state;
      // Matching against an empty catalog would only clear the stored candidates.
      if (action.inputs.catalogRows === 0) return { ...state, phase: 'failed', inputs: action.inputs, message: 'the ISRC catalog is empty: import cm_track.csv on the Import screen first' };
      return { ...state, phase: 'running', inputs: action.inputs };
    case 'progress':
      return state.phase === 'running' ? { ...state, progress: { stage: action.stage, done: action.done } } : state;
    case 'finished':
      return state.phase === 'running' ? { ...state, phase: 'auto', summary: action.summary, count: null, countId: state.countId + 1 } : state;
    case 'failed':
      return state.phase === 'running' || state.phase === 'applying' || state.phase === 'checking' ? { ...state, phase: 'failed', message: action.message } : state;
    case 'cancel':
      return state.phase === 'running' ? { ...state, cancelling: true } : state;
    case 'adjustAuto': {
      if (state.phase !== 'auto') return state;
      const rule = adjustRule(state.rule, action.bar, action.delta);
      return rule === state.rule ? state : { ...state, rule, count: null, countId: state.countId + 1 };
    }
    case 'counted':
      return state.phase === 'auto' && action.id === state.countId ? { ...state, count: action.count } : state;
    case 'confirm':
      if (state.phase !== 'auto') return state;
      if (!action.yes) return { ...state, phase: 'done', applied: null };
      return state.count && state.count.accept + state.count.noMatch > 0 ? { ...state, phase: 'applying' } : state;
    case 'applied':
      return state.phase === 'applying' ? { ...state, phase: 'done', applied: action.count } : state;
  }
}
