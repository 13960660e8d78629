import { describe, expect, it } from 'vitest';
import { initialReview, reviewReducer, type ReviewAction, type ReviewState } from '../../../views/review/review-reducer.js';
import type { ReviewCandidate, ReviewItem } from '../../../views/review/review-types.js';
import { wordDiff } from '../../../views/review/word-diff.js';

const run = (state: ReviewState, ...actions: ReviewAction[]) => actions.reduce(reviewReducer, state);
const candidate = (isrc: string, score: number): ReviewCandidate => ({ isrc, track: `t ${isrc}`, artist: 'a', score, titleScore: score, artistScore: score, flags: [], normalised: `t ${isrc} a`, videoReading: 't a', confidence: score, recording: 1, representative: true, evidence: [] });
const item = (id: number): ReviewItem => ({
  mediaItemId: id,
  videoId: `v${id}`,
  title: `Title ${id}`,
  artistName: 'Artist',
  trackTitle: null,
  playlists: [{ name: 'Hits', bestPosition: 3 }],
  candidates: [candidate(`ISRC${id}A`, 0.9), candidate(`ISRC${id}B`, 0.7)],
  reading: 'title a',
  recommendation: null,
  decision: null,
});
const progress = { total: 10, decided: 0, accepted: 0, rejected: 0, noMatch: 0, deferred: 0 };

/** The screen after item `id` loaded in answer to the first effect. */
const ORDER = [3, 1, 2, 4];

function showing(id: number): ReviewState {
  const s = initialReview();
  return run(s, { type: 'loaded', id: s.effect!.id, item: item(id), order: ORDER, at: ORDER.indexOf(id), progress });
}

describe('review reducer', () => {
  it('starts by loading the first item of the undecided queue', () => {
    expect(initialReview()).toMatchObject({ phase: 'busy', queue: 'undecided', effect: { id: 1, run: { kind: 'open', queue: 'undecided' } } });
  });

  it('accepts the picked candidate for the item on screen, then shows the next item', () => {
    const s = run(showing(1), { type: 'pick', delta: 1 }, { type: 'decide', verdict: 'accept' });
    expect(s.phase).toBe('busy');
    expect(s.effect?.run).toEqual({ kind: 'decide', queue: 'undecided', order: ORDER, at: 1, mediaItemId: 1, verdict: 'accept', candidate: candidate('ISRC1B', 0.7), note: null, advance: true });
    const next = run(s, { type: 'loaded', id: s.effect!.id, item: item(2), order: ORDER, at: 2, progress: { ...progress, decided: 1, accepted: 1 } });
    expect(next).toMatchObject({ phase: 'ready', item: { mediaItemId: 2 }, picked: 0, effect: null });
  });

  it('ignores decision keys while the next item loads, so none lands on the wrong item', () => {
    const saving = run(showing(1), { type: 'decide', verdict: 'accept' });
    const effect = saving.effect!;
    // The user hammers keys while item 1 saves and item 2 loads.
    const during = run(saving, { type: 'decide', verdict: 'accept' }, { type: 'decide', verdict: 'no_match' }, { type: 'pick', delta: 1 }, { type: 'undo' }, { type: 'cycleQueue' });
    expect(during.effect).toBe(effect);
    expect(during.ignored).toBe(5);
    // A stale answer (an older effect id) changes nothing.
    expect(run(during, { type: 'loaded', id: effect.id - 1, item: item(9), order: ORDER, at: 0, progress })).toBe(during);
    const next = run(during, { type: 'loaded', id: effect.id, item: item(2), order: ORDER, at: 2, progress });
    expect(next.item?.mediaItemId).toBe(2);
    expect(next.picked).toBe(0);
    // The next decision is about item 2, and only after it loaded.
    expect(run(next, { type: 'decide', verdict: 'no_match' }).effect?.run).toMatchObject({ kind: 'decide', mediaItemId: 2, verdict: 'no_match', candidate: null });
  });

  it('rejecting keeps the item, marks the candidate and picks the next open one', () => {
    const s = run(showing(1), { type: 'decide', verdict: 'reject' });
    expect(s.effect?.run).toMatchObject({ kind: 'decide', mediaItemId: 1, verdict: 'reject', advance: false, candidate: { isrc: 'ISRC1A' } });
    const after = run(s, { type: 'rejected', id: s.effect!.id, isrc: 'ISRC1A', progress });
    expect(after).toMatchObject({ phase: 'ready', rejected: ['ISRC1A'], picked: 1, item: { mediaItemId: 1 } });
  });

  it('s skips to the next item without a decision', () => {
    const s = run(showing(1), { type: 'skip' });
    expect(s.effect?.run).toEqual({ kind: 'next', queue: 'undecided', order: ORDER, from: 2 });
    expect(run(s, { type: 'loaded', id: s.effect!.id, item: item(2), order: ORDER, at: 2, progress })).toMatchObject({ item: { mediaItemId: 2 }, at: 2, message: { text: 'skipped: still in the queue' } });
  });

  it('[ and ] show the previous and next item of the order, decided or not; 1-9 pick by number', () => {
    const s = showing(1);
    expect(run(s, { type: 'move', step: -1 }).effect?.run).toEqual({ kind: 'show', order: ORDER, at: 0 });
    expect(run(s, { type: 'move', step: 1 }).effect?.run).toEqual({ kind: 'show', order: ORDER, at: 2 });
    expect(run(showing(3), { type: 'move', step: -1 })).toMatchObject({ effect: null, message: { text: 'first item of the queue' } });
    expect(run(showing(4), { type: 'move', step: 1 })).toMatchObject({ effect: null, message: { text: 'last item of the queue' } });
    expect(run(s, { type: 'pickNumber', number: 2 }).picked).toBe(1);
    expect(run(s, { type: 'pickNumber', number: 3 })).toMatchObject({ picked: 0, message: { text: 'no candidate 3: the list has 2' } });
  });

  it('f cycles the queues and loads the first item of the next one', () => {
    const s = run(showing(1), { type: 'cycleQueue' });
    expect(s).toMatchObject({ queue: 'deferred', phase: 'busy', effect: { run: { kind: 'open', queue: 'deferred' } } });
    const deferredEmpty = run(s, { type: 'loaded', id: s.effect!.id, item: null, order: [], at: -1, progress });
    expect(deferredEmpty.phase).toBe('empty');
    expect(run(deferredEmpty, { type: 'cycleQueue' }).queue).toBe('medium');
  });

  it('A opens the auto-decision with a live count; the bars move, n cancels, y applies at the bars shown', () => {
    const s = run(showing(1), { type: 'autoAccept' });
    expect(s).toMatchObject({ phase: 'confirmAuto', autoCount: null, effect: { run: { kind: 'countAuto', rule: { accept: 0.95, noMatch: 0.05 } } } });
    const asking = run(s, { type: 'counted', id: s.effect!.id, count: { accept: 7, noMatch: 3 } });
    expect(asking).toMatchObject({ phase: 'confirmAuto', autoCount: { accept: 7, noMatch: 3 }, effect: null });
    // Other keys do nothing while the panel is open.
    expect(run(asking, { type: 'decide', verdict: 'accept' }).effect).toBeNull();
    // Moving a bar counts again; a count for the old bars arriving late is dropped.
    const moved = run(asking, { type: 'adjustAuto', bar: 'accept', delta: -0.01 }, { type: 'adjustAuto', bar: 'noMatch', delta: 0.01 });
    expect(moved).toMatchObject({ autoRule: { accept: 0.94, noMatch: 0.06 }, autoCount: null, effect: { run: { kind: 'countAuto', rule: { accept: 0.94, noMatch: 0.06 } } } });
    expect(run(moved, { type: 'counted', id: moved.effect!.id - 1, count: { accept: 99, noMatch: 99 } }).autoCount).toBeNull();
    const recounted = run(moved, { type: 'counted', id: moved.effect!.id, count: { accept: 9, noMatch: 4 } });
    expect(recounted.autoCount).toEqual({ accept: 9, noMatch: 4 });
    // y before the count is known, or when both counts are 0, does nothing; after, it applies the bars on screen.
    expect(run(moved, { type: 'confirm', yes: true }).effect?.run.kind).toBe('countAuto');
    const nothing = run(moved, { type: 'counted', id: moved.effect!.id, count: { accept: 0, noMatch: 0 } });
    expect(run(nothing, { type: 'confirm', yes: true })).toBe(nothing);
    expect(run(recounted, { type: 'confirm', yes: true }).effect?.run).toEqual({ kind: 'applyAuto', queue: 'undecided', rule: { accept: 0.94, noMatch: 0.06 } });
    expect(run(asking, { type: 'confirm', yes: false })).toMatchObject({ phase: 'ready', effect: null, message: { text: 'automatic decisions cancelled' } });
    // The accept bar stays within [no-match bar, 1], the no-match bar within [0, accept bar].
    const top = run(asking, ...Array.from({ length: 20 }, () => ({ type: 'adjustAuto', bar: 'accept', delta: 0.01 }) as const));
    expect(top.autoRule).toEqual({ accept: 1, noMatch: 0.05 });
    const bottom = run(asking, ...Array.from({ length: 20 }, () => ({ type: 'adjustAuto', bar: 'noMatch', delta: -0.01 }) as const));
    expect(bottom.autoRule).toEqual({ accept: 0.95, noMatch: 0 });
    const crossing = run(asking, ...Array.from({ length: 100 }, () => ({ type: 'adjustAuto', bar: 'accept', delta: -0.01 }) as const));
    expect(crossing.autoRule).toEqual({ accept: 0.05, noMatch: 0.05 });
  });

  it('a note is attached to the next decision; search results replace the list and Esc restores it', () => {
    const noted = run(showing(1), { type: 'openNote' }, { type: 'edit', op: { kind: 'insert', text: 'cover by a fan' } }, { type: 'submitText' });
    expect(noted.note).toBe('cover by a fan');
    expect(run(noted, { type: 'decide', verdict: 'defer' }).effect?.run).toMatchObject({ verdict: 'defer', note: 'cover by a fan' });
    const searching = run(showing(1), { type: 'openSearch' }, { type: 'edit', op: { kind: 'insert', text: 'GBAYE0601498' } }, { type: 'submitText' });
    expect(searching.effect?.run).toEqual({ kind: 'search', text: 'GBAYE0601498', mediaItemId: 1 });
    const found = run(searching, { type: 'searched', id: searching.effect!.id, candidates: [candidate('GBAYE0601498', 1)] });
    expect(found.list).toMatchObject({ source: 'search', candidates: [{ isrc: 'GBAYE0601498' }] });
    expect(run(found, { type: 'decide', verdict: 'accept' }).effect?.run).toMatchObject({ mediaItemId: 1, candidate: { isrc: 'GBAYE0601498' } });
    expect(run(found, { type: 'closeText' }).list.source).toBe('ranked');
  });

  it('a search or note opens on its previous text selected: typing replaces it, a move keeps it', () => {
    const type = (text: string): ReviewAction => ({ type: 'edit', op: { kind: 'insert', text } });
    const first = run(showing(1), { type: 'openSearch' }, type('bam bam'), { type: 'submitText' });
    expect(first.effect?.run).toMatchObject({ kind: 'search', text: 'bam bam' });
    const reopened = run(first, { type: 'searched', id: first.effect!.id, candidates: [] }, { type: 'openSearch' });
    expect(reopened.input).toEqual({ text: 'bam bam', cursor: 7, selected: true });
    const second = run(reopened, type('camila cabello'), { type: 'submitText' });
    expect(second.effect?.run).toMatchObject({ kind: 'search', text: 'camila cabello' });
    expect(run(reopened, { type: 'edit', op: { kind: 'end' } }, type(' 2'), { type: 'submitText' }).effect?.run).toMatchObject({ text: 'bam bam 2' });
    const noted = run(showing(1), { type: 'openNote' }, type('fan cover'), { type: 'submitText' }, { type: 'openNote' }, type('live'), { type: 'submitText' });
    expect(noted.note).toBe('live');
  });
});

describe('wordDiff', () => {
  it('marks the words only one side has', () => {
    expect(wordDiff('shape of you ed sheeran', 'shape of you official ed sheeran')).toEqual({
      a: ['shape', 'of', 'you', 'ed', 'sheeran'].map((text) => ({ text, same: true })),
      b: [
        { text: 'shape', same: true },
        { text: 'of', same: true },
        { text: 'you', same: true },
        { text: 'official', same: false },
        { text: 'ed', same: true },
        { text: 'sheeran', same: true },
      ],
    });
    expect(wordDiff('a b', '')).toEqual({ a: [{ text: 'a', same: false }, { text: 'b', same: false }], b: [] });
  });
});
