import { useEffect, useReducer } from 'react';
import { countRows, fetchPage, listTables } from '../../src/db/browse.js';
import type { DbHandle } from '../../src/db/connect.js';
import { initialPreview, previewReducer, type PreviewAction, type PreviewState } from './preview-reducer.js';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Preview's state and the database work its asks trigger (table list, pages, counts). */
export function usePreview(handle: DbHandle, pageSize: number, width: number, presetTable: string | undefined): [PreviewState, (action: PreviewAction) => void] {
  const [state, dispatch] = useReducer(previewReducer, undefined, () => initialPreview(pageSize, width));

  useEffect(() => {
    let live = true;
    listTables(handle).then(
      (tables) => {
        if (!live) return;
        dispatch({ type: 'tablesLoaded', tables });
        if (presetTable !== undefined) dispatch({ type: 'open', table: presetTable });
      },
      (error: unknown) => live && dispatch({ type: 'failed', message: message(error) }),
    );
    return () => {
      live = false;
    };
  }, [handle, presetTable]);

  useEffect(() => {
    dispatch({ type: 'resize', pageSize, width });
  }, [pageSize, width]);

  const { ask, table, filter } = state;
  useEffect(() => {
    if (ask === null || table === null) return;
    fetchPage(handle, { table, filter, limit: state.pageSize, from: ask.from, ...(state.sort ? { sort: state.sort } : {}) }).then(
      (page) => dispatch({ type: 'pageLoaded', id: ask.id, page }),
      (error: unknown) => dispatch({ type: 'failed', message: message(error) }),
    );
    // The ask id identifies the request; the reducer drops stale answers.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ask?.id]);

  const { countId } = state;
  useEffect(() => {
    if (table === null) return;
    let live = true;
    countRows(handle, table, filter).then(
      (total) => live && dispatch({ type: 'counted', countId, total }),
      (error: unknown) => live && dispatch({ type: 'failed', message: message(error) }),
    );
    return () => {
      live = false;
    };
  }, [handle, table, filter, countId]);

  return [state, dispatch];
}
