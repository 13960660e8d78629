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
