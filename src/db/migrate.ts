import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { packageRoot } from '../paths.js';
import type { DbHandle } from './handle.js';

export interface SchemaFile {
  filename: string;
  sql: string;
  checksum: string;
}

export function schemaFiles(dir = join(packageRoot(), 'postgres_init')): SchemaFile[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((filename) => {
      const sql = readFileSync(join(dir, filename), 'utf8');
      return { filename, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// Any constant works: it only has to be the same for every cm-tui process on a server.
const MIGRATION_LOCK = 74_211_001;

/**
 * Applies postgres_init/*.sql in name order, each file once per checksum. The files are
 * idempotent themselves (they also serve as docker-entrypoint-initdb.d scripts), so a changed
 * file is simply run again. An advisory lock keeps parallel workers from racing on a fresh database.
 */
export async function migrate(handle: DbHandle, files = schemaFiles()): Promise<string[]> {
  return handle.session(async ({ exec, db }) => {
    // Checked first so that a role that may only read (a SELECT-only explorer login) connects
    // to an up-to-date database without needing CREATE on the schema.
    const exists = await sql<{ present: boolean }>`SELECT to_regclass('schema_migrations') IS NOT NULL AS present`.execute(db);
    if (!exists.rows[0]?.present) {
      await exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
        filename text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    }
    const applied = new Map((await db.selectFrom('schema_migrations').select(['filename', 'checksum']).execute()).map((r) => [r.filename, r.checksum]));
    const pending = files.filter((f) => applied.get(f.filename) !== f.checksum);
    if (pending.length === 0) return [];
    await exec('BEGIN');
    try {
      await exec(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
      for (const file of pending) {
        await exec(file.sql);
        await db
          .insertInto('schema_migrations')
          .values({ filename: file.filename, checksum: file.checksum })
          .onConflict((oc) => oc.column('filename').doUpdateSet({ checksum: file.checksum, applied_at: sql`now()` }))
          .execute();
      }
      await exec('COMMIT');
    } catch (error) {
      await exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return pending.map((f) => f.filename);
  });
}
