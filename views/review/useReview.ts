import { useCallback, useEffect, useRef, useState } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { decide, defaultReviewer, undo } from '../../src/match/decisions.js';
import { firstStillQueued, loadReviewItem, orderQueue, reviewProgress, searchCatalog, type CatalogHit, type ReviewItem as CoreItem } from '../../src/match/review.js';
import { fold } from '../../src/match/text.js';
import { applyAutoRule, countAutoRule } from './auto-rule.js';
import { initialReview, reviewReducer, type ReviewAction, type ReviewEffect, type ReviewState } from './review-reducer.js';
import type { Queue, ReviewCandidate, ReviewItem, ReviewProgress } from './review-types.js';

const folded = (...parts: (string | null)[]) => fold(parts.filter((p) => p !== null).join(' '));

function toItem(core: CoreItem): ReviewItem {
  const reading = core.normalised.readings[0];
  return {
    mediaItemId: core.mediaItemId,
    videoId: core.videoId,
    title: core.title,
    artistName: core.artistName,
    trackTitle: core.trackTitle,
    playlists: core.playlists.map((p) => ({ name: p.name ?? p.playlistId, bestPosition: p.bestPosition })),
    candidates: core.candidates.map((c) => ({
      isrc: c.isrc,
      track: c.track,
      artist: c.artist,
      score: c.score,
      titleScore: c.titleScore,
      artistScore: c.artistScore,
      flags: c.flags,
      normalised: folded(c.track, c.artist),
      videoReading: `${c.readingTitle} ${c.readingArtists.replace(/;/g, ' ')}`.trim(),
      confidence: c.confidence,
      recording: c.recording,
      representative: c.representative,
      evidence: c.evidence,
    })),
    recommendation: core.recommendation?.reason ?? null,
    reading: reading ? `${reading.title} ${reading.artists.join(' ')}`.trim() : folded(core.title),
    decision: core.current ? { decision: core.current.decision, isrc: core.current.isrc, method: core.current.method } : null,
  };
}

function toCandidate(hit: CatalogHit): ReviewCandidate {
  return {
    isrc: hit.isrc,
    track: hit.track,
    artist: hit.artist,
    score: hit.score,
    titleScore: hit.titleScore,
    artistScore: hit.artistScore,
    flags: hit.flags,
    normalised: folded(hit.track, hit.artist),
    videoReading: `${hit.readingTitle} ${hit.readingArtists.replace(/;/g, ' ')}`.trim(),
    confidence: null,
    recording: null,
    representative: true,
    evidence: [],
  };
}

async function loadItem(handle: DbHandle, id: number): Promise<ReviewItem | null> {
  const core = await loadReviewItem(handle.db, id);
  return core ? toItem(core) : null;
}

/**
 * The item after the one on screen, loaded while the user reads, so a decision only has to save
 * and check which item comes next before the next frame. One entry; cleared whenever decisions
 * may have changed other items (undo, auto-accept).
 */
export class NextItemCache {
  #entry: { id: number; item: Promise<ReviewItem | null> } | null = null;

  get(handle: DbHandle, id: number): Promise<ReviewItem | null> {
    if (this.#entry?.id === id) return this.#entry.item;
    return loadItem(handle, id);
  }

  warm(handle: DbHandle, id: number | undefined): void {
    this.#entry = null;
    if (id === undefined) return;
    const item = loadItem(handle, id);
    item.catch(() => undefined);
    this.#entry = { id, item };
  }

  clear(): void {
    this.#entry = null;
  }
}

interface Shown {
  item: ReviewItem | null;
  order: readonly number[];
  at: number;
  progress: ReviewProgress;
}

async function show(handle: DbHandle, cache: NextItemCache, order: readonly number[], at: number): Promise<Shown> {
  const item = at === -1 ? null : await cache.get(handle, order[at]!);
  return { item, order, at, progress: await reviewProgress(handle.db) };
}

/** The first item still in the queue from `from` on; past the end, the queue's order is taken again from its start. */
async function next(handle: DbHandle, cache: NextItemCache, queue: Queue, order: readonly number[], from: number): Promise<Shown> {
  let at = await firstStillQueued(handle.db, queue, order, from);
  if (at === -1) {
    order = await orderQueue(handle.db, queue);
    at = order.length > 0 ? 0 : -1;
  }
  return show(handle, cache, order, at);
}

const short = (text: string, n = 40) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** Runs one effect of the reducer against the match core and answers with the effect's id. */
async function perform(handle: DbHandle, cache: NextItemCache, id: number, run: ReviewEffect, reviewer: string): Promise<ReviewAction> {
  switch (run.kind) {
    case 'open':
      cache.clear();
      return { type: 'loaded', id, ...(await next(handle, cache, run.queue, [], 0)) };
    case 'show':
      return { type: 'loaded', id, ...(await show(handle, cache, run.order, run.at)) };
    case 'next':
      return { type: 'loaded', id, ...(await next(handle, cache, run.queue, run.order, run.from)) };
    case 'decide': {
      const { candidate } = run;
      await decide(handle.db, { mediaItemId: run.mediaItemId, decision: run.verdict, isrc: candidate?.isrc ?? null, score: candidate?.score ?? null, note: run.note, reviewer });
      if (!run.advance) return { type: 'rejected', id, isrc: candidate!.isrc, progress: await reviewProgress(handle.db) };
      const said = run.verdict === 'accept' ? `accepted ${candidate!.isrc}` : run.verdict === 'no_match' ? 'no match' : 'deferred';
      return { type: 'loaded', id, ...(await next(handle, cache, run.queue, run.order, run.at + 1)), message: `${said} · u undoes · [ goes back` };
    }
    case 'undo': {
      cache.clear();
      const row = await undo(handle.db, { reviewer });
      const core = await loadReviewItem(handle.db, row.media_item_id);
      const undone = core?.history.find((d) => d.id === row.undoes);
      const progress = await reviewProgress(handle.db);
      const at = run.order.indexOf(row.media_item_id);
      return {
        type: 'loaded',
        id,
        item: core ? toItem(core) : null,
        order: run.order,
        at,
        progress,
        message: `undid ${undone?.decision ?? 'decision'}${undone?.isrc ? ` ${undone.isrc}` : ''} on "${short(core?.title ?? String(row.media_item_id))}"`,
      };
    }
    case 'search':
      return { type: 'searched', id, candidates: (await searchCatalog(handle.db, run.text, { mediaItemId: run.mediaItemId ?? undefined })).map(toCandidate) };
    case 'countAuto':
      return { type: 'counted', id, count: await countAutoRule(handle.db, run.rule) };
    case 'applyAuto': {
      cache.clear();
      const applied = await applyAutoRule(handle.db, run.rule, reviewer);
      const n = (x: number) => x.toLocaleString('en-US');
      return { type: 'loaded', id, ...(await next(handle, cache, run.queue, [], 0)), message: `auto-accepted ${n(applied.accept)}, no match ${n(applied.noMatch)} · f → audit sample` };
    }
  }
}

// After Ink's 33 ms render throttle, so the prefetch starts after the frame is written.
const PREFETCH_DELAY_MS = 40;

// Most decisions save and load the next item well within this; only slower work shows "saving…".
const BUSY_FRAME_DELAY_MS = 120;

/**
 * The review screen's state. The reducer's state is kept here, outside React, so a key is judged
 * against the state it arrives in (busy or not) at once, and the effect it starts runs at once.
 * The frame is only updated when the state is worth showing: going busy is shown after
 * BUSY_FRAME_DELAY_MS, so a fast decision renders once, with the next item, instead of twice
 * (a second render within Ink's 33 ms throttle window would wait for the window's end).
 */
export function useReview(handle: DbHandle | null, reviewer = defaultReviewer()): [ReviewState, (action: ReviewAction) => void] {
  const store = useRef<ReviewState | null>(null);
  store.current ??= initialReview();
  const [view, setView] = useState(store.current);
  const cache = useRef(new NextItemCache()).current;
  const busyTimer = useRef<NodeJS.Timeout | null>(null);
  const started = useRef(0);
  const live = useRef(true);

  const send = useCallback(
    (action: ReviewAction) => {
      const previous = store.current!;
      const next = reviewReducer(previous, action);
      if (next === previous || !live.current) return;
      store.current = next;
      if (busyTimer.current) clearTimeout(busyTimer.current);
      busyTimer.current = null;
      const effect = next.effect;
      if (effect && effect !== previous.effect && next.phase === 'busy' && previous.phase !== 'busy') {
        busyTimer.current = setTimeout(() => live.current && setView(store.current!), BUSY_FRAME_DELAY_MS);
      } else setView(next);
      if (effect && effect !== previous.effect && handle) run(handle, effect);
    },
    // run is stable for a handle (declared below, same dependencies).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [handle, reviewer, cache],
  );

  function run(db: DbHandle, effect: NonNullable<ReviewState['effect']>) {
    if (started.current >= effect.id) return;
    started.current = effect.id;
    perform(db, cache, effect.id, effect.run, reviewer).then(
      (answer) => {
        send(answer);
        // Load the following item while the user reads this one, once this frame is drawn (the
        // database shares the thread with rendering: started now, it would delay the frame).
        if (answer.type === 'loaded' && answer.item) setTimeout(() => live.current && cache.warm(db, answer.order[answer.at + 1]), PREFETCH_DELAY_MS);
      },
      (error: unknown) => send({ type: 'failed', id: effect.id, message: error instanceof Error ? error.message : String(error) }),
    );
  }

  // The first load waits for the database to open.
  useEffect(() => {
    const effect = store.current!.effect;
    if (handle && effect) run(handle, effect);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle]);

  useEffect(
    () => () => {
      live.current = false;
      if (busyTimer.current) clearTimeout(busyTimer.current);
    },
    [],
  );

  return [view, send];
}
