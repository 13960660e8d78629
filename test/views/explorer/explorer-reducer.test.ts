import { describe, expect, it } from 'vitest';
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
});
