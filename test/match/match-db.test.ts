import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { importCatalog } from '../../src/match/catalog-import.js';
import { runMatch } from '../../src/match/run.js';
import { decide, undo, currentDecision, pastDecisions } from '../../src/match/decisions.js';
import { firstStillQueued, loadReviewItem, orderQueue, reviewProgress, searchCatalog } from '../../src/match/review.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-match-'));
const catalogCsv = join(dir, 'cm_track.csv');
writeFileSync(
  catalogCsv,
  [
    '"cm_track","track","isrc","cm_artist","artist"',
    '1,"Male Fantasy","GBUM71100001",10,"Billie Eilish"',
    '2,"Male Fantasy - Remix","GBUM71100002",10,"Billie Eilish"',
    '3,"Let Her Go","USSM11200001",20,"Passenger"',
    '4,"Let Her Go","USSM11200009",20,"Passenger"',
    '5,"Callaíta","USUM71800001",30,"Bad Bunny"',
    '6,"Happier Than Ever","GBUM71100004",10,"Billie Eilish"',
    '5,"Callaíta","USUM71800001",30,"Bad Bunny"',
    '7,"Other values","USUM71800001",30,"Bad Bunny"',
    '8,"No isrc","",40,"Nobody"',
    '9,"Lower case","gbum71100005",40,"Nobody"',
    '10,"Too","many","fields",1,2',
  ].join('\n') + '\n',
);

// Four media items as an ingest would leave them: Billie Eilish (artist only in the title),
// Passenger (two identical catalog rows: ambiguous), Bad Bunny, and one with no candidate.
const VIDEOS = [
  { id: 'vid-billie', title: 'Billie Eilish - Male Fantasy (Official Music Video)', artist: null, track: null },
  { id: 'vid-passenger', title: 'Passenger | Let Her Go (Official Video)', artist: 'Passenger', track: 'Let Her Go' },
  { id: 'vid-callaita', title: 'BAD BUNNY - CALLAÍTA (Video Oficial)', artist: null, track: null },
  { id: 'vid-none', title: 'Somebody - Unknown Song', artist: null, track: null },
];

async function seed(fresh: FreshDatabase): Promise<Record<string, number>> {
  const { db } = fresh.handle;
  const ids: Record<string, number> = {};
  for (const [i, v] of VIDEOS.entries()) {
    const { id } = await db.insertInto('media_items').values({ source: 'YOUTUBE', source_id: v.id }).returning('id').executeTakeFirstOrThrow();
    ids[v.id] = id;
    const artist = v.artist ? (await db.insertInto('artists').values({ name: v.artist }).returning('id').executeTakeFirstOrThrow()).id : null;
    await db
      .insertInto('media_item_metadata_log')
      .values({ media_item_id: id, ingest_timestamp: '2022-05-20 12:00:00', primary_title: v.title, secondary_title: v.track, artist_id: artist, cover_url: null })
      .execute();
    for (const [playlist, position] of [['PL-a', 3 + i], ['PL-b', 10 + i]] as const) {
      await db
        .insertInto('playlist_observations')
        .values({
          playlist_source_id: playlist, video_source_id: v.id, timestp: '2022-05-20 12:00:00', playlist_name: `Playlist ${playlist}`, artwork_url: null, channel_id: null,
          views: null, num_videos: null, title: v.title, artist_name: v.artist, image_url: null, track_title: v.track, position, ingest_run_id: null,
        })
        .execute();
    }
  }
  return ids;
}

describe.each(testTargets())('ISRC matching on $name', (target) => {
  let fresh: FreshDatabase;
  let ids: Record<string, number>;
  beforeAll(async () => {
    fresh = await target.fresh();
    ids = await seed(fresh);
  });
  afterAll(() => fresh?.dispose());

  it('imports the catalog once, idempotently, with bad rows as dead letters', async () => {
    const first = await importCatalog(fresh.handle, catalogCsv);
    expect(first).toMatchObject({ rowsRead: 11, inserted: 6, updated: 0, unchanged: 0, duplicates: 1, deadLetters: 4 });
    expect(first.deadLetterReasons).toEqual({ 'duplicate isrc with other values': 1, 'isrc does not match the pattern': 1, 'malformed CSV': 1, 'no isrc': 1 });
    const again = await importCatalog(fresh.handle, catalogCsv);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 6, deadLetters: 4 });
    const letters = await fresh.handle.db.selectFrom('dead_letters').select(['record_index', 'reason']).orderBy('record_index').execute();
    expect(letters).toEqual([
      { record_index: 9, reason: 'duplicate isrc USUM71800001 with other values than line 6' },
      { record_index: 10, reason: 'no isrc' },
      { record_index: 11, reason: 'isrc "gbum71100005" does not match ^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$' },
      { record_index: 12, reason: 'malformed CSV: 6 fields, expected 5' },
    ]);
    const callaita = await fresh.handle.db.selectFrom('isrc_lookup').selectAll().where('isrc', '=', 'USUM71800001').executeTakeFirstOrThrow();
    expect(callaita).toEqual({ isrc: 'USUM71800001', cm_track: 5, track: 'Callaíta', cm_artist: 30, artist: 'Bad Bunny' });
  });

  it('stores the top candidates, writes the candidates file and auto-accepts only clear leaders', async () => {
    const out = join(dir, `candidates-${target.name}.csv`);
    let planned = -1;
    const summary = await runMatch(fresh.handle, { top: 3, reviewer: 'robot', candidatesOut: out, autoAccept: { threshold: 0.85, margin: 0.05 }, onAutoAcceptPlan: (n) => (planned = n) });
    expect(summary).toMatchObject({ catalogRows: 6, mediaItems: 4, withCandidates: 3, autoAccepted: 2 });
    expect(planned).toBe(2);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('video_id,rank,isrc,score,title_score,artist_score,flags');
    expect(lines).toContain('vid-billie,1,GBUM71100001,1,1,1,');
    expect(lines).toContain('vid-billie,2,GBUM71100002,0.6,1,1,catalog:remix');
    const matches = await fresh.handle.db.selectFrom('isrc_matches').selectAll().orderBy('video_id').execute();
    expect(matches.map((m) => [m.video_id, m.isrc, m.track, m.artist, m.score, m.method, m.reviewer])).toEqual([
      ['vid-billie', 'GBUM71100001', 'Male Fantasy', 'Billie Eilish', 1, 'auto', 'robot'],
      ['vid-callaita', 'USUM71800001', 'Callaíta', 'Bad Bunny', 1, 'auto', 'robot'],
    ]);
    const columns = await sql<{ column_name: string }>`SELECT column_name FROM information_schema.columns WHERE table_name = 'isrc_matches' ORDER BY ordinal_position`.execute(fresh.handle.db);
    expect(columns.rows.map((c) => c.column_name)).toEqual(['video_id', 'isrc', 'track', 'artist', 'score', 'method', 'reviewer', 'decided_at']);
  });

  it('orders each queue most decidable first, then by confidence', async () => {
    const { db } = fresh.handle;
    // vid-passenger ties two 1.0 rows (low: no lead), vid-none has no candidate (none).
    expect(await orderQueue(db, 'undecided')).toEqual([ids['vid-passenger'], ids['vid-none']]);
    expect(await orderQueue(db, 'ambiguous')).toEqual([ids['vid-passenger']]);
    expect(await orderQueue(db, 'low_score')).toEqual([ids['vid-none']]);
    expect(await orderQueue(db, 'deferred')).toEqual([]);
    // Both auto accepts score 1 (strong); vid-callaita leads by 1 (no second), vid-billie by 0.4.
    expect(await orderQueue(db, 'auto_sample', { sampleEvery: 1 })).toEqual([ids['vid-callaita'], ids['vid-billie']]);
  });

  it('walks an ordered queue past items decided since the order was taken', async () => {
    const { db } = fresh.handle;
    const order = await orderQueue(db, 'undecided');
    expect(await firstStillQueued(db, 'undecided', order, 1)).toBe(1);
    const decision = await decide(db, { mediaItemId: ids['vid-none']!, decision: 'no_match', reviewer: 'ana' });
    expect(await firstStillQueued(db, 'undecided', order, 1)).toBe(-1);
    expect(await firstStillQueued(db, 'undecided', order, 0)).toBe(0);
    await undo(db, { decisionId: decision.id, reviewer: 'ana' });
    expect(await firstStillQueued(db, 'undecided', order, 1)).toBe(1);
  });

  it('loads a review item with its playlists, candidates and normalised title', async () => {
    const item = await loadReviewItem(fresh.handle.db, ids['vid-passenger']!);
    expect(item).toMatchObject({ videoId: 'vid-passenger', title: 'Passenger | Let Her Go (Official Video)', artistName: 'Passenger', trackTitle: 'Let Her Go', current: null, history: [] });
    expect(item!.playlists).toEqual([
      { playlistId: 'PL-a', name: 'Playlist PL-a', bestPosition: 4, lastSeen: '2022-05-20 12:00:00' },
      { playlistId: 'PL-b', name: 'Playlist PL-b', bestPosition: 11, lastSeen: '2022-05-20 12:00:00' },
    ]);
    expect(item!.candidates.map((c) => [c.rank, c.isrc, c.track, c.score, c.flags])).toEqual([
      [1, 'USSM11200001', 'Let Her Go', 1, []],
      [2, 'USSM11200009', 'Let Her Go', 1, []],
    ]);
    expect(item!.candidates[0]).toMatchObject({ readingTitle: 'let her go', readingArtists: 'passenger' });
    expect(item!.normalised.readings[0]).toEqual({ title: 'let her go', artists: ['passenger'], flags: [] });
  });

  it('keeps an append-only log: undo walks back any depth, undo of undo restores', async () => {
    const { db } = fresh.handle;
    const item = ids['vid-passenger']!;
    const accepted = await decide(db, { mediaItemId: item, decision: 'accept', isrc: 'USSM11200001', score: 1, reviewer: 'ana' });
    const deferred = await decide(db, { mediaItemId: item, decision: 'defer', reviewer: 'ana' });
    expect((await currentDecision(db, item))?.decision).toBe('defer');
    expect(await orderQueue(db, 'deferred')).toEqual([item]);
    const undoDefer = await undo(db, { mediaItemId: item, reviewer: 'ana' });
    expect(undoDefer.undoes).toBe(deferred.id);
    expect((await currentDecision(db, item))?.decision).toBe('accept');
    const undoAccept = await undo(db, { mediaItemId: item, reviewer: 'ana' });
    expect(undoAccept.undoes).toBe(accepted.id);
    expect(await currentDecision(db, item)).toBeUndefined();
    await expect(undo(db, { mediaItemId: item })).rejects.toThrow(`nothing to undo for media item ${item}`);
    // Undo the undo of the accept: the accept stands again; undoing that undo-of-undo removes it again.
    const redo = await undo(db, { decisionId: undoAccept.id, reviewer: 'ana' });
    expect((await currentDecision(db, item))?.decision_id).toBe(accepted.id);
    await undo(db, { decisionId: redo.id, reviewer: 'ana' });
    expect(await currentDecision(db, item)).toBeUndefined();
    await expect(undo(db, { decisionId: redo.id })).rejects.toThrow(`decision ${redo.id} is already undone`);
    const log = await db.selectFrom('isrc_match_decisions').select(['decision', 'undoes']).where('media_item_id', '=', item).orderBy('id').execute();
    expect(log.map((d) => d.decision)).toEqual(['accept', 'defer', 'undo', 'undo', 'undo', 'undo']);
    expect(log.map((d) => d.undoes)).toEqual([null, null, deferred.id, accepted.id, undoAccept.id, redo.id]);
    await expect(sql`UPDATE isrc_match_decisions SET reviewer = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM isrc_match_decisions`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('re-running match keeps every decision and never auto-decides an item with a manual decision', async () => {
    const { db } = fresh.handle;
    await decide(db, { mediaItemId: ids['vid-billie']!, decision: 'reject', isrc: 'GBUM71100001', reviewer: 'ana' });
    const before = await db.selectFrom('isrc_match_decisions').selectAll().orderBy('id').execute();
    const summary = await runMatch(fresh.handle, { top: 3, reviewer: 'robot', autoAccept: { threshold: 0.5, margin: 0 } });
    // vid-passenger has manual decisions (all undone) and vid-billie/vid-callaita have decisions in force: nothing to do.
    expect(summary.autoAccepted).toBe(0);
    const after = await db.selectFrom('isrc_match_decisions').selectAll().orderBy('id').execute();
    expect(after).toEqual(before);
    const candidates = await db.selectFrom('isrc_candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(candidates.n)).toBe(5);
    expect(await reviewProgress(db)).toEqual({ total: 4, decided: 2, accepted: 1, autoAccepted: 1, rejected: 1, deferred: 0, noMatch: 0 });
  });

  it('lists past decisions newest first, filtered by kind or method and by words, with the one in force marked', async () => {
    const { db } = fresh.handle;
    const auto = await pastDecisions(db, { filter: 'auto' });
    // vid-billie's auto accept was overruled by a manual reject; vid-callaita's stands.
    expect(auto.map((d) => [d.videoId, d.decision, d.reviewer, d.inForce]).sort()).toEqual([
      ['vid-billie', 'accept', 'robot', false],
      ['vid-callaita', 'accept', 'robot', true],
    ]);
    const fantasy = await pastDecisions(db, { text: 'FANTASY' });
    expect(fantasy.map((d) => [d.videoId, d.decision, d.method, d.isrc, d.inForce])).toEqual([
      ['vid-billie', 'reject', 'manual', 'GBUM71100001', true],
      ['vid-billie', 'accept', 'auto', 'GBUM71100001', false],
    ]);
    expect(fantasy[0]!.title).toBe('Billie Eilish - Male Fantasy (Official Music Video)');
    const undos = await pastDecisions(db, { filter: 'undo', text: 'passenger ana' });
    expect(undos.map((d) => [d.videoId, d.decision])).toEqual(Array.from({ length: 4 }, () => ['vid-passenger', 'undo']));
    expect(undos.map((d) => d.id)).toEqual([...undos.map((d) => d.id)].sort((a, b) => b - a));
    expect(await pastDecisions(db, { text: 'nobody-said-this' })).toEqual([]);
  });

  it('searches the catalog by free text, accents ignored, or by a pasted ISRC', async () => {
    const { db } = fresh.handle;
    expect((await searchCatalog(db, 'callaita bunny')).map((h) => h.isrc)).toEqual(['USUM71800001']);
    const fantasy = await searchCatalog(db, 'male fantasy');
    expect(fantasy.map((h) => [h.isrc, h.flags])).toEqual([
      ['GBUM71100001', ['artist:unknown']],
      ['GBUM71100002', ['artist:unknown', 'catalog:remix']],
    ]);
    expect(await searchCatalog(db, ' gbum7-1100004 ')).toMatchObject([{ isrc: 'GBUM71100004', track: 'Happier Than Ever', artist: 'Billie Eilish', score: 1, flags: [] }]);
    expect(await searchCatalog(db, '!!!')).toEqual([]);
  });

  it('scores search hits for a video exactly as its candidates, a pasted ISRC included', async () => {
    const { db } = fresh.handle;
    const billie = ids['vid-billie']!;
    const stored = (await loadReviewItem(db, billie))!.candidates;
    const hits = await searchCatalog(db, 'male fantasy', { mediaItemId: billie });
    const view = (c: { isrc: string; score: number; titleScore: number; artistScore: number; flags: string[]; readingTitle: string; readingArtists: string }) =>
      [c.isrc, c.score, c.titleScore, c.artistScore, c.flags, c.readingTitle, c.readingArtists];
    expect(hits.map(view)).toEqual(stored.map(view));
    expect(hits.map((h) => [h.isrc, h.score, h.flags])).toEqual([
      ['GBUM71100001', 1, []],
      ['GBUM71100002', 0.6, ['catalog:remix']],
    ]);
    // Another song of the same artist, pasted by ISRC: its own score against the video, not a full bar.
    const [pasted] = await searchCatalog(db, 'GBUM71100004', { mediaItemId: billie });
    expect(pasted).toMatchObject({ isrc: 'GBUM71100004', artistScore: 1 });
    expect(pasted!.score).toBeLessThan(0.5);
    expect(pasted!.score).toBe(pasted!.titleScore);
  });
});
