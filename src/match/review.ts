import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, MatchTables } from '../db/schema.js';
import { ISRC_PATTERN } from './catalog-csv.js';
import type { RecommendationLevel } from './recommendation.js';
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

/**
 * The next media item of a queue after `afterMediaItemId` in id order, wrapping round to the
 * start; null when the queue is empty. Without `afterMediaItemId` it is the first one, which is
 * how a review resumes where it stopped.
 */
export async function nextItem(db: Kysely<Database>, queue: ReviewQueue, afterMediaItemId?: number, options: QueueOptions = {}): Promise<number | null> {
  const find = async (after: number) => {
    const result = await sql<{ id: number }>`
      SELECT mi.id FROM media_items mi
      LEFT JOIN isrc_match_state s ON s.media_item_id = mi.id
      LEFT JOIN isrc_recommendations r ON r.media_item_id = mi.id
      WHERE mi.id > ${after} AND ${queueCondition(queue, options)}
      ORDER BY mi.id LIMIT 1`.execute(db);
    return result.rows[0]?.id ?? null;
  };
  const after = afterMediaItemId ?? 0;
  return (await find(after)) ?? (after > 0 ? find(0) : null);
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
  /** How well the row fits the search text, scored like a candidate; 1 for a pasted ISRC. */
  score: number;
  flags: string[];
}

// Accented letters folded in SQL the way fold() does in JS (apostrophes deleted).
const ACCENTED = "áàâäãåāéèêëēíìîïīóòôöõøōúùûüūñçýÿ'’";
const PLAIN = 'aaaaaaaeeeeeiiiiiooooooouuuuuncyy';

/** Free-text search of the catalog (words of title and artist, any order, accents ignored) or a pasted ISRC. */
export async function searchCatalog(db: Kysely<Database>, text: string, limit = 20): Promise<CatalogHit[]> {
  const pasted = text.trim().toUpperCase().replace(/[\s-]/g, '');
  if (ISRC_PATTERN.test(pasted)) {
    const rows = await db.selectFrom('isrc_lookup').select(['isrc', 'track', 'artist']).where('isrc', '=', pasted).execute();
    return rows.map((r) => ({ ...r, score: 1, flags: [] }));
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
  const byIsrc = new Map(rows.map((r) => [r.isrc, r]));
  const query = parseVideo({ videoId: '', title: text, artistName: null, trackTitle: null });
  const scored = scoreCandidates(
    query,
    rows.map((r) => ({ entry: standaloneEntry(r), blockScore: 0 })),
  );
  return scored.slice(0, limit).map((c) => {
    const row = byIsrc.get(c.isrc)!;
    return { isrc: c.isrc, track: row.track, artist: row.artist, score: c.score, flags: c.flags };
  });
}
