import { useEffect, useReducer, useRef } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { defaultReviewer } from '../../src/match/decisions.js';
import { DEFAULT_TOP } from '../../src/match/matcher.js';
import { runMatch } from '../../src/match/run.js';
import { matchInputs } from '../../src/match/store.js';
import { applyAutoRule, countAutoRule } from '../review/auto-rule.js';
import { initialMatchRun, matchRunReducer, type MatchRunAction, type MatchRunState } from './match-run-reducer.js';

/** Progress redraws at most this often. */
const PROGRESS_INTERVAL_MS = 100;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs the matcher (the core of `cm-tui match`) once the screen opens, then counts and applies the automatic decisions. */
export function useMatchRun(handle: DbHandle, reviewer = defaultReviewer()): [MatchRunState, (action: MatchRunAction) => void] {
  const [state, dispatch] = useReducer(matchRunReducer, initialMatchRun);

  const controller = useRef<AbortController | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    controller.current = abort;
    let latest: { stage: 'catalog' | 'media items'; done: number } | null = null;
    const timer = setInterval(() => latest && dispatch({ type: 'progress', ...latest }), PROGRESS_INTERVAL_MS);
    (async () => {
      const inputs = await matchInputs(handle.db);
      dispatch({ type: 'inputs', inputs });
      if (inputs.catalogRows === 0 || abort.signal.aborted) return;
      const summary = await runMatch(handle, { top: DEFAULT_TOP, reviewer, signal: abort.signal, onProgress: (stage, done) => (latest = { stage, done }) });
      dispatch({ type: 'finished', summary });
    })()
      .catch((error: unknown) => dispatch({ type: 'failed', message: messageOf(error) }))
      .finally(() => clearInterval(timer));
    return () => {
      clearInterval(timer);
      abort.abort();
    };
    // One run per opening of the screen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle]);

  const cancelling = state.cancelling;
  useEffect(() => {
    if (cancelling) controller.current?.abort();
  }, [cancelling]);

  const { phase, rule, countId } = state;
  useEffect(() => {
    if (phase !== 'auto') return;
    let live = true;
    countAutoRule(handle.db, rule).then(
      (count) => live && dispatch({ type: 'counted', id: countId, count }),
      (error: unknown) => live && dispatch({ type: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [phase, rule, countId, handle]);

  useEffect(() => {
    if (phase !== 'applying') return;
    applyAutoRule(handle.db, rule, reviewer).then(
      (count) => dispatch({ type: 'applied', count }),
      (error: unknown) => dispatch({ type: 'failed', message: messageOf(error) }),
    );
    // Applied once, at the bars confirmed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase]);

  return [state, dispatch];
}
