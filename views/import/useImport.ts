import { useEffect, useReducer, useRef } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { pathCompletions, resolveTyped } from '../../src/import/complete-path.js';
import { importFile, type ImportProgress } from '../../src/import/import-file.js';
import { catalogDeadLetters, importCatalog } from '../../src/match/catalog-import.js';
import { isCatalogCsv } from '../../src/match/catalog-csv.js';
import { importReducer, initialImport, type CatalogProgress, type ImportAction, type ImportOutcome, type ImportState } from './import-reducer.js';

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
    let latest = null as ImportProgress | CatalogProgress | null;
    let shown = null as ImportProgress | CatalogProgress | null;
    const timer = setInterval(() => {
      if (latest !== shown) dispatch({ type: 'progress', progress: (shown = latest)! });
    }, PROGRESS_INTERVAL_MS);
    const file = resolveTyped(runningFile, cwd);
    const started = performance.now();
    // A catalog CSV is recognised by its header and loaded by the core of `cm-tui isrc`.
    const run = async (): Promise<ImportOutcome> => {
      if (!(await isCatalogCsv(file))) return { kind: 'feed', result: await importFile(handle, file, { signal: abort.signal, onProgress: (p) => (latest = p) }) };
      latest = { kind: 'catalog', rowsRead: 0, elapsedMs: 0 };
      const summary = await importCatalog(handle, file, (rowsRead) => (latest = { kind: 'catalog', rowsRead, elapsedMs: performance.now() - started }), abort.signal);
      return { kind: 'catalog', summary, deadLetters: await catalogDeadLetters(handle, file) };
    };
    run()
      .then(
        (outcome) => dispatch({ type: 'finished', outcome }),
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
