import type { DecisionInput } from '../../src/match/decisions.js';
import type { ReviewItem as CoreItem, ReviewProgress as CoreProgress, ReviewQueue } from '../../src/match/review.js';

/** The review screen's view of the match core's data (mapped from src/match in useReview). */

export { REVIEW_QUEUES as QUEUES } from '../../src/match/review.js';
export type Queue = ReviewQueue;

export const QUEUE_LABELS: Record<Queue, string> = {
  undecided: 'undecided',
  deferred: 'deferred (later)',
  ambiguous: 'ambiguous (close top two)',
  low_score: 'low score',
  auto_sample: 'auto-accepted sample (audit)',
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
}

export interface ReviewItem extends Pick<CoreItem, 'mediaItemId' | 'videoId' | 'title' | 'artistName' | 'trackTitle'> {
  playlists: { name: string; bestPosition: number | null }[];
  candidates: ReviewCandidate[];
  /** The video as the matcher first read it (folded title and artists), for catalog search results. */
  reading: string;
  /** The decision in force, if any (deferred and audit queues show decided items). */
  decision: { decision: string; isrc: string | null; method: string } | null;
}

export type ReviewProgress = Omit<CoreProgress, 'autoAccepted'>;

export type Verdict = DecisionInput['decision'];
