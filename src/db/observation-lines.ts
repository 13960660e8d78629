import type { EncodedBatch, EncodedObservations } from '../ingest/encoded.js';
import { F_DAY, F_MICRO, F_NUM_VIDEOS, F_POSITION, F_VIEWS, FLOATS, I_ARTIST, I_ARTWORK_URL, I_CHANNEL, I_IMAGE_URL, I_PLAYLIST, I_PLAYLIST_NAME, I_TITLE, I_TRACK_TITLE, I_VIDEO, INTS } from '../ingest/encoded.js';
import { formatTimestamp, formatTimeOfDay } from '../model/buckets.js';
import type { DeadLetter, Observation } from '../model/observation.js';
import { copyField } from './copy-csv.js';
import { playlistHash, type Shard } from './shard.js';

/** What the reader hands the load per chunk: observations as objects (any reader) or numbered (the parallel reader). */
export type LoadBatch =
  | { observations: readonly Observation[]; deadLetters: readonly DeadLetter[] }
  | EncodedBatch;

/** The columns of playlist_observations a line holds, in order (`source` is left to its default). */
export const OBSERVATION_COLUMNS = [
  'playlist_source_id', 'video_source_id', 'timestp', 'playlist_name', 'artwork_url', 'channel_id',
  'views', 'num_videos', 'title', 'artist_name', 'image_url', 'track_title', 'position',
] as const;

export function isEncoded(observations: LoadBatch['observations']): observations is EncodedObservations {
  return !Array.isArray(observations);
}

/**
 * Observations as COPY (FORMAT csv) lines of OBSERVATION_COLUMNS between a fixed prefix and
 * suffix, keeping only the playlists of a shard. Numbered batches are the fast case: each
 * string is escaped once per load and each day's date text made once, so a line is a join of
 * ready pieces.
 */
export class ObservationLines {
  /** Observations formatted so far (this shard's only). */
  sent = 0;
  /** playlistHash of every playlist met in this shard. */
  readonly playlistHashes = new Set<number>();
  private escaped: (string | undefined)[] = [];
  /** Per playlist string number: 1 in the shard, 2 not, 0 not seen yet. */
  private shardOfString = new Uint8Array(0);
  private readonly dayTexts = new Map<number, string>();

  constructor(private readonly shard: Shard | undefined) {}

  format(observations: LoadBatch['observations'], prefix: string, suffix: string): string {
    return isEncoded(observations) ? this.formatEncoded(observations, prefix, suffix) : this.formatObjects(observations, prefix, suffix);
  }

  private inShard(playlistId: string): boolean {
    const hash = playlistHash(playlistId);
    if (this.shard && hash % this.shard.n !== this.shard.k - 1) return false;
    this.playlistHashes.add(hash);
    return true;
  }

  private formatObjects(observations: readonly Observation[], prefix: string, suffix: string): string {
    let text = '';
    for (const o of observations) {
      if (!this.inShard(o.playlistId)) continue;
      this.sent++;
      text += `${prefix}${copyField(o.playlistId)},${copyField(o.videoId)},${o.timestp},${copyField(o.playlistName)},${copyField(o.artworkUrl)},` +
        `${copyField(o.channelId)},${copyField(o.views)},${copyField(o.numVideos)},${copyField(o.title)},${copyField(o.artistName)},` +
        `${copyField(o.imageUrl)},${copyField(o.trackTitle)},${copyField(o.position)}${suffix}\n`;
    }
    return text;
  }

  private formatEncoded(batch: EncodedObservations, prefix: string, suffix: string): string {
    const { ints, floats, strings } = batch;
    const texts = strings.values;
    if (this.escaped.length < texts.length) this.escaped.length = texts.length;
    const escaped = this.escaped;
    const field = (id: number): string => {
      if (id === 0) return '';
      let text = escaped[id];
      if (text === undefined) {
        text = copyField(texts[id] as string);
        escaped[id] = text;
      }
      return text;
    };
    const count = (value: number): string => (value === -1 ? '' : String(value));
    let text = '';
    for (let r = 0; r < batch.count; r++) {
      const i = r * INTS;
      const f = r * FLOATS;
      const playlist = ints[i + I_PLAYLIST] as number;
      if (!this.playlistInShard(playlist, texts)) continue;
      this.sent++;
      text += `${prefix}${field(playlist)},${field(ints[i + I_VIDEO] as number)},${this.timestamp(floats[f + F_DAY] as number, floats[f + F_MICRO] as number)},` +
        `${field(ints[i + I_PLAYLIST_NAME] as number)},${field(ints[i + I_ARTWORK_URL] as number)},${field(ints[i + I_CHANNEL] as number)},` +
        `${count(floats[f + F_VIEWS] as number)},${count(floats[f + F_NUM_VIDEOS] as number)},${field(ints[i + I_TITLE] as number)},` +
        `${field(ints[i + I_ARTIST] as number)},${field(ints[i + I_IMAGE_URL] as number)},${field(ints[i + I_TRACK_TITLE] as number)},` +
        `${count(floats[f + F_POSITION] as number)}${suffix}\n`;
    }
    return text;
  }

  /** Decides (once per playlist string) whether it is in the shard, recording its hash. */
  private playlistInShard(playlist: number, texts: readonly string[]): boolean {
    if (playlist >= this.shardOfString.length) {
      const grown = new Uint8Array(Math.max(playlist + 1, this.shardOfString.length * 2, 1024));
      grown.set(this.shardOfString);
      this.shardOfString = grown;
    }
    let state = this.shardOfString[playlist] as number;
    if (state === 0) {
      state = this.inShard(texts[playlist] as string) ? 1 : 2;
      this.shardOfString[playlist] = state;
    }
    return state === 1;
  }

  private timestamp(day: number, micro: number): string {
    let date = this.dayTexts.get(day);
    if (date === undefined) {
      date = formatTimestamp(day, 0).slice(0, 11);
      this.dayTexts.set(day, date);
    }
    return date + formatTimeOfDay(micro);
  }
}
