import { join } from 'node:path';
import { useEffect, useReducer, useRef, type Dispatch } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { History } from '../../src/explorer/history.js';
import { Repl } from '../../src/explorer/repl.js';
import { listSavedQueries } from '../../src/explorer/saved.js';
import { ExplorerSession } from '../../src/explorer/session.js';
import { explorerReducer, initialExplorer, type ExplorerAction, type ExplorerState } from './explorer-reducer.js';

const PROGRESS_EVERY_MS = 100;

/**
 * The explorer's state and the effects that talk to the REPL core: open a session when the
 * database is ready, run the pending statement, cancel on request, close on leave.
 */
export function useExplorer(handle: DbHandle | null, dataDir: string): [ExplorerState, Dispatch<ExplorerAction>] {
  const [state, dispatch] = useReducer(explorerReducer, initialExplorer);
  const replRef = useRef<Repl | null>(null);

  useEffect(() => {
    if (!handle) return;
    let live = true;
    (async () => {
      const session = await ExplorerSession.open(handle);
      if (!live) return session.close();
      const history = History.load(join(dataDir, 'history'));
      const repl = new Repl(session, { history, lazy: true });
      replRef.current = repl;
      dispatch({ type: 'opened', mode: session.mode, history: [...history.entries], savedQueries: listSavedQueries().map((q) => q.name) });
      await repl.refreshSchema();
      if (live) dispatch({ type: 'schema', schema: repl.schema });
    })().catch((error: unknown) => {
      if (live) dispatch({ type: 'failed', message: `cannot open an explorer session: ${error instanceof Error ? error.message : String(error)}` });
    });
    return () => {
      live = false;
      const repl = replRef.current;
      replRef.current = null;
      if (repl) void repl.session.cancel().finally(() => repl.session.close());
    };
  }, [handle, dataDir]);

  const pending = state.pending;
  useEffect(() => {
    const repl = replRef.current;
    if (!pending || !repl) return;
    let last = 0;
    repl
      .submit(pending.text, {
        onProgress: (rows) => {
          const now = performance.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          dispatch({ type: 'progress', id: pending.id, rows });
        },
      })
      .catch((error: unknown) => ({ kind: 'problem' as const, text: error instanceof Error ? error.message : String(error) }))
      .then((reply) => {
        dispatch({ type: 'finished', id: pending.id, reply, mode: repl.session.mode });
        dispatch({ type: 'schema', schema: repl.schema });
      });
  }, [pending]);

  useEffect(() => {
    const repl = replRef.current;
    if (!state.cancelRequested || !repl) return;
    repl.session.cancel().then((result) => {
      if (result === 'between-chunks') dispatch({ type: 'cancelNote', text: 'stopping once the rows being read now are in (the embedded database cannot interrupt a running statement)' });
    });
  }, [state.cancelRequested]);

  // The next rows of the shown result, read from its open cursor as the selection nears its end.
  const fetching = state.fetching;
  useEffect(() => {
    const repl = replRef.current;
    if (!fetching || !repl) return;
    repl.session
      .fetchMore()
      .then((more) => dispatch(more ? { type: 'moreRows', id: fetching.id, rows: more.rows, more: more.more } : { type: 'moreFailed', id: fetching.id, message: 'the result was closed: run the statement again to read further' }))
      .catch((error: unknown) => dispatch({ type: 'moreFailed', id: fetching.id, message: `reading more rows failed: ${error instanceof Error ? error.message : String(error)}` }));
  }, [fetching]);

  return [state, dispatch];
}
