import { useEffect, useReducer } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { defaultReviewer, pastDecisions, undo } from '../../src/match/decisions.js';
import { decisionsReducer, initialDecisions, type DecisionsAction, type DecisionsState } from './decisions-reducer.js';

export function useDecisions(handle: DbHandle, reviewer = defaultReviewer()): [DecisionsState, (action: DecisionsAction) => void] {
  const [state, dispatch] = useReducer(decisionsReducer, initialDecisions);
  const { effect, filter, text } = state;
  useEffect(() => {
    if (!effect) return;
    let live = true;
    const { id, run } = effect;
    (async () => {
      let message: string | undefined;
      if (run.kind === 'undo') {
        const row = await undo(handle.db, { decisionId: run.decisionId, reviewer });
        message = `undid decision ${run.decisionId} (undo ${row.id} recorded)`;
      }
      const rows = await pastDecisions(handle.db, { filter, text });
      if (live) dispatch({ type: 'loaded', id, rows, message });
    })().catch((error: unknown) => live && dispatch({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) }));
    return () => {
      live = false;
    };
    // One run per effect id; filter and text are the ones it was started with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [effect, handle]);
  return [state, dispatch];
}
