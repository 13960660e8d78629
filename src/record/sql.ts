import { COLUMN_FIELDS, OBSERVATION_FIELDS, type ObservationField } from './fields.js';

/** A field's column type in PostgreSQL (playlist_observations and the load's staging table). */
export function sqlTypeOf(field: ObservationField): string {
  if (field.kind === 'count') return field.sqlType;
  return field.kind === 'timestamp' ? 'timestamp' : 'text';
}

/**
 * The record's columns for a CREATE TABLE, in OBSERVATION_COLUMNS order, without constraints (a
 * staging table holds dead letters in the same rows); the ids are of type `idType`, so they
 * carry the stored ids' collation.
 */
export function stagingColumns(idType: string): string {
  return COLUMN_FIELDS.map((f) => `${f.column} ${f.kind === 'string' && !f.nullable ? idType : sqlTypeOf(f)}`).join(', ');
}

/**
 * `json_build_object` arguments that give a row of these columns back as the feed's record: its
 * keys in the feed's order, the timestamp as the feed writes it.
 */
export const FEED_RECORD_ARGUMENTS = OBSERVATION_FIELDS.map(
  (f) => `'${f.feed}', ${f.kind === 'timestamp' ? `to_char(${f.column}, 'YYYY-MM-DD"T"HH24:MI:SS.US')` : f.column}`,
).join(', ');
