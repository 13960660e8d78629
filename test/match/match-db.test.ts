import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { importCatalog } from '../../src/match/catalog-import.js';
import { runMatch } from '../../src/match/run.js';
import { migrate } from '../../src/db/migrate.js';
import { buildIndex, matchItem } from '../../src/match/matcher.js';
import { catalogFromDb } from '../../src/match/store.js';
import { DEFAULT_NO_MATCH_CONFIDENCE } from '../../src/match/recommendation.js';
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

  it('stores recordings with their confidence and one recommendation per item, as computed in memory', async () => {
    const out = join(dir, `candidates-${target.name}.csv`);
    const summary = await runMatch(fresh.handle, { top: 3, reviewer: 'robot', candidatesOut: out });
    expect(summary).toMatchObject({ catalogRows: 6, mediaItems: 4, withCandidates: 3, autoAccepted: null, autoNoMatched: null });
    const { db } = fresh.handle;
    const stored = await db.selectFrom('isrc_candidates').select(['media_item_id', 'rank', 'isrc', 'recording', 'representative', 'confidence', 'evidence']).orderBy('media_item_id').orderBy('rank').execute();
    // Passenger's two "Let Her Go" rows are one recording: its lower ISRC represents it.
    expect(stored.map((c) => [c.media_item_id, c.rank, c.isrc, c.recording, c.representative])).toEqual([
      [ids['vid-billie'], 1, 'GBUM71100001', 1, true],
      [ids['vid-billie'], 2, 'GBUM71100002', 2, true],
      [ids['vid-passenger'], 1, 'USSM11200001', 1, true],
      [ids['vid-passenger'], 2, 'USSM11200009', 1, false],
      [ids['vid-callaita'], 1, 'USUM71800001', 1, true],
    ]);
    // The same confidences, waterfalls and recommendations as the matcher computes in memory.
    const index = await buildIndex(catalogFromDb(db));
    const recommendations = await db.selectFrom('isrc_recommendations').selectAll().orderBy('media_item_id').execute();
    expect(recommendations).toHaveLength(4);
    for (const v of VIDEOS) {
      const memory = matchItem(index, { videoId: v.id, title: v.title, artistName: v.artist, trackTitle: v.track }, 3);
      const rows = stored.filter((c) => c.media_item_id === ids[v.id]);
      expect(rows.map((c) => [c.isrc, c.confidence, c.evidence])).toEqual(memory.recordings.flatMap((r) => r.rows.map((row) => [row.isrc, r.confidence, r.waterfall])));
      const r = recommendations.find((x) => x.media_item_id === ids[v.id])!;
      expect({ level: r.level, confidence: r.confidence, isrc: r.isrc, caveat: r.caveat, reason: r.reason }).toEqual(memory.recommendation);
    }
    expect(recommendations.find((r) => r.media_item_id === ids['vid-none'])).toMatchObject({ level: 'none', confidence: 0, isrc: null, reason: 'none: no catalog row shares a title word' });
    expect(stored.find((c) => c.isrc === 'GBUM71100002')!.evidence).toMatch(/^start [-+]\d+\.\d; .*row is remix, video not -\d+\.\d; .*= [-+]\d+\.\d -> 0\.\d\d among 2 recordings$/);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('video_id,rank,isrc,score,title_score,artist_score,flags,recording,representative,confidence');
    expect(lines).toContain(`vid-billie,1,GBUM71100001,1,1,1,,1,true,${stored[0]!.confidence}`);
    expect(lines).toContain(`vid-passenger,2,USSM11200009,1,1,1,,1,false,${stored[3]!.confidence}`);
    expect(lines).toContain(`vid-billie,2,GBUM71100002,0.6,1,1,catalog:remix,2,true,${stored[1]!.confidence}`);
  });

  it('serves the queues by stored recommendation, most decidable first, then by confidence', async () => {
    const { db } = fresh.handle;
    const recommendations = await db.selectFrom('isrc_recommendations').select(['media_item_id', 'level']).orderBy('media_item_id').execute();
    expect(recommendations.map((r) => [r.media_item_id, r.level])).toEqual([
      [ids['vid-billie'], 'strong'],
      [ids['vid-passenger'], 'strong'],
      [ids['vid-callaita'], 'strong'],
      [ids['vid-none'], 'none'],
    ]);
    // The three strong ones by confidence (passenger 0.999, callaita 0.995, billie 0.994), then none.
    expect(await orderQueue(db, 'undecided')).toEqual([ids['vid-passenger'], ids['vid-callaita'], ids['vid-billie'], ids['vid-none']]);
    expect(await orderQueue(db, 'strong')).toEqual([ids['vid-passenger'], ids['vid-callaita'], ids['vid-billie']]);
    expect(await orderQueue(db, 'none')).toEqual([ids['vid-none']]);
    expect(await orderQueue(db, 'medium')).toEqual([]);
    expect(await orderQueue(db, 'low')).toEqual([]);
    expect(await orderQueue(db, 'deferred')).toEqual([]);
    expect(await orderQueue(db, 'auto_sample', { sampleEvery: 1 })).toEqual([]);
  });

  it('walks an ordered queue past items decided since the order was taken', async () => {
    const { db } = fresh.handle;
    const order = await orderQueue(db, 'undecided');
    expect(await firstStillQueued(db, 'undecided', order, 3)).toBe(3);
    const decision = await decide(db, { mediaItemId: ids['vid-none']!, decision: 'no_match', reviewer: 'ana' });
    expect(await firstStillQueued(db, 'undecided', order, 3)).toBe(-1);
    expect(await firstStillQueued(db, 'undecided', order, 0)).toBe(0);
    expect(await orderQueue(db, 'none')).toEqual([]);
    await undo(db, { decisionId: decision.id, reviewer: 'ana' });
    expect(await firstStillQueued(db, 'undecided', order, 3)).toBe(3);
  });

  it('loads a review item with its playlists, candidates, recommendation and normalised title', async () => {
    const item = await loadReviewItem(fresh.handle.db, ids['vid-passenger']!);
    expect(item).toMatchObject({ videoId: 'vid-passenger', title: 'Passenger | Let Her Go (Official Video)', artistName: 'Passenger', trackTitle: 'Let Her Go', current: null, history: [] });
    expect(item!.playlists).toEqual([
      { playlistId: 'PL-a', name: 'Playlist PL-a', bestPosition: 4, lastSeen: '2022-05-20 12:00:00' },
      { playlistId: 'PL-b', name: 'Playlist PL-b', bestPosition: 11, lastSeen: '2022-05-20 12:00:00' },
    ]);
    expect(item!.candidates.map((c) => [c.rank, c.isrc, c.track, c.score, c.flags, c.recording, c.representative])).toEqual([
      [1, 'USSM11200001', 'Let Her Go', 1, [], 1, true],
      [2, 'USSM11200009', 'Let Her Go', 1, [], 1, false],
    ]);
    expect(item!.candidates[0]!.confidence).toBe(item!.recommendation!.confidence);
    expect(item!.candidates[0]!.evidence[0]).toMatch(/^start /);
    // The rows of one recording share its confidence and its evidence.
    expect(item!.candidates[1]!.evidence).toEqual(item!.candidates[0]!.evidence);
    expect(item!.candidates[1]!.confidence).toBe(item!.candidates[0]!.confidence);
    expect(item!.recommendation).toMatchObject({ isrc: 'USSM11200001' });
    expect(item!.recommendation!.reason).toMatch(/^(strong|medium|low|none): 'let her go' by passenger [01]\.\d\d/);
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
    const summary = await runMatch(fresh.handle, { top: 3, reviewer: 'robot', autoAccept: 0.5 });
    // vid-passenger has manual decisions (all undone) and vid-billie a manual reject: only vid-callaita is accepted.
    expect(summary.autoAccepted).toBe(1);
    const after = await db.selectFrom('isrc_match_decisions').selectAll().orderBy('id').execute();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((d) => [d.media_item_id, d.decision, d.method, d.isrc, d.reviewer, d.note])).toEqual([
      [ids['vid-callaita'], 'accept', 'auto', 'USUM71800001', 'robot', 'auto-accept: confidence >= 0.5'],
    ]);
    const again = await runMatch(fresh.handle, { top: 3, reviewer: 'robot', autoAccept: 0.5 });
    expect(again.autoAccepted).toBe(0);
    expect(await db.selectFrom('isrc_match_decisions').selectAll().orderBy('id').execute()).toEqual(after);
    const candidates = await db.selectFrom('isrc_candidates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(candidates.n)).toBe(5);
    expect(await reviewProgress(db)).toEqual({ total: 4, decided: 2, accepted: 1, autoAccepted: 1, rejected: 1, deferred: 0, noMatch: 0 });
  });

  it('lists past decisions newest first, filtered by kind or method and by words, with the one in force marked', async () => {
    const { db } = fresh.handle;
    const auto = await pastDecisions(db, { filter: 'auto' });
    // vid-billie was rejected by hand before auto-accept ran: only vid-callaita's auto accept exists.
    expect(auto.map((d) => [d.videoId, d.decision, d.reviewer, d.inForce])).toEqual([['vid-callaita', 'accept', 'robot', true]]);
    const fantasy = await pastDecisions(db, { text: 'FANTASY' });
    expect(fantasy.map((d) => [d.videoId, d.decision, d.method, d.isrc, d.inForce])).toEqual([['vid-billie', 'reject', 'manual', 'GBUM71100001', true]]);
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

describe.each(testTargets())('automatic no match on $name', (target) => {
  let fresh: FreshDatabase;
  let ids: Record<string, number>;
  beforeAll(async () => {
    fresh = await target.fresh();
    ids = await seed(fresh);
    await importCatalog(fresh.handle, catalogCsv);
  });
  afterAll(() => fresh?.dispose());

  const log = () => fresh.handle.db.selectFrom('isrc_match_decisions').selectAll().orderBy('id').execute();

  it('previews, records no_match (auto) where no recording reaches the bar, never over a manual decision; undo and re-runs keep', async () => {
    const { db } = fresh.handle;
    const manual = await decide(db, { mediaItemId: ids['vid-billie']!, decision: 'reject', isrc: 'GBUM71100001', reviewer: 'ana' });
    const plans: [string, number][] = [];
    // A bar of 1: no recording reaches it, so every item without a decision is proposed.
    const first = await runMatch(fresh.handle, { top: 3, reviewer: 'robot', autoNoMatch: 1, onAutomaticPlan: (rule, n) => plans.push([rule.decision, n]) });
    expect(plans).toEqual([['no_match', 3]]);
    expect(first).toMatchObject({ autoAccepted: null, autoNoMatched: 3 });
    const decided = await log();
    expect(decided[0]).toEqual(manual);
    expect(decided.slice(1).map((d) => [d.media_item_id, d.decision, d.method, d.isrc, d.reviewer, d.note]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual(
      ['vid-passenger', 'vid-callaita', 'vid-none'].map((v) => [ids[v], 'no_match', 'auto', null, 'robot', 'auto-no-match: no recording reaches confidence 1']),
    );
    expect((await currentDecision(db, ids['vid-billie']!))?.decision).toBe('reject');

    // The analyst undoes one; re-running (either rule) leaves it undecided and records nothing twice.
    await undo(db, { mediaItemId: ids['vid-callaita']!, reviewer: 'ana' });
    expect(await currentDecision(db, ids['vid-callaita']!)).toBeUndefined();
    const before = await log();
    const again = await runMatch(fresh.handle, { top: 3, reviewer: 'robot', autoNoMatch: 1, autoAccept: 0 });
    expect(again).toMatchObject({ autoAccepted: 0, autoNoMatched: 0 });
    expect(await log()).toEqual(before);
    expect(await reviewProgress(db)).toEqual({ total: 4, decided: 3, accepted: 0, autoAccepted: 0, rejected: 1, deferred: 0, noMatch: 2 });
  });

  it('at the default bar only the item without a candidate is proposed', async () => {
    const other = await target.fresh();
    try {
      const otherIds = await seed(other);
      await importCatalog(other.handle, catalogCsv);
      const summary = await runMatch(other.handle, { top: 3, reviewer: 'robot', autoNoMatch: DEFAULT_NO_MATCH_CONFIDENCE });
      expect(summary.autoNoMatched).toBe(1);
      expect((await currentDecision(other.handle.db, otherIds['vid-none']!))).toMatchObject({ decision: 'no_match', method: 'auto', score: 0 });
    } finally {
      await other.dispose();
    }
  });
});

describe.each(testTargets())('recommendations in a database made before them, on $name', (target) => {
  it('migrates in place: old candidates become one-row recordings without a confidence; match then fills both', async () => {
    const fresh = await target.fresh();
    try {
      const { db } = fresh.handle;
      const ids = await seed(fresh);
      await importCatalog(fresh.handle, catalogCsv);
      // The schema as it was: no recommendations, no recording columns, 03_match.sql recorded with another checksum.
      await sql`DROP TABLE isrc_recommendations`.execute(db);
      await sql`DROP TYPE isrc_recommendation_level`.execute(db);
      await sql`ALTER TABLE isrc_candidates DROP COLUMN recording, DROP COLUMN representative, DROP COLUMN confidence, DROP COLUMN evidence`.execute(db);
      await sql`UPDATE schema_migrations SET checksum = 'before' WHERE filename = '03_match.sql'`.execute(db);
      await sql`INSERT INTO isrc_candidates (media_item_id, rank, isrc, score, title_score, artist_score) VALUES (${ids['vid-passenger']}, 1, 'USSM11200001', 1, 1, 1), (${ids['vid-passenger']}, 2, 'USSM11200009', 1, 1, 1)`.execute(db);
      expect(await migrate(fresh.handle)).toEqual(['03_match.sql']);
      const old = await db.selectFrom('isrc_candidates').select(['rank', 'isrc', 'recording', 'representative', 'confidence', 'evidence']).orderBy('rank').execute();
      expect(old).toEqual([
        { rank: 1, isrc: 'USSM11200001', recording: 1, representative: true, confidence: null, evidence: '' },
        { rank: 2, isrc: 'USSM11200009', recording: 2, representative: true, confidence: null, evidence: '' },
      ]);
      const item = await loadReviewItem(db, ids['vid-passenger']!);
      expect(item!.recommendation).toBeNull();
      expect(await orderQueue(db, 'strong')).toEqual([]);
      // Without recommendations every undecided item is still served, by id.
      expect(await orderQueue(db, 'undecided')).toEqual([ids['vid-billie'], ids['vid-passenger'], ids['vid-callaita'], ids['vid-none']]);
      await runMatch(fresh.handle, { top: 3, reviewer: 'robot' });
      const now = await db.selectFrom('isrc_candidates').select(['rank', 'isrc', 'recording', 'representative']).where('media_item_id', '=', ids['vid-passenger']!).orderBy('rank').execute();
      expect(now).toEqual([
        { rank: 1, isrc: 'USSM11200001', recording: 1, representative: true },
        { rank: 2, isrc: 'USSM11200009', recording: 1, representative: false },
      ]);
      expect(await db.selectFrom('isrc_recommendations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: 4 });
    } finally {
      await fresh.dispose();
    }
  });
});
