import { useEffect, useReducer, useRef } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { pathCompletions, resolveTyped } from '../../src/import/complete-path.js';
import { importFile, type ImportProgress } from '../../src/import/import-file.js';
import { importReducer, initialImport, type ImportAction, type ImportState } from './import-reducer.js';

/** Progress redraws at most this often: a fast import must not spend its time repainting. */
const PROGRESS_INTERVAL_MS = 100;

export function useImport(handle: DbHandle, cwd: string, initialPath = ''): [ImportState, (action: ImportAction) => void] {
  const [state, dispatch] = useReducer(importReducer, initialPath, initialImport);
  const controller = useRef<AbortController | null>(null);

  const completing = state.phase === 'input' ? state.completing : null;
  useEffect(() => {
    if (completing === null) return;
    let live = true;
    pathCompletions(completing.text, cwd).then((candidates) => live && dispatch({ type: 'completions', id: completing.id, candidates }));
    return () => {
      live = false;
    };
  }, [completing, cwd]);

  const runningFile = state.phase === 'running' ? state.file : null;
  useEffect(() => {
    if (runningFile === null) return;
    const abort = new AbortController();
    controller.current = abort;
    let latest: ImportProgress | null = null;
    let shown: ImportProgress | null = null;
    const timer = setInterval(() => {
      if (latest !== shown) dispatch({ type: 'progress', progress: (shown = latest)! });
    }, PROGRESS_INTERVAL_MS);
    importFile(handle, resolveTyped(runningFile, cwd), { signal: abort.signal, onProgress: (p) => (latest = p) })
      .then(
        (result) => dispatch({ type: 'finished', result }),
        (error: unknown) => dispatch({ type: 'failed', message: abort.signal.aborted ? 'cancelled: nothing was written' : error instanceof Error ? error.message : String(error) }),
      )
      .finally(() => clearInterval(timer));
    return () => {
      clearInterval(timer);
      abort.abort();
    };
  }, [runningFile, handle, cwd]);

  const cancelling = state.phase === 'running' && state.cancelling;
  useEffect(() => {
    if (cancelling) controller.current?.abort();
  }, [cancelling]);

  return [state, dispatch];
}
