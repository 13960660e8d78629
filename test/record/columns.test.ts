import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMN_FIELDS, OBSERVATION_COLUMNS } from '../../src/record/fields.js';
import { sqlTypeOf } from '../../src/record/sql.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

/** information_schema's name of each type sqlTypeOf gives. */
const INFORMATION_SCHEMA_TYPE: Record<string, string> = { text: 'text', integer: 'integer', bigint: 'bigint', timestamp: 'timestamp without time zone' };

describe.each(testTargets())('the declared record against playlist_observations on $name', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
  });
  afterAll(() => fresh?.dispose());

  it('has every declared column, in order, of the declared type and nullability', async () => {
    const { rows } = await sql<{ column_name: string; data_type: string; is_nullable: 'YES' | 'NO' }>`
      SELECT column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'playlist_observations' ORDER BY ordinal_position`.execute(fresh.handle.db);
    // `source` and `ingest_run_id` are the load's, not the record's.
    const recordColumns = rows.filter((row) => row.column_name !== 'source' && row.column_name !== 'ingest_run_id');
    expect(recordColumns.map((row) => row.column_name)).toEqual(OBSERVATION_COLUMNS);
    expect(recordColumns).toEqual(
      COLUMN_FIELDS.map((f) => ({ column_name: f.column, data_type: INFORMATION_SCHEMA_TYPE[sqlTypeOf(f)], is_nullable: f.nullable ? 'YES' : 'NO' })),
    );
  });
});
