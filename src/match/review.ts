import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, MatchTables } from '../db/schema.js';
import { ISRC_PATTERN } from './catalog-csv.js';
import { RECOMMENDATION_LEVELS, type RecommendationLevel } from './recommendation.js';
import type { DecisionRow } from './decisions.js';
import { scoreCandidates } from './score.js';
import { storedMediaItem } from './store.js';
import { fold, words } from './text.js';
import { parseVideo, type ParsedVideo } from './title.js';
import { standaloneEntry } from './catalog-index.js';

/**
 * Review queues: `undecided` (no decision in force), `deferred`, the undecided items by the
 * recommendation match stored for them (`strong`, `medium`, `low`, `none`), and `auto_sample`
 * (a fixed one-in-N sample of automatic decisions, to audit).
 */
export type ReviewQueue = 'undecided' | 'deferred' | RecommendationLevel | 'auto_sample';
export const REVIEW_QUEUES: readonly ReviewQueue[] = ['undecided', 'deferred', 'medium', 'low', 'none', 'strong', 'auto_sample'];

export interface QueueOptions {
  /** One automatic decision in this many is in the audit sample. */
  sampleEvery?: number;
}

export const DEFAULT_SAMPLE_EVERY = 10;

function queueCondition(queue: ReviewQueue, options: QueueOptions) {
  const sampleEvery = Math.max(1, Math.floor(options.sampleEvery ?? DEFAULT_SAMPLE_EVERY));
  switch (queue) {
    case 'undecided':
      return sql`s.media_item_id IS NULL`;
    case 'deferred':
      return sql`s.decision = 'defer'`;
    case 'auto_sample':
      return sql`s.method = 'auto' AND s.decision IN ('accept', 'no_match') AND mod(abs(hashtext(mi.source_id)), ${sampleEvery}) = 0`;
    default:
      return sql`s.media_item_id IS NULL AND r.level = ${queue}::isrc_recommendation_level`;
  }
}

const QUEUE_JOINS = sql`
  LEFT JOIN isrc_match_state s ON s.media_item_id = mi.id
  LEFT JOIN isrc_recommendations r ON r.media_item_id = mi.id`;

/**
 * The media items of a queue in review order: the most decidable first (by the stored
 * recommendation's level; items without one last), then by its confidence, then by id. The one
 * place the order is decided.
 */
export async function orderQueue(db: Kysely<Database>, queue: ReviewQueue, options: QueueOptions = {}): Promise<number[]> {
  const rank = sql`array_position(${sql.lit(`{${RECOMMENDATION_LEVELS.join(',')}}`)}::text[], r.level::text)`;
  const result = await sql<{ id: number }>`
    SELECT mi.id FROM media_items mi ${QUEUE_JOINS}
    WHERE ${queueCondition(queue, options)}
    ORDER BY ${rank} NULLS LAST, r.confidence DESC NULLS LAST, mi.id`.execute(db);
  return result.rows.map((r) => Number(r.id));
}

/** Media items checked per query while walking an ordered queue. */
const WALK_WINDOW = 64;

/**
 * The first position from `from` on (in `ids`, a queue's order) whose item is still in the
 * queue, or -1: items decided since the order was taken are passed over.
 */
export async function firstStillQueued(db: Kysely<Database>, queue: ReviewQueue, ids: readonly number[], from: number, options: QueueOptions = {}): Promise<number> {
  for (let start = Math.max(0, from); start < ids.length; start += WALK_WINDOW) {
    const window = ids.slice(start, start + WALK_WINDOW);
    const result = await sql<{ ord: number }>`
      SELECT u.ord FROM unnest(${`{${window.join(',')}}`}::bigint[]) WITH ORDINALITY AS u(id, ord)
      JOIN media_items mi ON mi.id = u.id ${QUEUE_JOINS}
      WHERE ${queueCondition(queue, options)}
      ORDER BY u.ord LIMIT 1`.execute(db);
    const found = result.rows[0];
    if (found) return start + Number(found.ord) - 1;
  }
  return -1;
}

export interface ReviewCandidate {
  rank: number;
  isrc: string;
  track: string | null;
  artist: string | null;
  score: number;
  titleScore: number;
  artistScore: number;
  flags: string[];
  /** The folded title and artists of the video reading this score came from. */
  readingTitle: string;
  readingArtists: string;
  /** Rank of the candidate's recording; rows of one recording (several ISRCs) share it. */
  recording: number;
  /** The recording's representative: the ISRC an accept of the recording records. */
  representative: boolean;
  /** P(the recording is the video's); null when stored by an older version. */
  confidence: number | null;
  /** Each piece of evidence with how much it moved the score, in order. */
  evidence: string[];
}

/** The stored recommendation: what to do with the item and why. */
export interface ReviewRecommendation {
  level: RecommendationLevel;
  confidence: number;
  isrc: string | null;
  reason: string;
}

export interface ReviewPlaylist {
  playlistId: string;
  name: string | null;
  bestPosition: number | null;
  lastSeen: string;
}

export interface ReviewItem {
  mediaItemId: number;
  videoId: string;
  title: string;
  artistName: string | null;
  trackTitle: string | null;
  playlists: ReviewPlaylist[];
  candidates: ReviewCandidate[];
  /** Null when the item was matched before recommendations existed (or never). */
  recommendation: ReviewRecommendation | null;
  /** How the matcher read the title: song/artist readings, featured artists, version flags. */
  normalised: ParsedVideo;
  /** The decision in force, if any. */
  current: Selectable<MatchTables['isrc_match_state']> | null;
  /** Every decision about this item, oldest first (undos included). */
  history: DecisionRow[];
}

/** Everything the review screen shows for one media item; undefined when it does not exist. */
export async function loadReviewItem(db: Kysely<Database>, mediaItemId: number): Promise<ReviewItem | undefined> {
  const item = await storedMediaItem(db, mediaItemId);
  if (!item) return undefined;
  const [playlists, candidates, current, history, recommendation] = await Promise.all([
    sql<{ playlist_id: string; name: string | null; best_position: number | null; last_seen: string }>`
      SELECT playlist_source_id AS playlist_id, (array_agg(playlist_name ORDER BY timestp DESC))[1] AS name,
             min(position) AS best_position, max(timestp) AS last_seen
      FROM playlist_observations WHERE video_source_id = ${item.videoId}
      GROUP BY playlist_source_id ORDER BY min(position) NULLS LAST, playlist_source_id`.execute(db),
    db
      .selectFrom('isrc_candidates as c')
      .leftJoin('isrc_lookup as l', 'l.isrc', 'c.isrc')
      .select(['c.rank', 'c.isrc', 'l.track', 'l.artist', 'c.score', 'c.title_score', 'c.artist_score', 'c.flags', 'c.reading_title', 'c.reading_artists', 'c.recording', 'c.representative', 'c.confidence', 'c.evidence'])
      .where('c.media_item_id', '=', mediaItemId)
      .orderBy('c.rank')
      .execute(),
    db.selectFrom('isrc_match_state').selectAll().where('media_item_id', '=', mediaItemId).executeTakeFirst(),
    db.selectFrom('isrc_match_decisions').selectAll().where('media_item_id', '=', mediaItemId).orderBy('id').execute(),
    db.selectFrom('isrc_recommendations').select(['level', 'confidence', 'isrc', 'reason']).where('media_item_id', '=', mediaItemId).executeTakeFirst(),
  ]);
  return {
    mediaItemId,
    videoId: item.videoId,
    title: item.title,
    artistName: item.artistName,
    trackTitle: item.trackTitle,
    playlists: playlists.rows.map((p) => ({ playlistId: p.playlist_id, name: p.name, bestPosition: p.best_position, lastSeen: p.last_seen })),
    candidates: candidates.map((c) => ({
      rank: c.rank,
      isrc: c.isrc,
      track: c.track,
      artist: c.artist,
      score: c.score,
      titleScore: c.title_score,
      artistScore: c.artist_score,
      flags: c.flags === '' ? [] : c.flags.split(';'),
      readingTitle: c.reading_title,
      readingArtists: c.reading_artists,
      recording: c.recording,
      representative: c.representative,
      confidence: c.confidence,
      evidence: c.evidence === '' ? [] : c.evidence.split('; '),
    })),
    recommendation: recommendation ?? null,
    normalised: parseVideo(item),
    current: current ?? null,
    history,
  };
}

export interface ReviewProgress {
  total: number;
  /** Items with an accept, reject or no_match in force. */
  decided: number;
  accepted: number;
  autoAccepted: number;
  rejected: number;
  deferred: number;
  noMatch: number;
}

export async function reviewProgress(db: Kysely<Database>): Promise<ReviewProgress> {
  const result = await sql<{ total: number; accepted: number; auto_accepted: number; rejected: number; deferred: number; no_match: number }>`
    SELECT (SELECT count(*) FROM media_items)::int AS total,
      count(*) FILTER (WHERE decision = 'accept')::int AS accepted,
      count(*) FILTER (WHERE decision = 'accept' AND method = 'auto')::int AS auto_accepted,
      count(*) FILTER (WHERE decision = 'reject')::int AS rejected,
      count(*) FILTER (WHERE decision = 'defer')::int AS deferred,
      count(*) FILTER (WHERE decision = 'no_match')::int AS no_match
    FROM isrc_match_state`.execute(db);
  const r = result.rows[0]!;
  return {
    total: r.total,
    decided: r.accepted + r.rejected + r.no_match,
    accepted: r.accepted,
    autoAccepted: r.auto_accepted,
    rejected: r.rejected,
    deferred: r.deferred,
    noMatch: r.no_match,
  };
}

export interface CatalogHit {
  isrc: string;
  track: string | null;
  artist: string | null;
  /**
   * Scored exactly as a candidate is: against the video when the search is made for one (a
   * remix row scores what it scores in the candidate list), else against the search text.
   */
  score: number;
  titleScore: number;
  artistScore: number;
  flags: string[];
  /** The folded title and artists of the reading the score came from. */
  readingTitle: string;
  readingArtists: string;
}

export interface SearchOptions {
  /** Score the hits against this media item's video, as the matcher scores its candidates. */
  mediaItemId?: number;
  limit?: number;
}

// Accented letters folded in SQL the way fold() does in JS (apostrophes deleted).
const ACCENTED = "áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ'’";
const PLAIN = 'aaaaaaaeeeeeiiiiiooooooouuuuuncyy';

/**
 * Free-text search of the catalog (words of title and artist, any order, accents ignored) or a
 * pasted ISRC; the hits scored against the video (see CatalogHit.score), best first.
 */
export async function searchCatalog(db: Kysely<Database>, text: string, options: SearchOptions = {}): Promise<CatalogHit[]> {
  const limit = options.limit ?? 20;
  const video = options.mediaItemId === undefined ? undefined : await storedMediaItem(db, options.mediaItemId);
  const against = parseVideo(video ?? { videoId: '', title: text, artistName: null, trackTitle: null });
  const pasted = text.trim().toUpperCase().replace(/[\s-]/g, '');
  if (ISRC_PATTERN.test(pasted)) {
    const rows = await db.selectFrom('isrc_lookup').select(['isrc', 'track', 'artist']).where('isrc', '=', pasted).execute();
    // A pasted ISRC has no text to score against: without a video it is simply what was asked for.
    if (!video) return rows.map((r) => ({ ...r, score: 1, titleScore: 1, artistScore: 1, flags: [], readingTitle: '', readingArtists: '' }));
    return scoreRows(against, rows).slice(0, limit);
  }
  const terms = [...new Set(words(fold(text)))].slice(0, 6);
  if (terms.length === 0) return [];
  const folded = (column: 'track' | 'artist') => sql`translate(lower(coalesce(${sql.ref(column)}, '')), ${ACCENTED}, ${PLAIN})`;
  const rows = await db
    .selectFrom('isrc_lookup')
    .select(['isrc', 'track', 'artist'])
    .where((eb) => eb.and(terms.map((term) => eb.or([eb(folded('track'), 'like', `%${term}%`), eb(folded('artist'), 'like', `%${term}%`)]))))
    .limit(500)
    .execute();
  return scoreRows(against, rows).slice(0, limit);
}

/** Catalog rows scored against a video with the matcher's own scoring, best first. */
function scoreRows(video: ParsedVideo, rows: readonly { isrc: string; track: string | null; artist: string | null }[]): CatalogHit[] {
  const byIsrc = new Map(rows.map((r) => [r.isrc, r]));
  const scored = scoreCandidates(
    video,
    rows.map((r) => ({ entry: standaloneEntry(r), blockScore: 0 })),
  );
  return scored.map((c) => {
    const row = byIsrc.get(c.isrc)!;
    return {
      isrc: c.isrc,
      track: row.track,
      artist: row.artist,
      score: c.score,
      titleScore: c.titleScore,
      artistScore: c.artistScore,
      flags: c.flags,
      readingTitle: c.reading.title,
      readingArtists: c.reading.artists.join('; '),
    };
  });
}
