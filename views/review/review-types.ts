import type { DecisionInput } from '../../src/match/decisions.js';
import type { ReviewItem as CoreItem, ReviewProgress as CoreProgress, ReviewQueue } from '../../src/match/review.js';

/** The review screen's view of the match core's data (mapped from src/match in useReview). */

export { REVIEW_QUEUES as QUEUES } from '../../src/match/review.js';
export type Queue = ReviewQueue;

export const QUEUE_LABELS: Record<Queue, string> = {
  undecided: 'undecided',
  deferred: 'deferred (later)',
  medium: 'medium (likely: confirm)',
  low: 'low (unsure)',
  none: 'none (likely no match)',
  strong: 'strong (not auto-accepted)',
  auto_sample: 'automatic decisions sample (audit)',
};

export interface ReviewCandidate {
  isrc: string;
  track: string | null;
  artist: string | null;
  score: number;
  titleScore: number;
  artistScore: number;
  flags: string[];
  /** The candidate as the matcher compared it: folded track and artist. */
  normalised: string;
  /** The video as the matcher read it for this candidate: folded title and artists. */
  videoReading: string;
  /** P(the candidate's recording is the video's); null for a search result or an older match. */
  confidence: number | null;
  /** Rank of the candidate's recording (rows of one recording share it) and whether it is the one an accept of it records. */
  recording: number | null;
  representative: boolean;
  /** Why: each piece of evidence with how much it moved the confidence ("title 0.97 +2.1"). */
  evidence: string[];
}

export interface ReviewItem extends Pick<CoreItem, 'mediaItemId' | 'videoId' | 'title' | 'artistName' | 'trackTitle'> {
  playlists: { name: string; bestPosition: number | null }[];
  candidates: ReviewCandidate[];
  /** The video as the matcher first read it (folded title and artists), for catalog search results. */
  reading: string;
  /** The stored recommendation in words ("strong: 'heat waves' by glass animals 0.99"), or null. */
  recommendation: string | null;
  /** The decision in force, if any (deferred and audit queues show decided items). */
  decision: { decision: string; isrc: string | null; method: string } | null;
}

export type ReviewProgress = Omit<CoreProgress, 'autoAccepted'>;

export type Verdict = DecisionInput['decision'];
