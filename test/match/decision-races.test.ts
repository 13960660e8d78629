import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { UserError } from '../../src/errors.js';
import { currentDecision, decide, DecisionAlreadyUndoneError, undo } from '../../src/match/decisions.js';
import { applyAutomatic, countAutomatic, type AutomaticRule } from '../../src/match/store.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');
const RULE: AutomaticRule = { decision: 'accept', confidence: 0.95 };
const ITEMS = 40;

/** ITEMS media items, each with a clear leader (confidence 0.97 against 0.01): all auto-acceptable. */
async function seedCandidates(db: Kysely<Database>): Promise<number[]> {
  const ids = (
    await db
      .insertInto('media_items')
      .values(Array.from({ length: ITEMS }, (_, i) => ({ source: 'YOUTUBE', source_id: `vid-${i}` })))
      .returning('id')
      .execute()
  ).map((r) => r.id);
  await db
    .insertInto('isrc_candidates')
    .values(
      ids.flatMap((id, i) => [
        { media_item_id: id, rank: 1, isrc: `GBUM7${String(i).padStart(7, '0')}`, score: 0.95, title_score: 1, artist_score: 0.9, recording: 1, confidence: 0.97 },
        { media_item_id: id, rank: 2, isrc: `USUM7${String(i).padStart(7, '0')}`, score: 0.5, title_score: 0.5, artist_score: 0.5, recording: 2, confidence: 0.01 },
      ]),
    )
    .execute();
  await db
    .insertInto('isrc_recommendations')
    .values(ids.map((id, i) => ({ media_item_id: id, level: 'strong' as const, confidence: 0.97, isrc: `GBUM7${String(i).padStart(7, '0')}`, caveat: null, reason: 'strong' })))
    .execute();
  return ids;
}

async function decisionsOf(db: Kysely<Database>) {
  return db.selectFrom('isrc_match_decisions').select(['media_item_id', 'decision', 'method', 'undoes']).orderBy('id').execute();
}

describe.each(testTargets())('decisions on $name', (target) => {
  let fresh: FreshDatabase;
  let db: Kysely<Database>;
  beforeEach(async () => {
    fresh = await target.fresh();
    db = fresh.handle.db;
  });
  afterEach(() => fresh?.dispose());

  it('refuses TRUNCATE of the decision log, also cascaded from media_items', async () => {
    const [id] = await seedCandidates(db);
    await decide(db, { mediaItemId: id!, decision: 'defer', reviewer: 'ana' });
    await expect(sql`TRUNCATE isrc_match_decisions`.execute(db)).rejects.toThrow('isrc_match_decisions is append-only: record an undo instead');
    await expect(sql`TRUNCATE media_items CASCADE`.execute(db)).rejects.toThrow('isrc_match_decisions is append-only: record an undo instead');
    expect(await decisionsOf(db)).toEqual([{ media_item_id: id, decision: 'defer', method: 'manual', undoes: null }]);
  });

  it('adds the TRUNCATE guard to a database made before it, in place', async () => {
    // A database from before: no truncate trigger, and 03_match.sql recorded with its old checksum.
    await sql`DROP TRIGGER isrc_match_decisions_no_truncate ON isrc_match_decisions`.execute(db);
    await sql`UPDATE schema_migrations SET checksum = 'before' WHERE filename = '03_match.sql'`.execute(db);
    const [id] = await seedCandidates(db);
    await decide(db, { mediaItemId: id!, decision: 'defer', reviewer: 'ana' });
    expect(await migrate(fresh.handle)).toEqual(['03_match.sql']);
    await expect(sql`TRUNCATE isrc_match_decisions`.execute(db)).rejects.toThrow('append-only');
    expect((await decisionsOf(db)).length).toBe(1);
  });

  it('says "already undone" with a typed error when the same decision is undone twice', async () => {
    const [id] = await seedCandidates(db);
    const accepted = await decide(db, { mediaItemId: id!, decision: 'accept', isrc: 'GBUM70000000', reviewer: 'ana' });
    await undo(db, { decisionId: accepted.id, reviewer: 'ana' });
    const second = undo(db, { decisionId: accepted.id, reviewer: 'bob' });
    await expect(second).rejects.toBeInstanceOf(DecisionAlreadyUndoneError);
    await expect(second).rejects.toBeInstanceOf(UserError);
    await expect(second).rejects.toThrow(`decision ${accepted.id} is already undone`);
  });

  it('two undos of one decision at once: one undoes it, the other is told it is already undone', async () => {
    const [id] = await seedCandidates(db);
    const accepted = await decide(db, { mediaItemId: id!, decision: 'accept', isrc: 'GBUM70000000', reviewer: 'ana' });
    const results = await Promise.allSettled([undo(db, { decisionId: accepted.id, reviewer: 'ana' }), undo(db, { decisionId: accepted.id, reviewer: 'bob' })]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(DecisionAlreadyUndoneError);
    expect(await currentDecision(db, id!)).toBeUndefined();
  });

  it('two auto-accepts at once decide each item once; undoing one brings none back', async () => {
    const ids = await seedCandidates(db);
    expect(await countAutomatic(db, RULE)).toBe(ITEMS);
    const counts = await Promise.all([applyAutomatic(db, RULE, 'robot-1'), applyAutomatic(db, RULE, 'robot-2')]);
    expect(counts[0] + counts[1]).toBe(ITEMS);
    const log = await decisionsOf(db);
    expect(log.length).toBe(ITEMS);
    expect(new Set(log.map((d) => d.media_item_id)).size).toBe(ITEMS);
    expect(log.every((d) => d.decision === 'accept' && d.method === 'auto')).toBe(true);
    await undo(db, { mediaItemId: ids[0]!, reviewer: 'ana' });
    expect(await currentDecision(db, ids[0]!)).toBeUndefined();
    // Nor does a later run: the undo is the analyst's decision.
    expect(await applyAutomatic(db, RULE, 'robot-3')).toBe(0);
    expect(await currentDecision(db, ids[0]!)).toBeUndefined();
  });

  it('a manual reject made while auto-accept runs stays in force', async () => {
    const ids = await seedCandidates(db);
    const [accepted, rejected] = await Promise.all([
      applyAutomatic(db, RULE, 'robot'),
      decide(db, { mediaItemId: ids[7]!, decision: 'reject', isrc: 'GBUM70000007', reviewer: 'ana' }),
    ]);
    expect(await currentDecision(db, ids[7]!)).toMatchObject({ decision_id: rejected.id, decision: 'reject', method: 'manual' });
    expect([ITEMS - 1, ITEMS]).toContain(accepted);
  });
});

// The races proper need two connections to a server. To make them happen every time, a test
// trigger holds sessions named `cm-held` at the start of one statement (after its snapshot is
// taken, before it writes a row) until the test lets go of an advisory lock.
const serverUrl = process.env['TEST_DATABASE_URL'];
const HOLD_KEY = 74_999_001;

interface Hold {
  /** The `--db` URL whose sessions are held. */
  heldUrl: string;
  /** Resolves once `n` sessions of the database wait on a lock (the hold or one the code takes). */
  waiting(n: number): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
}

async function hold(dbArg: string, statement: 'INSERT ON isrc_match_decisions' | 'DELETE ON isrc_candidates'): Promise<Hold> {
  const control = new pg.Client({ connectionString: dbArg });
  await control.connect();
  await control.query(`CREATE OR REPLACE FUNCTION test_hold() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF current_setting('application_name') = 'cm-held' THEN PERFORM pg_advisory_xact_lock_shared(${HOLD_KEY}); END IF;
      RETURN NULL;
    END $$`);
  const [event, table] = statement.split(' ON ');
  await control.query(`CREATE TRIGGER test_hold BEFORE ${event} ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION test_hold()`);
  await control.query(`SELECT pg_advisory_lock(${HOLD_KEY})`);
  const heldUrl = new URL(dbArg);
  heldUrl.searchParams.set('application_name', 'cm-held');
  let released = false;
  return {
    heldUrl: heldUrl.toString(),
    async waiting(n) {
      for (;;) {
        const { rows } = await control.query<{ n: string }>(`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (Number(rows[0]!.n) >= n) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async release() {
      released = true;
      await control.query(`SELECT pg_advisory_unlock(${HOLD_KEY})`);
    },
    async close() {
      if (!released) await control.query(`SELECT pg_advisory_unlock(${HOLD_KEY})`);
      await control.end();
    },
  };
}

/** Settles when `promise` does or when `n` sessions wait on a lock, whichever comes first. */
function settledOrWaiting(promise: Promise<unknown>, held: Hold, n: number): Promise<void> {
  return Promise.race([promise.then(() => undefined, () => undefined), held.waiting(n)]);
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe.runIf(serverUrl)('decision races on a server, every time', () => {
  const server = testTargets().find((t) => t.name === 'server')!;
  let fresh: FreshDatabase;
  let held: Hold | undefined;
  let heldHandle: DbHandle | undefined;
  beforeEach(async () => {
    fresh = await server.fresh();
  });
  afterEach(async () => {
    await held?.close();
    await heldHandle?.close();
    held = undefined;
    heldHandle = undefined;
    await fresh.dispose();
  });

  it('a reject committed after auto-accept took its snapshot stays in force', async () => {
    const { db } = fresh.handle;
    const ids = await seedCandidates(db);
    held = await hold(fresh.dbArg, 'INSERT ON isrc_match_decisions');
    heldHandle = await connect({ kind: 'server', url: held.heldUrl });
    const auto = applyAutomatic(heldHandle.db, RULE, 'robot');
    await held.waiting(1);
    const reject = decide(db, { mediaItemId: ids[7]!, decision: 'reject', isrc: 'GBUM70000007', reviewer: 'ana' });
    await settledOrWaiting(reject, held, 2);
    await held.release();
    const [accepted, rejected] = await Promise.all([auto, reject]);
    expect(accepted).toBe(ITEMS);
    expect(await currentDecision(db, ids[7]!)).toMatchObject({ decision_id: rejected.id, decision: 'reject', method: 'manual' });
  });

  it('two auto-accepts that start together record one accept per item', async () => {
    const { db } = fresh.handle;
    const ids = await seedCandidates(db);
    held = await hold(fresh.dbArg, 'INSERT ON isrc_match_decisions');
    heldHandle = await connect({ kind: 'server', url: held.heldUrl });
    const runs = Promise.all([applyAutomatic(heldHandle.db, RULE, 'robot-1'), applyAutomatic(heldHandle.db, RULE, 'robot-2')]);
    await held.waiting(2);
    await held.release();
    expect((await runs).sort()).toEqual([0, ITEMS]);
    expect((await decisionsOf(db)).length).toBe(ITEMS);
    await undo(db, { mediaItemId: ids[3]!, reviewer: 'ana' });
    expect(await currentDecision(db, ids[3]!)).toBeUndefined();
  });

  it('two undos that start together: one undoes, the other says already undone', async () => {
    const { db } = fresh.handle;
    const [id] = await seedCandidates(db);
    const accepted = await decide(db, { mediaItemId: id!, decision: 'accept', isrc: 'GBUM70000000', reviewer: 'ana' });
    held = await hold(fresh.dbArg, 'INSERT ON isrc_match_decisions');
    heldHandle = await connect({ kind: 'server', url: held.heldUrl });
    const undos = Promise.allSettled([undo(heldHandle.db, { decisionId: accepted.id, reviewer: 'ana' }), undo(heldHandle.db, { decisionId: accepted.id, reviewer: 'bob' })]);
    await held.waiting(2);
    await held.release();
    const results = await undos;
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(DecisionAlreadyUndoneError);
    expect((failed.reason as Error).message).toBe(`decision ${accepted.id} is already undone`);
  });

  it('two `match --auto-accept` processes at once both finish; each item is auto-accepted once', async () => {
    const { db } = fresh.handle;
    const tracks = ['Male Fantasy', 'Let Her Go', 'Happier Than Ever', 'Bad Habits', 'Shivers'];
    await db
      .insertInto('isrc_lookup')
      .values(tracks.map((track, i) => ({ isrc: `GBUM7110000${i}`, cm_track: i + 1, track, cm_artist: 1, artist: 'Some Artist' })))
      .execute();
    for (const [i, track] of tracks.entries()) {
      const { id } = await db.insertInto('media_items').values({ source: 'YOUTUBE', source_id: `vid-${i}` }).returning('id').executeTakeFirstOrThrow();
      await db
        .insertInto('media_item_metadata_log')
        .values({ media_item_id: id, ingest_timestamp: '2022-05-20 12:00:00', primary_title: `Some Artist - ${track} (Official Video)`, secondary_title: null, artist_id: null, cover_url: null })
        .execute();
    }
    held = await hold(fresh.dbArg, 'DELETE ON isrc_candidates');
    const runs = Promise.all([runCli(['match', '--db', held.heldUrl, '--auto-accept']), runCli(['match', '--db', held.heldUrl, '--auto-accept'])]);
    await held.waiting(2);
    await held.release();
    const results = await runs;
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    const autoAccepted = results.map((r) => Number(/auto-accepted +(\d+)/.exec(r.stdout)?.[1]));
    expect(autoAccepted.sort()).toEqual([0, tracks.length]);
    const candidates = await db.selectFrom('isrc_candidates').select(['media_item_id', 'rank', 'isrc']).where('rank', '=', 1).execute();
    expect(candidates.length).toBe(tracks.length);
    const log = await decisionsOf(db);
    expect(log.length).toBe(tracks.length);
    expect(new Set(log.map((d) => d.media_item_id)).size).toBe(tracks.length);
  }, 60_000);
});
