import { useEffect, useReducer } from 'react';
import { countRows } from '../../src/db/browse.js';
import type { DbHandle } from '../../src/db/connect.js';
import { DEFAULT_EXPORT_TABLES, exportTables, listExportableTables, type ExportProgress } from '../../src/db/export.js';
import { exportReducer, initialExport, type ExportAction, type ExportState } from './export-reducer.js';

const PROGRESS_INTERVAL_MS = 100;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function useExport(handle: DbHandle, defaultFolder: string): [ExportState, (action: ExportAction) => void] {
  const [state, dispatch] = useReducer(exportReducer, defaultFolder, initialExport);

  useEffect(() => {
    let live = true;
    (async () => {
      const tables = await listExportableTables(handle);
      if (!live) return;
      dispatch({ type: 'loaded', tables, preselected: DEFAULT_EXPORT_TABLES });
      for (const name of tables) {
        const rows = await countRows(handle, name);
        if (!live) return;
        dispatch({ type: 'counted', name, rows });
      }
    })().catch((error: unknown) => live && dispatch({ type: 'failed', message: message(error) }));
    return () => {
      live = false;
    };
  }, [handle]);

  const running = state.phase === 'running';
  useEffect(() => {
    if (!running) return;
    let latest: ExportProgress | null = null;
    let shown: ExportProgress | null = null;
    const timer = setInterval(() => {
      if (latest !== shown) dispatch({ type: 'progress', progress: (shown = latest)! });
    }, PROGRESS_INTERVAL_MS);
    exportTables(handle, state.selected, state.folder.text.trim(), { safeFormulas: state.safeFormulas, onProgress: (p) => (latest = p) })
      .then(
        (written) => dispatch({ type: 'finished', written }),
        (error: unknown) => dispatch({ type: 'failed', message: message(error) }),
      )
      .finally(() => clearInterval(timer));
    return () => clearInterval(timer);
    // Runs once per start; the selection, folder and formula setting are fixed while running.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [running, handle]);

  return [state, dispatch];
}
