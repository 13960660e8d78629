import { adjustRule, DEFAULT_AUTO_RULE, type AdjustAuto, type AutoCount, type AutoRule } from './auto-rule.js';
import { applyEdit, line, selectedLine, type EditOp, type LineState } from '../components/TextField/line-edit.js';
import { QUEUES, type Queue, type ReviewCandidate, type ReviewItem, type ReviewProgress, type Verdict } from './review-types.js';

export type { AutoCount };

/**
 * Work for the screen's hook, tagged with an id: the hook runs it and answers with the same id.
 * Every decision names the media item it is about, fixed when the key was pressed.
 */
export type ReviewEffect =
  /** Take the queue's order and show its first item. */
  | { kind: 'open'; queue: Queue }
  /** Show the item at `at` of the order, whatever its state (previous / next item). */
  | { kind: 'show'; order: readonly number[]; at: number }
  /** Show the first item still in the queue from position `from` on (wrapping round). */
  | { kind: 'next'; queue: Queue; order: readonly number[]; from: number }
  | { kind: 'decide'; queue: Queue; order: readonly number[]; at: number; mediaItemId: number; verdict: Verdict; candidate: ReviewCandidate | null; note: string | null; advance: boolean }
  | { kind: 'undo'; order: readonly number[] }
  | { kind: 'search'; text: string; mediaItemId: number | null }
  | { kind: 'countAuto'; rule: AutoRule }
  | { kind: 'applyAuto'; queue: Queue; rule: AutoRule };

export type Phase =
  /** Waiting for the hook (an item loading, a decision saving, a search running): decision keys are ignored. */
  | 'busy'
  | 'ready'
  /** The queue has no item. */
  | 'empty'
  | 'search'
  | 'note'
  /** The auto-decision panel: two bars the analyst moves, a live count of each, y/n. */
  | 'confirmAuto';

export interface ReviewState {
  phase: Phase;
  queue: Queue;
  /** The queue's media items in review order (taken when the queue opened) and the position on screen. */
  order: readonly number[];
  at: number;
  item: ReviewItem | null;
  /** The list on the right: the item's ranked candidates or catalog search results. */
  list: { source: 'ranked' | 'search'; candidates: ReviewCandidate[]; query?: string };
  picked: number;
  /** ISRCs rejected on this item during this visit, marked in the list. */
  rejected: string[];
  progress: ReviewProgress | null;
  effect: { id: number; run: ReviewEffect } | null;
  nextId: number;
  input: LineState;
  /** Attached to the next decision on this item. */
  note: string | null;
  autoRule: AutoRule;
  /** What the automatic decisions would decide at autoRule; null while counting. */
  autoCount: AutoCount | null;
  message: { text: string; tone: 'info' | 'error' } | null;
  /** Keys dropped during the last wait (shown, so the user knows they did nothing). */
  ignored: number;
}

export type ReviewAction =
  | { type: 'pick'; delta: number }
  /** Pick the candidate with this number (1 = first). */
  | { type: 'pickNumber'; number: number }
  /** Previous (-1) or next (1) item of the queue's order, decided or not. */
  | { type: 'move'; step: 1 | -1 }
  /** Raise or lower a bar of the auto-decision. */
  | AdjustAuto
  | { type: 'decide'; verdict: Verdict }
  | { type: 'undo' }
  /** Next item without deciding this one (it stays in the queue). */
  | { type: 'skip' }
  | { type: 'cycleQueue' }
  | { type: 'openSearch' }
  | { type: 'openNote' }
  | { type: 'edit'; op: EditOp | null }
  | { type: 'submitText' }
  | { type: 'closeText' }
  | { type: 'autoAccept' }
  | { type: 'confirm'; yes: boolean }
  /** The hook's answers, each with the id of the effect it ran. */
  | { type: 'loaded'; id: number; item: ReviewItem | null; order: readonly number[]; at: number; progress: ReviewProgress; message?: string }
  | { type: 'searched'; id: number; candidates: ReviewCandidate[] }
  | { type: 'counted'; id: number; count: AutoCount }
  | { type: 'rejected'; id: number; isrc: string; progress: ReviewProgress }
  | { type: 'failed'; id: number; message: string };

export function initialReview(queue: Queue = 'undecided', autoRule: AutoRule = DEFAULT_AUTO_RULE): ReviewState {
  return {
    phase: 'busy',
    queue,
    order: [],
    at: -1,
    item: null,
    list: { source: 'ranked', candidates: [] },
    picked: 0,
    rejected: [],
    progress: null,
    effect: { id: 1, run: { kind: 'open', queue } },
    nextId: 2,
    input: line(),
    note: null,
    autoRule,
    autoCount: null,
    message: null,
    ignored: 0,
  };
}

function start(state: ReviewState, run: ReviewEffect, changes: Partial<ReviewState> = {}): ReviewState {
  return { ...state, ignored: 0, ...changes, phase: 'busy', effect: { id: state.nextId, run }, nextId: state.nextId + 1 };
}

/** Opens the auto-decision panel (or keeps it open) and counts what it would decide at the current bars. */
function counting(state: ReviewState): ReviewState {
  return { ...state, ignored: 0, phase: 'confirmAuto', autoCount: null, message: null, effect: { id: state.nextId, run: { kind: 'countAuto', rule: state.autoRule } }, nextId: state.nextId + 1 };
}

/** The first candidate not rejected in this visit, from `from` on (wrapping). */
function firstOpen(candidates: readonly ReviewCandidate[], rejected: readonly string[], from: number): number {
  for (let k = 0; k < candidates.length; k++) {
    const i = (from + k) % candidates.length;
    if (!rejected.includes(candidates[i]!.isrc)) return i;
  }
  return 0;
}

/** An answer for the effect in flight; anything else is stale and dropped. */
function answers(state: ReviewState, id: number): boolean {
  return state.effect !== null && state.effect.id === id;
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'pick': {
      if (state.phase === 'busy') return { ...state, ignored: state.ignored + 1 };
      if (state.phase !== 'ready' || state.list.candidates.length === 0) return state;
      const n = state.list.candidates.length;
      return { ...state, picked: (state.picked + action.delta + n) % n };
    }
    case 'pickNumber': {
      if (state.phase === 'busy') return { ...state, ignored: state.ignored + 1 };
      if (state.phase !== 'ready') return state;
      if (action.number > state.list.candidates.length) return { ...state, message: { text: `no candidate ${action.number}: the list has ${state.list.candidates.length}`, tone: 'error' } };
      return { ...state, picked: action.number - 1, message: null };
    }
    case 'move': {
      if (state.phase !== 'ready' && state.phase !== 'empty') return { ...state, ignored: state.ignored + (state.phase === 'busy' ? 1 : 0) };
      const at = state.at + action.step;
      if (at < 0 || at >= state.order.length) return { ...state, message: { text: action.step < 0 ? 'first item of the queue' : 'last item of the queue', tone: 'info' } };
      return start(state, { kind: 'show', order: state.order, at }, { message: null });
    }
    case 'decide': {
      if (state.phase !== 'ready' || !state.item) return { ...state, ignored: state.ignored + (state.phase === 'busy' ? 1 : 0) };
      const candidate = state.list.candidates[state.picked] ?? null;
      const { verdict } = action;
      if ((verdict === 'accept' || verdict === 'reject') && !candidate) return { ...state, message: { text: `no candidate to ${verdict}: n for no match, / to search`, tone: 'error' } };
      if (verdict === 'reject' && state.rejected.includes(candidate!.isrc)) return state;
      return start(state, {
        kind: 'decide',
        queue: state.queue,
        order: state.order,
        at: state.at,
        mediaItemId: state.item.mediaItemId,
        verdict,
        candidate: verdict === 'no_match' || verdict === 'defer' ? null : candidate,
        note: state.note,
        // Rejecting one candidate keeps the item on screen: another candidate may be right.
        advance: verdict !== 'reject',
      }, { message: null });
    }
    case 'skip':
      if (state.phase !== 'ready' || !state.item) return { ...state, ignored: state.ignored + (state.phase === 'busy' ? 1 : 0) };
      return start(state, { kind: 'next', queue: state.queue, order: state.order, from: state.at + 1 }, { message: { text: 'skipped: still in the queue', tone: 'info' } });
    case 'undo':
      if (state.phase !== 'ready' && state.phase !== 'empty') return { ...state, ignored: state.ignored + (state.phase === 'busy' ? 1 : 0) };
      return start(state, { kind: 'undo', order: state.order }, { message: null });
    case 'cycleQueue': {
      if (state.phase !== 'ready' && state.phase !== 'empty') return { ...state, ignored: state.ignored + (state.phase === 'busy' ? 1 : 0) };
      const queue = QUEUES[(QUEUES.indexOf(state.queue) + 1) % QUEUES.length]!;
      return start(state, { kind: 'open', queue }, { queue, message: null });
    }
    case 'openSearch':
      return state.phase === 'ready' || state.phase === 'empty' ? { ...state, phase: 'search', input: selectedLine(state.list.query ?? '') } : state;
    case 'openNote':
      return state.phase === 'ready' ? { ...state, phase: 'note', input: selectedLine(state.note ?? '') } : state;
    case 'edit':
      if ((state.phase !== 'search' && state.phase !== 'note') || action.op === null) return state;
      return { ...state, input: applyEdit(state.input, action.op) };
    case 'submitText': {
      const text = state.input.text.trim();
      if (state.phase === 'note') return { ...state, phase: 'ready', note: text === '' ? null : text };
      if (state.phase !== 'search') return state;
      if (text === '') return { ...state, phase: state.item ? 'ready' : 'empty', list: state.item ? { source: 'ranked', candidates: state.item.candidates } : state.list, picked: 0 };
      return start(state, { kind: 'search', text, mediaItemId: state.item?.mediaItemId ?? null }, { list: { ...state.list, query: text } });
    }
    case 'closeText':
      if (state.phase === 'search' || state.phase === 'note') return { ...state, phase: state.item ? 'ready' : 'empty' };
      // Esc on search results goes back to the ranked candidates.
      if (state.phase === 'ready' && state.list.source === 'search' && state.item) return { ...state, list: { source: 'ranked', candidates: state.item.candidates }, picked: 0 };
      return state;
    case 'autoAccept':
      if (state.phase !== 'ready' && state.phase !== 'empty') return state;
      return counting(state);
    case 'adjustAuto': {
      if (state.phase !== 'confirmAuto') return state;
      const autoRule = adjustRule(state.autoRule, action.bar, action.delta);
      return autoRule === state.autoRule ? state : counting({ ...state, autoRule });
    }
    case 'confirm':
      if (state.phase !== 'confirmAuto') return state;
      if (!action.yes) return { ...state, phase: state.item ? 'ready' : 'empty', effect: null, autoCount: null, message: { text: 'automatic decisions cancelled', tone: 'info' } };
      if (!state.autoCount || state.autoCount.accept + state.autoCount.noMatch === 0) return state;
      return start(state, { kind: 'applyAuto', queue: state.queue, rule: state.autoRule }, { autoCount: null });
    case 'loaded': {
      if (!answers(state, action.id)) return state;
      const item = action.item;
      const candidates = item?.candidates ?? [];
      return {
        ...state,
        phase: item ? 'ready' : 'empty',
        item,
        order: action.order,
        at: action.at,
        list: { source: 'ranked', candidates },
        picked: 0,
        rejected: [],
        note: null,
        progress: action.progress,
        effect: null,
        message: action.message ? { text: action.message, tone: 'info' } : state.message,
      };
    }
    case 'rejected': {
      if (!answers(state, action.id)) return state;
      const rejected = [...state.rejected, action.isrc];
      return {
        ...state,
        phase: 'ready',
        rejected,
        picked: firstOpen(state.list.candidates, rejected, state.picked),
        progress: action.progress,
        note: null,
        effect: null,
        message: { text: `rejected ${action.isrc}`, tone: 'info' },
      };
    }
    case 'searched':
      if (!answers(state, action.id)) return state;
      return {
        ...state,
        phase: state.item ? 'ready' : 'empty',
        list: { source: 'search', candidates: action.candidates, query: state.list.query },
        picked: 0,
        effect: null,
        message: { text: `${action.candidates.length} catalog ${action.candidates.length === 1 ? 'match' : 'matches'} for "${state.list.query ?? ''}" · ⏎/a accepts · Esc back to candidates`, tone: 'info' },
      };
    case 'counted':
      if (!answers(state, action.id)) return state;
      return { ...state, effect: null, autoCount: action.count };
    case 'failed':
      if (!answers(state, action.id)) return state;
      return { ...state, phase: state.item ? 'ready' : 'empty', effect: null, autoCount: null, message: { text: action.message, tone: 'error' } };
  }
}
