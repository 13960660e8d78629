import { describe, expect, it } from 'vitest';
import { readyToRun } from '../../../src/explorer/statement.js';
import type { Outcome } from '../../../src/explorer/session.js';
import { explorerReducer, initialExplorer, type ExplorerAction, type ExplorerState } from '../../../views/explorer/explorer-reducer.js';

const run = (state: ExplorerState, ...actions: ExplorerAction[]) => actions.reduce(explorerReducer, state);
const type = (text: string): ExplorerAction => ({ type: 'edit', op: { kind: 'insert', text } });
const ready = run(initialExplorer, { type: 'opened', mode: 'ro', history: ['select 1', 'select 2'], savedQueries: ['top_playlists_by_plays'] }, {
  type: 'schema',
  schema: { tables: new Map([['playlists', ['id', 'source_id']], ['playlist_plays_log', ['plays']], ['media_items', ['id']]]) },
});

describe('explorer reducer', () => {
  it('walks the history with up/down and restores the draft', () => {
    const s = run(ready, type('sel'), { type: 'history', delta: -1 });
    expect(s.input.text).toBe('select 2');
    expect(run(s, { type: 'history', delta: -1 }, { type: 'history', delta: -1 }).input.text).toBe('select 1');
    expect(run(s, { type: 'history', delta: 1 }).input.text).toBe('sel');
  });

  it('completes with Tab and cycles through the candidates', () => {
    const s = run(ready, type('select * from play'), { type: 'complete' });
    expect(s.input).toEqual({ text: 'select * from playlists', cursor: 23 });
    expect(s.completion?.candidates).toEqual(['playlists', 'playlist_plays_log']);
    const again = run(s, { type: 'complete' });
    expect(again.input.text).toBe('select * from playlist_plays_log');
    expect(run(again, { type: 'complete' }).input.text).toBe('select * from playlists');
  });

  it('completes when a Tab arrives in the same chunk as the text', () => {
    expect(run(ready, type('select * from play\t')).input.text).toBe('select * from playlists');
    expect(run(ready, type('a\tb')).input.text).toBe('a b');
  });

  it('submits once, ignores replies for other statements, and clears on Ctrl+C when idle', () => {
    const s = run(ready, type('select 3'), { type: 'submit' });
    expect(s).toMatchObject({ status: 'running', pending: { id: 1, text: 'select 3' }, input: { text: '' } });
    expect(s.history.entries).toEqual(['select 1', 'select 2', 'select 3']);
    // A second Enter while running does nothing.
    expect(run(s, type('x'), { type: 'submit' }).pending).toEqual({ id: 1, text: 'select 3' });
    const stale = run(s, { type: 'finished', id: 7, reply: { kind: 'info', lines: ['x'] }, mode: 'ro' });
    expect(stale.status).toBe('running');
    expect(run(s, { type: 'cancel' })).toMatchObject({ cancelRequested: true, status: 'running' });
    const done = run(s, { type: 'finished', id: 1, reply: { kind: 'problem', text: 'nope' }, mode: 'rw' });
    expect(done).toMatchObject({ status: 'idle', pending: null, mode: 'rw', shown: { kind: 'error', lines: ['nope'] } });
    expect(run(done, type('abc'), { type: 'cancel' }).input.text).toBe('');
  });

  it('⏎ runs a statement ending in ; or a backslash command, else starts a new line; Alt+⏎ runs anyway', () => {
    const open = run(ready, type('select 1'), { type: 'enter', run: false });
    expect(open).toMatchObject({ status: 'idle', pending: null, input: { text: 'select 1\n', cursor: 9 } });
    expect(run(open, type('from t;'), { type: 'enter', run: false }).pending).toEqual({ id: 1, text: 'select 1\nfrom t;' });
    expect(run(ready, type('select 1'), { type: 'enter', run: true }).pending).toEqual({ id: 1, text: 'select 1' });
    expect(run(ready, type('\\dt'), { type: 'enter', run: false }).pending).toEqual({ id: 1, text: '\\dt' });
    expect(run(ready, { type: 'enter', run: true })).toBe(ready);
  });

  it('moves through the lines of a statement with up/down before the history', () => {
    const s = run(ready, type('select a,\nb'));
    const up = run(s, { type: 'history', delta: -1 });
    expect(up.input).toEqual({ text: 'select a,\nb', cursor: 1 });
    expect(run(up, { type: 'history', delta: -1 }).input.text).toBe('select 2');
  });

  it('pages by the rows the grid shows and asks for more rows near the last one read', () => {
    const outcome: Outcome = { kind: 'rows', sql: 'select g', columns: ['g'], numeric: [true], rows: Array.from({ length: 500 }, (_, i) => [String(i + 1)]), rowCount: 500, complete: false, more: true, command: 'SELECT', affected: null, ms: 1 };
    const shown = run(ready, type('select g;'), { type: 'enter', run: false }, { type: 'finished', id: 1, reply: { kind: 'outcome', outcome }, mode: 'ro' }, { type: 'viewport', rows: 27 });
    const down = run(shown, { type: 'scroll', pages: 1 });
    expect(down).toMatchObject({ row: 27, top: 27, fetching: null });
    expect(run(down, { type: 'scroll', pages: -1 })).toMatchObject({ row: 0, top: 0 });
    // 18 pages down: row 486 is within a page of row 500, so the next rows are asked for.
    const near = run(shown, ...Array.from({ length: 18 }, (): ExplorerAction => ({ type: 'scroll', pages: 1 })));
    expect(near).toMatchObject({ row: 486, fetching: { id: 2 } });
    const past = run(near, { type: 'scroll', pages: 1 });
    expect(past).toMatchObject({ row: 499, wantedRow: 513, fetching: { id: 2 } });
    const more = run(past, { type: 'moreRows', id: 2, rows: Array.from({ length: 100 }, (_, i) => [String(501 + i)]), more: false });
    expect(more).toMatchObject({ row: 513, fetching: null, wantedRow: null });
    expect(more.shown).toMatchObject({ kind: 'rows', outcome: { rowCount: 600, more: false, complete: true } });
    expect(run(more, { type: 'scroll', pages: 10 })).toMatchObject({ row: 599, top: 573 });
    // A stale answer (another statement ran since) is dropped.
    expect(run(past, { type: 'moreRows', id: 9, rows: [['x']], more: false })).toBe(past);
  });
});

describe('readyToRun', () => {
  it('is true at a ; outside quotes and comments, or for a backslash command', () => {
    expect(readyToRun('select 1;')).toBe(true);
    expect(readyToRun('select 1;  \n')).toBe(true);
    expect(readyToRun('select 1; -- done')).toBe(true);
    expect(readyToRun('\\d playlists')).toBe(true);
    expect(readyToRun('select 1')).toBe(false);
    expect(readyToRun("select ';")).toBe(false);
    expect(readyToRun("select ';';")).toBe(true);
    expect(readyToRun('select 1 /* ; */')).toBe(false);
    expect(readyToRun('select $$;')).toBe(false);
    expect(readyToRun('select $f$ a; $f$;')).toBe(true);
    expect(readyToRun('select 1 -- ;')).toBe(false);
    expect(readyToRun('')).toBe(false);
  });
});
