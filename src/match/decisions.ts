import { userInfo } from 'node:os';
import { sql, type Kysely, type SelectQueryBuilder, type Selectable } from 'kysely';
import type { Database, IsrcDecision, IsrcDecisionMethod, MatchTables } from '../db/schema.js';
import { UserError } from '../errors.js';

export type DecisionRow = Selectable<MatchTables['isrc_match_decisions']>;

export interface DecisionInput {
  mediaItemId: number;
  decision: Exclude<IsrcDecision, 'undo'>;
  /** Required for accept; for reject, the candidate turned down. */
  isrc?: string | null;
  score?: number | null;
  method?: IsrcDecisionMethod;
  reviewer?: string;
  note?: string | null;
}

/** Undoing a decision that is not in force (undone already, maybe by someone else a moment ago). */
export class DecisionAlreadyUndoneError extends UserError {
  constructor(readonly decisionId: number) {
    super(`decision ${decisionId} is already undone`);
  }
}

/**
 * Holds off every other writer of the decision log until this transaction ends: checks made
 * after it (is this undone? is this item decided?) still hold when the row is inserted. A plain
 * INSERT (decide) waits for the holder and lands after it, so a manual decision made while an
 * automatic run holds the log comes later and is the one in force. Readers are not blocked.
 * One lock rather than one per item: an automatic run may decide a million items.
 */
export async function lockDecisionLog(trx: Kysely<Database>): Promise<void> {
  await sql`LOCK TABLE isrc_match_decisions IN SHARE ROW EXCLUSIVE MODE`.execute(trx);
}

/** What an automatic rule proposes, one row per media item. */
export type AutomaticProposals = SelectQueryBuilder<any, any, { media_item_id: number; isrc: string | null; score: number | null }>;

export interface AutomaticDecision {
  decision: 'accept' | 'no_match';
  reviewer: string;
  note: string;
}

/**
 * The proposed items the log has never seen: no decision of any kind, so an analyst's decision
 * (an undo included) always wins and an automatic decision once undone stays undone.
 */
export function undecidedProposals(db: Kysely<Database>, proposals: AutomaticProposals) {
  return db
    .selectFrom(proposals.as('p'))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('isrc_match_decisions as d').select('d.id').whereRef('d.media_item_id', '=', 'p.media_item_id'))));
}

/**
 * Records an automatic decision for each proposed item that has none; returns how many. One
 * INSERT ... SELECT ... WHERE NOT EXISTS under lockDecisionLog, so two runs at once decide each
 * item once, and a decision recorded while this runs is never overridden.
 */
export async function recordAutomaticDecisions(db: Kysely<Database>, proposals: AutomaticProposals, what: AutomaticDecision): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await lockDecisionLog(trx);
    const result = await trx
      .insertInto('isrc_match_decisions')
      .columns(['media_item_id', 'isrc', 'decision', 'method', 'score', 'reviewer', 'note'])
      .expression(
        undecidedProposals(trx, proposals).select((eb) => [
          'p.media_item_id',
          'p.isrc',
          sql<AutomaticDecision['decision']>`${what.decision}::isrc_decision`.as('decision'),
          sql<'auto'>`'auto'::isrc_decision_method`.as('method'),
          'p.score',
          eb.val(what.reviewer).as('reviewer'),
          eb.val(what.note).as('note'),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  });
}

/** The OS user, the reviewer recorded when none is given. */
export function defaultReviewer(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env['USER'] ?? 'unknown';
  }
}

/** Appends one decision and returns it. */
export async function decide(db: Kysely<Database>, input: DecisionInput): Promise<DecisionRow> {
  if (input.decision === 'accept' && !input.isrc) throw new UserError('an accept decision needs the ISRC it accepts');
  return db
    .insertInto('isrc_match_decisions')
    .values({
      media_item_id: input.mediaItemId,
      isrc: input.isrc ?? null,
      decision: input.decision,
      method: input.method ?? 'manual',
      score: input.score ?? null,
      reviewer: input.reviewer ?? defaultReviewer(),
      note: input.note ?? null,
      undoes: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface UndoInput {
  /** Undo this decision (an undo row too: that is a redo). */
  decisionId?: number;
  /** Without decisionId: undo the latest standing decision of this media item, or of anyone's when absent. */
  mediaItemId?: number;
  reviewer?: string;
  note?: string | null;
}

/** Decisions still in force: not undone, or whose undo was itself undone (any depth). */
async function standingIds(db: Kysely<Database>, mediaItemId?: number): Promise<Set<number>> {
  let query = db.selectFrom('isrc_match_decisions').select(['id', 'undoes']).orderBy('id');
  if (mediaItemId !== undefined) query = query.where('media_item_id', '=', mediaItemId);
  const rows = await query.execute();
  const undoneBy = new Map<number, number>();
  for (const row of rows) if (row.undoes !== null) undoneBy.set(row.undoes, row.id);
  const standing = new Set<number>();
  // Walk from the end of each chain: the last undo stands, the one it undoes does not, and so on.
  const stands = (id: number): boolean => {
    let length = 0;
    for (let at = undoneBy.get(id); at !== undefined; at = undoneBy.get(at)) length++;
    return length % 2 === 0;
  };
  for (const row of rows) if (stands(row.id)) standing.add(row.id);
  return standing;
}

/**
 * Appends an undo. Repeated undos of a media item walk back through its decisions (any depth);
 * undoing an undo restores what it undid.
 */
export async function undo(db: Kysely<Database>, input: UndoInput = {}): Promise<DecisionRow> {
  return db.transaction().execute(async (trx) => {
    // Two undos at once: the second sees the first's row and says so, no unique violation.
    await lockDecisionLog(trx);
    let target: DecisionRow | undefined;
    if (input.decisionId !== undefined) {
      target = await trx.selectFrom('isrc_match_decisions').selectAll().where('id', '=', input.decisionId).executeTakeFirst();
      if (!target) throw new UserError(`no decision ${input.decisionId}`);
      if (!(await standingIds(trx, target.media_item_id)).has(target.id)) throw new DecisionAlreadyUndoneError(input.decisionId);
      // It stands but was undone before (that undo was undone): undo the end of its chain instead.
      for (;;) {
        const next = await trx.selectFrom('isrc_match_decisions').selectAll().where('undoes', '=', target.id).executeTakeFirst();
        if (!next) break;
        target = next;
      }
    } else {
      const standing = await standingIds(trx, input.mediaItemId);
      let query = trx.selectFrom('isrc_match_decisions').selectAll().where('decision', '<>', 'undo').orderBy('id', 'desc');
      if (input.mediaItemId !== undefined) query = query.where('media_item_id', '=', input.mediaItemId);
      target = (await query.execute()).find((row) => standing.has(row.id));
      if (!target) throw new UserError(input.mediaItemId === undefined ? 'nothing to undo' : `nothing to undo for media item ${input.mediaItemId}`);
    }
    return trx
      .insertInto('isrc_match_decisions')
      .values({
        media_item_id: target.media_item_id,
        isrc: target.isrc,
        decision: 'undo',
        method: 'manual',
        score: null,
        reviewer: input.reviewer ?? defaultReviewer(),
        note: input.note ?? null,
        undoes: target.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/** The decision in force for a media item (from the isrc_match_state view), or undefined when undecided. */
export async function currentDecision(db: Kysely<Database>, mediaItemId: number) {
  return db.selectFrom('isrc_match_state').selectAll().where('media_item_id', '=', mediaItemId).executeTakeFirst();
}

/** Which past decisions to list: all, one kind, or one method. */
export type DecisionFilter = 'all' | 'accept' | 'reject' | 'no_match' | 'defer' | 'undo' | 'auto' | 'manual';
export const DECISION_FILTERS: readonly DecisionFilter[] = ['all', 'accept', 'reject', 'no_match', 'defer', 'undo', 'auto', 'manual'];

export interface PastDecision {
  id: number;
  mediaItemId: number;
  videoId: string;
  title: string | null;
  decision: IsrcDecision;
  method: IsrcDecisionMethod;
  isrc: string | null;
  score: number | null;
  reviewer: string;
  note: string | null;
  decidedAt: string;
  /** The id of the decision this one undoes (undo rows only). */
  undoes: number | null;
  /** In force now: the decision the item's state comes from. */
  inForce: boolean;
}

/**
 * The decision log, newest first: filtered by kind or method and by words found in the video's
 * title or id, the ISRC, the reviewer or the note (case and accents as typed).
 */
export async function pastDecisions(db: Kysely<Database>, options: { filter?: DecisionFilter; text?: string; limit?: number } = {}): Promise<PastDecision[]> {
  const filter = options.filter ?? 'all';
  let query = db
    .selectFrom('isrc_match_decisions as d')
    .innerJoin('media_items as mi', 'mi.id', 'd.media_item_id')
    .leftJoin('isrc_match_state as s', 's.decision_id', 'd.id')
    .select((eb) => [
      'd.id',
      'd.media_item_id',
      'mi.source_id as video_id',
      eb
        .selectFrom('media_item_metadata_log as m')
        .select('m.primary_title')
        .whereRef('m.media_item_id', '=', 'd.media_item_id')
        .orderBy('m.ingest_timestamp', 'desc')
        .limit(1)
        .as('title'),
      'd.decision',
      'd.method',
      'd.isrc',
      'd.score',
      'd.reviewer',
      'd.note',
      sql<string>`d.decided_at::text`.as('decided_at'),
      'd.undoes',
      's.decision_id as standing',
    ])
    .orderBy('d.id', 'desc')
    .limit(options.limit ?? 500);
  if (filter === 'auto' || filter === 'manual') query = query.where('d.method', '=', filter);
  else if (filter !== 'all') query = query.where('d.decision', '=', filter);
  for (const word of (options.text ?? '').trim().split(/\s+/).filter((w) => w !== '')) {
    const like = `%${word}%`;
    query = query.where((eb) =>
      eb.or([
        eb('mi.source_id', 'ilike', like),
        eb('d.isrc', 'ilike', like),
        eb('d.reviewer', 'ilike', like),
        eb('d.note', 'ilike', like),
        eb.exists(eb.selectFrom('media_item_metadata_log as t').select('t.media_item_id').whereRef('t.media_item_id', '=', 'd.media_item_id').where('t.primary_title', 'ilike', like)),
      ]),
    );
  }
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    mediaItemId: Number(r.media_item_id),
    videoId: r.video_id,
    title: r.title ?? null,
    decision: r.decision,
    method: r.method,
    isrc: r.isrc,
    score: r.score,
    reviewer: r.reviewer,
    note: r.note,
    decidedAt: r.decided_at,
    undoes: r.undoes === null ? null : Number(r.undoes),
    inForce: r.standing !== null,
  }));
}
