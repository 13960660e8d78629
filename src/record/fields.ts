/**
 * The observation record, declared once: every field of a feed record with its JSON key, its
 * name in code, its kind and its column in playlist_observations. The validator, the encoder's
 * slots, the COPY lines, the staging SQL and the `Observation` type are derived from this list;
 * native/region_scan.c keeps a copy of it that test/record/native-fields.test.ts compares.
 *
 * The order is the feed's: the validator reports problems in it. Columns come in another order
 * (`COLUMN_FIELDS`): the key (playlist, video, timestp) first, then the rest in this order.
 */
export const OBSERVATION_FIELDS = [
  { feed: 'playlist_id', name: 'playlistId', kind: 'string', nullable: false, column: 'playlist_source_id', keyPart: 1, describes: 'playlist' },
  { feed: 'playlist_name', name: 'playlistName', kind: 'string', nullable: true, column: 'playlist_name', keyPart: 0, describes: 'playlist' },
  { feed: 'artwork_url', name: 'artworkUrl', kind: 'string', nullable: true, column: 'artwork_url', keyPart: 0, describes: 'playlist' },
  { feed: 'channel_id', name: 'channelId', kind: 'string', nullable: true, column: 'channel_id', keyPart: 0, describes: 'playlist' },
  { feed: 'views', name: 'views', kind: 'count', nullable: true, column: 'views', keyPart: 0, sqlType: 'bigint' },
  { feed: 'num_videos', name: 'numVideos', kind: 'count', nullable: true, column: 'num_videos', keyPart: 0, sqlType: 'integer' },
  { feed: 'timestp', name: 'timestp', kind: 'timestamp', nullable: false, column: 'timestp', keyPart: 3 },
  { feed: 'video_id', name: 'videoId', kind: 'string', nullable: false, column: 'video_source_id', keyPart: 2, describes: 'video' },
  { feed: 'title', name: 'title', kind: 'string', nullable: true, column: 'title', keyPart: 0, describes: 'video' },
  { feed: 'artist_name', name: 'artistName', kind: 'string', nullable: true, column: 'artist_name', keyPart: 0, describes: 'video' },
  { feed: 'image_url', name: 'imageUrl', kind: 'string', nullable: true, column: 'image_url', keyPart: 0, describes: 'video' },
  { feed: 'track_title', name: 'trackTitle', kind: 'string', nullable: true, column: 'track_title', keyPart: 0, describes: 'video' },
  { feed: 'position', name: 'position', kind: 'count', nullable: true, column: 'position', keyPart: 0, sqlType: 'integer' },
] as const satisfies readonly FieldDescriptor[];

/**
 * One field. A string that is not nullable must be non-empty (an id); `describes` says whose
 * attribute it is, which the encoder uses to compare it with that playlist's or video's last
 * value. A count is a non-negative integer its column holds: `integer` (int4), or `bigint` for
 * what a JavaScript number keeps exactly. The timestamp is UTC, kept to the microsecond.
 */
export type FieldDescriptor = {
  /** The record's JSON key. */
  feed: string;
  /** The `Observation` property, camelCase. */
  name: string;
  /** The playlist_observations column. */
  column: string;
  /** Its place in the observation's key (playlist, video, timestp), stored once; 0 for the values. */
  keyPart: 0 | 1 | 2 | 3;
} & (
  | { kind: 'string'; nullable: boolean; describes: 'playlist' | 'video' }
  | { kind: 'count'; nullable: true; sqlType: 'integer' | 'bigint' }
  | { kind: 'timestamp'; nullable: false; keyPart: 1 | 2 | 3 }
);

export type ObservationField = (typeof OBSERVATION_FIELDS)[number];

/** What a field's value is in code. */
type ValueOf<F extends ObservationField> = (F['kind'] extends 'count' ? number : string) | (F['nullable'] extends true ? null : never);

/**
 * One validated row of a playlist snapshot: "video V sat at position P of playlist L at time T".
 * `timestp` is UTC, microsecond precision, `YYYY-MM-DD HH:MM:SS.ffffff`: it sorts as text and
 * keeps what a JS Date would drop.
 */
export type Observation = { -readonly [F in ObservationField as F['name']]: ValueOf<F> };

/** The columns of playlist_observations with their value types (`timestamp` as the caller reads it). */
export type ObservationColumns<Timestamp> = {
  [F in ObservationField as F['column']]: F['kind'] extends 'timestamp' ? Timestamp : ValueOf<F>;
};

/** The fields of the key, in its order. */
export const KEY_FIELDS: readonly ObservationField[] = OBSERVATION_FIELDS.filter((f) => f.keyPart > 0).sort((a, b) => a.keyPart - b.keyPart);

/** The fields besides the key, in declaration order: where two observations of one key can differ. */
export const VALUE_FIELDS: readonly ObservationField[] = OBSERVATION_FIELDS.filter((f) => f.keyPart === 0);

/** The fields in column order: the key, then the values. */
export const COLUMN_FIELDS: readonly ObservationField[] = [...KEY_FIELDS, ...VALUE_FIELDS];

/** The columns of playlist_observations a record fills, in order (`source` and `ingest_run_id` are not the record's). */
export const OBSERVATION_COLUMNS: readonly string[] = COLUMN_FIELDS.map((f) => f.column);

/** The columns besides the key: where two observations of one key can differ. */
export const VALUE_COLUMNS: readonly string[] = VALUE_FIELDS.map((f) => f.column);
