import { sql } from 'kysely';
import type { RecommendationLevel } from '../db/schema.js';

/**
 * One recommendation per media item, as beets' importer makes one per album: strong (take it),
 * medium (likely: a person confirms), low (unsure), none (nothing in the catalog is likely its
 * recording), with the reason in words. Computed once at match time and stored beside the
 * candidates (isrc_recommendations); auto-accept, auto no-match, the review queues and the
 * review screen read it. The rule for each lives here and nowhere else.
 */
export type { RecommendationLevel };
export const RECOMMENDATION_LEVELS: readonly RecommendationLevel[] = ['strong', 'medium', 'low', 'none'];

/** Default `--auto-accept`: the top recording's confidence at least this (and no caveat). */
export const DEFAULT_ACCEPT_CONFIDENCE = 0.95;
/** Default `--auto-no-match`: no recording's confidence reaches this. */
export const DEFAULT_NO_MATCH_CONFIDENCE = 0.05;
/** Medium from here up to the accept bar; low below, down to the no-match bar. */
const LIKELY = 0.5;

export interface Recommendation {
  level: RecommendationLevel;
  /** P(the top recording is the media item's), 0 without candidates. */
  confidence: number;
  /** The top recording's representative ISRC; null without candidates. */
  isrc: string | null;
  /** Why a person must look even when the confidence is high (an edit row for a full video); null when none. */
  caveat: string | null;
  reason: string;
}

export interface RankedRecording {
  isrc: string;
  /** Folded title and artist of the representative, for the reason. */
  title: string;
  artist: string;
  confidence: number;
  caveat: string | null;
  /** Short words for the strongest evidence against, if any ("qualifier 'spotify sessions' on row"). */
  against: string | null;
}

const fmt = (p: number) => p.toFixed(2);

/** The recommendation for a media item from its recordings, best first. */
export function recommend(recordings: readonly RankedRecording[]): Recommendation {
  const [top, next] = recordings;
  if (!top) return { level: 'none', confidence: 0, isrc: null, caveat: null, reason: 'none: no catalog row shares a title word' };
  const what = `'${top.title}' by ${top.artist || 'an unnamed artist'} ${fmt(top.confidence)}`;
  const rival = next ? `, next recording ${fmt(next.confidence)}` : '';
  const against = top.against ? `; against: ${top.against}` : '';
  const level = levelOf(top.confidence, top.caveat);
  const reason =
    level === 'strong'
      ? `strong: ${what}${rival}`
      : level === 'none'
        ? `none: no recording reaches ${fmt(DEFAULT_NO_MATCH_CONFIDENCE)} (best ${what}${against})`
        : top.caveat !== null && top.confidence >= DEFAULT_ACCEPT_CONFIDENCE
          ? `medium: ${what}, but ${top.caveat}`
          : `${level}: ${what}${rival}${against}`;
  return { level, confidence: top.confidence, isrc: top.isrc, caveat: top.caveat, reason };
}

function levelOf(confidence: number, caveat: string | null): RecommendationLevel {
  if (confidence >= DEFAULT_ACCEPT_CONFIDENCE && caveat === null) return 'strong';
  if (confidence >= LIKELY) return 'medium';
  if (confidence >= DEFAULT_NO_MATCH_CONFIDENCE) return 'low';
  return 'none';
}

/** Whether `--auto-accept CONF` takes the recommendation's ISRC. */
export function acceptsAutomatically(r: Pick<Recommendation, 'confidence' | 'isrc' | 'caveat'>, conf: number): boolean {
  return r.isrc !== null && r.caveat === null && r.confidence >= conf;
}

/** Whether `--auto-no-match CONF` records no match. */
export function noMatchAutomatically(r: Pick<Recommendation, 'confidence'>, conf: number): boolean {
  return r.confidence < conf;
}

/** The same two rules over the stored recommendations (alias `r` of isrc_recommendations). */
export const acceptsAutomaticallySql = (conf: number) => sql<boolean>`(r.isrc IS NOT NULL AND r.caveat IS NULL AND r.confidence >= ${conf})`;
export const noMatchAutomaticallySql = (conf: number) => sql<boolean>`(r.confidence < ${conf})`;
