import type { ChangeLogName } from '../model/tables.js';
import type { Granularity } from '../model/observation.js';

/**
 * Set-based recomputation of the four change logs (README, "ingest") for the keys listed in
 * the temp tables `cm_touched_playlists (id, source_id, from_ts)` and `cm_touched_media_items
 * (id, source_id, from_ts)`, from the observations of those keys in `playlist_observations`.
 *
 * Per key and bucket (date_trunc(G, timestp); 'week' is the ISO week from Monday) the latest
 * observation is chosen; equal timestamps are broken by the greatest value tuple (byte order,
 * nulls lowest), so the choice never depends on load order. A chosen row is kept when its values
 * differ (IS DISTINCT FROM) from the previous bucket's chosen row. That equals "differs from the
 * last kept row": a bucket that is not kept has the values of the last kept row, so the previous
 * bucket's values are always the last kept row's values.
 *
 * `from_ts` is the first bucket the load touched for that key ('-infinity' to recompute it all).
 * Log rows of earlier buckets cannot change, so only buckets from there on are recomputed, with
 * the key's last stored log row before it as the previous row: a daily load costs one day of
 * observations per key, not the key's whole history. Values are compared as stored (ids), which
 * is the same as comparing the natural values (users and artists map one to one to ids).
 */

interface ValueColumn {
  /** Expression over the observation `o`, natural values (channel id, artist name, not ids). */
  natural: string;
  /** Output column in the log table. */
  column: string;
  /** For id columns: how the natural value becomes the id (`v` is the natural value). */
  toId?: { table: 'users' | 'artists'; match: string };
}

interface LogSpec {
  table: ChangeLogName;
  /** Natural key columns of the observation that identify the tracked thing. */
  partition: readonly string[];
  /** The touched-key table that limits the work, and the log column holding its id. */
  touched: 'cm_touched_playlists' | 'cm_touched_media_items';
  touchedNatural: 'playlist_source_id' | 'video_source_id';
  touchedColumn: 'playlist_id' | 'media_item_id';
  /** Log key columns after ingest_timestamp is excluded, with how each id is found. */
  keyColumns: readonly { column: string; from: string }[];
  values: readonly ValueColumn[];
}

export const LOG_SPECS: readonly LogSpec[] = [
  {
    table: 'playlist_metadata_log',
    partition: ['playlist_source_id'],
    touched: 'cm_touched_playlists',
    touchedNatural: 'playlist_source_id',
    touchedColumn: 'playlist_id',
    keyColumns: [{ column: 'playlist_id', from: 't.id' }],
    values: [
      { natural: 'o.playlist_name', column: 'name' },
      { natural: 'o.artwork_url', column: 'cover_url' },
      { natural: "NULLIF(o.channel_id, '')", column: 'user_id', toId: { table: 'users', match: "u.source = 'YOUTUBE' AND u.source_id" } },
      { natural: 'o.num_videos', column: 'num_media_items' },
    ],
  },
  {
    table: 'playlist_plays_log',
    partition: ['playlist_source_id'],
    touched: 'cm_touched_playlists',
    touchedNatural: 'playlist_source_id',
    touchedColumn: 'playlist_id',
    keyColumns: [{ column: 'playlist_id', from: 't.id' }],
    values: [{ natural: 'o.views', column: 'plays' }],
  },
  {
    table: 'playlist_positions_log',
    partition: ['playlist_source_id', 'video_source_id'],
    touched: 'cm_touched_playlists',
    touchedNatural: 'playlist_source_id',
    touchedColumn: 'playlist_id',
    keyColumns: [
      { column: 'playlist_id', from: 't.id' },
      { column: 'media_item_id', from: 'm.id' },
    ],
    values: [{ natural: 'o.position', column: 'position' }],
  },
  {
    table: 'media_item_metadata_log',
    partition: ['video_source_id'],
    touched: 'cm_touched_media_items',
    touchedNatural: 'video_source_id',
    touchedColumn: 'media_item_id',
    keyColumns: [{ column: 'media_item_id', from: 't.id' }],
    values: [
      { natural: 'o.title', column: 'primary_title' },
      { natural: 'o.track_title', column: 'secondary_title' },
      { natural: "NULLIF(o.artist_name, '')", column: 'artist_id', toId: { table: 'artists', match: 'a.name' } },
      { natural: 'o.image_url', column: 'cover_url' },
    ],
  },
];

const ALIAS = { users: 'u', artists: 'a' } as const;

/** Collation "C": byte order, the same on every server and in PGlite. */
function tieBreak(natural: string): string {
  return /^o\.(views|num_videos|position)$/.test(natural) ? `${natural} DESC NULLS LAST` : `${natural} COLLATE "C" DESC NULLS LAST`;
}

/** CREATE TEMP TABLE cm_new_<log> holding the recomputed rows of the touched keys from their from_ts on. */
export function newRowsSql(spec: LogSpec, granularity: Granularity): string {
  const v = spec.values.map((value, i) => ({ ...value, alias: `v${i}` }));
  const partition = spec.partition.map((p) => `o.${p}`);
  const bucket = `date_trunc('${granularity}', o.timestp)`;
  // Logs keyed by the touched entity alone only look at the observations at the latest time of
  // each bucket (latestSql): the tie-break sort then sees one row a bucket, not every observation.
  const latest = keyedByTouched(spec)
    ? `\n    JOIN ${latestTable(spec.touched)} k ON k.k = o.${spec.touchedNatural} AND k.timestp = o.timestp`
    : '';
  const chosen = `SELECT DISTINCT ON (${partition.join(', ')}, ${bucket})
      ${partition.join(', ')}, ${bucket} AS bucket, o.timestp,
      ${v.map((c) => `${c.natural} AS ${c.alias}`).join(', ')}
    FROM playlist_observations o
    JOIN ${spec.touched} t ON o.source = 'YOUTUBE' AND o.${spec.touchedNatural} = t.source_id AND o.timestp >= t.from_ts${latest}
    ORDER BY ${partition.join(', ')}, ${bucket}, o.timestp DESC, ${v.map((c) => tieBreak(c.natural)).join(', ')}`;
  const joins = [`JOIN ${spec.touched} t ON t.source_id = c.${spec.touchedNatural}`];
  if (spec.partition.includes('video_source_id') && spec.touched !== 'cm_touched_media_items') {
    joins.push(`JOIN media_items m ON m.source = 'YOUTUBE' AND m.source_id = c.video_source_id`);
  }
  const keys = spec.keyColumns.map((k) => k.column);
  const values = spec.values.map((c) => c.column);
  const resolvedValues = v.map((c) => {
    if (!c.toId) return `c.${c.alias} AS ${c.column}`;
    const alias = ALIAS[c.toId.table];
    joins.push(`LEFT JOIN ${c.toId.table} ${alias} ON ${c.toId.match} = c.${c.alias}`);
    return `${alias}.id AS ${c.column}`;
  });
  const resolved = `SELECT ${spec.keyColumns.map((k) => `${k.from} AS ${k.column}`).join(', ')}, false AS seed, c.bucket,
      c.timestp AS ingest_timestamp, ${resolvedValues.join(', ')}
    FROM (${chosen}) c
    ${joins.join('\n    ')}`;
  // The last stored row before from_ts of each key: what the first recomputed bucket is compared with.
  const seed = `SELECT DISTINCT ON (${keys.map((k) => `l.${k}`).join(', ')}) ${keys.map((k) => `l.${k}`).join(', ')}, true AS seed,
      '-infinity'::timestamp AS bucket, l.ingest_timestamp, ${values.map((c) => `l.${c}`).join(', ')}
    FROM ${spec.table} l JOIN ${spec.touched} t ON l.${spec.touchedColumn} = t.id AND l.ingest_timestamp < t.from_ts
    ORDER BY ${keys.map((k) => `l.${k}`).join(', ')}, l.ingest_timestamp DESC`;
  const walked = `SELECT r.*, row_number() OVER w AS rn, ${values.map((c) => `lag(r.${c}) OVER w AS p_${c}`).join(', ')}
    FROM ((${resolved}) UNION ALL (${seed})) r WINDOW w AS (PARTITION BY ${keys.map((k) => `r.${k}`).join(', ')} ORDER BY r.bucket)`;
  const changed = `(${values.map((c) => `x.${c}`).join(', ')}) IS DISTINCT FROM (${values.map((c) => `x.p_${c}`).join(', ')})`;
  return `CREATE TEMP TABLE cm_new_${spec.table} ON COMMIT DROP AS
  SELECT ${[...keys, 'ingest_timestamp', ...values].map((c) => `x.${c}`).join(', ')}
  FROM (${walked}) x
  WHERE NOT x.seed AND (x.rn = 1 OR ${changed})`;
}

/**
 * The playlist-keyed logs with one row per playlist and bucket (a few thousand buckets for a
 * million observations). Not media_item_metadata_log: with a bucket per few observations the join
 * back planned as a nested loop over 235,000 buckets and took minutes instead of seconds.
 */
function keyedByTouched(spec: LogSpec): boolean {
  return spec.touched === 'cm_touched_playlists' && spec.partition.length === 1 && spec.partition[0] === spec.touchedNatural;
}

function latestTable(touched: LogSpec['touched']): string {
  return `cm_latest_${touched.replace(/^cm_touched_/, '')}`;
}

/**
 * CREATE TEMP TABLE cm_latest_<entity> (k, timestp): per touched key and bucket from its from_ts
 * on, the time of the latest observation, found by hashing instead of sorting every observation.
 * The DISTINCT ON of newRowsSql then sorts only the observations at those times, and picks the
 * same row as over all of them. Shared by the logs keyed by that entity alone.
 */
export function latestSql(touched: 'cm_touched_playlists', granularity: Granularity): string {
  const natural = LOG_SPECS.find((s) => s.touched === touched)!.touchedNatural;
  return `CREATE TEMP TABLE ${latestTable(touched)} ON COMMIT DROP AS
  SELECT o.${natural} AS k, max(o.timestp) AS timestp
  FROM playlist_observations o
  JOIN ${touched} t ON o.source = 'YOUTUBE' AND o.${natural} = t.source_id AND o.timestp >= t.from_ts
  GROUP BY o.${natural}, date_trunc('${granularity}', o.timestp)`;
}

function keyColumnsOf(spec: LogSpec): string[] {
  return [...spec.keyColumns.map((k) => k.column), 'ingest_timestamp'];
}

/** Removes the log rows of touched keys that the recomputation no longer has (value-exact). */
export function deleteStaleSql(spec: LogSpec): string {
  const keys = keyColumnsOf(spec);
  const values = spec.values.map((c) => c.column);
  return `DELETE FROM ${spec.table} l USING ${spec.touched} t
  WHERE l.${spec.touchedColumn} = t.id AND l.ingest_timestamp >= t.from_ts AND NOT EXISTS (
    SELECT 1 FROM cm_new_${spec.table} n
    WHERE ${keys.map((k) => `n.${k} = l.${k}`).join(' AND ')}
      AND (${values.map((c) => `n.${c}`).join(', ')}) IS NOT DISTINCT FROM (${values.map((c) => `l.${c}`).join(', ')}))`;
}

/** Adds the recomputed rows not yet present (after deleteStaleSql, a present key has equal values). */
export function insertNewSql(spec: LogSpec): string {
  const keys = keyColumnsOf(spec);
  const columns = [...keys, ...spec.values.map((c) => c.column)];
  return `INSERT INTO ${spec.table} (${columns.join(', ')})
  SELECT ${columns.map((c) => `n.${c}`).join(', ')} FROM cm_new_${spec.table} n
  WHERE NOT EXISTS (SELECT 1 FROM ${spec.table} l WHERE ${keys.map((k) => `l.${k} = n.${k}`).join(' AND ')})`;
}
