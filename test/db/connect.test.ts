import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrate, schemaFiles } from '../../src/db/migrate.js';
import { describeTarget, maskUrl, resolveTarget } from '../../src/db/target.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

describe('resolveTarget', () => {
  it('prefers --db, then DATABASE_URL, then the embedded folder under XDG_DATA_HOME', () => {
    const env = { DATABASE_URL: 'postgresql://u:pw@h/db', XDG_DATA_HOME: '/data' };
    expect(resolveTarget('postgres://x@y/z', env)).toEqual({ kind: 'server', url: 'postgres://x@y/z' });
    expect(resolveTarget('/tmp/pg', env)).toEqual({ kind: 'embedded', dir: '/tmp/pg' });
    expect(resolveTarget(undefined, env)).toEqual({ kind: 'server', url: 'postgresql://u:pw@h/db' });
    expect(resolveTarget(undefined, { XDG_DATA_HOME: '/data' })).toEqual({ kind: 'embedded', dir: '/data/cm-tui/pgdata' });
    expect(resolveTarget(undefined, { HOME: '/home/a' }).kind).toBe('embedded');
  });

  it('never shows a password', () => {
    expect(maskUrl('postgresql://ana:s3cret@db.example:5432/music')).toBe('postgresql://ana:***@db.example:5432/music');
    expect(maskUrl('postgresql://db/music?password=s3cret')).not.toContain('s3cret');
    expect(describeTarget({ kind: 'server', url: 'postgres://a:hunter2@h/d' })).not.toContain('hunter2');
  });
});

describe.each(testTargets())('connect on $name', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
  });
  afterAll(() => fresh?.dispose());

  it('applies every schema file once, and again only when its text changes', async () => {
    const { db } = fresh.handle;
    const applied = await db.selectFrom('schema_migrations').select('filename').orderBy('filename').execute();
    expect(applied.map((r) => r.filename)).toEqual(schemaFiles().map((f) => f.filename));
    expect(await migrate(fresh.handle)).toEqual([]);
    const changed = schemaFiles().map((f, i) => (i === 0 ? { ...f, checksum: 'edited' } : f));
    expect(await migrate(fresh.handle, changed)).toEqual([changed[0]!.filename]);
  });

  it('puts `source` last in the observation keys of a database made with it first, keeping the rows', async () => {
    const { db } = fresh.handle;
    const indexes = sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'playlist_observations' ORDER BY indexname`;
    const current = (await indexes.execute(db)).rows.map((r) => r.def);
    await fresh.handle.session((session) => session.exec(`INSERT INTO playlist_observations (playlist_source_id, video_source_id, timestp) VALUES ('PL1', 'v1', '2022-05-19 10:00:00'), ('PL1', 'v2', '2022-05-19 10:00:00');
      ALTER TABLE playlist_observations DROP CONSTRAINT playlist_observations_pkey,
        ADD CONSTRAINT playlist_observations_pkey PRIMARY KEY (source, playlist_source_id, video_source_id, timestp);
      DROP INDEX playlist_observations_video_idx;
      CREATE INDEX playlist_observations_video_idx ON playlist_observations (source, video_source_id, timestp)`));
    expect((await indexes.execute(db)).rows.map((r) => r.def)).not.toEqual(current);
    const ingest = schemaFiles().map((f) => (f.filename === '02_ingest.sql' ? { ...f, checksum: 'before the key order changed' } : f));
    expect(await migrate(fresh.handle, ingest)).toContain('02_ingest.sql');
    expect((await indexes.execute(db)).rows.map((r) => r.def)).toEqual(current);
    expect(current.join('\n')).toContain('(playlist_source_id, video_source_id, timestp, source)');
    const rows = await sql<{ n: number }>`SELECT count(*)::int8 AS n FROM playlist_observations`.execute(db);
    expect(rows.rows[0]?.n).toBe(2);
    await sql`DELETE FROM playlist_observations`.execute(db);
  });

  it('returns int8 as numbers and timestamps with their microseconds', async () => {
    const row = await sql<{ big: number; at: string }>`SELECT 9007199254740991::int8 AS big, '2022-05-19 13:44:50.717391'::timestamp AS at`.execute(fresh.handle.db);
    expect(row.rows[0]).toEqual({ big: 9007199254740991, at: '2022-05-19 13:44:50.717391' });
  });

  it('bulk-loads CSV through COPY inside a session, quoting intact', async () => {
    await fresh.handle.session(async (s) => {
      await s.exec('CREATE TEMP TABLE copy_probe (a text, b integer)');
      async function* chunks() {
        yield 'plain,1\n"with, comma and ""quotes""",2\n';
        yield '"multi\nline 🎵",3\n,\n';
      }
      await s.copyCsv('copy_probe', ['a', 'b'], chunks());
      const rows = await sql<{ a: string | null; b: number | null }>`SELECT a, b FROM copy_probe ORDER BY b NULLS LAST`.execute(s.db);
      expect(rows.rows).toEqual([
        { a: 'plain', b: 1 },
        { a: 'with, comma and "quotes"', b: 2 },
        { a: 'multi\nline 🎵', b: 3 },
        { a: null, b: null },
      ]);
    });
  });

  it('streams a result in chunks without holding it whole', async () => {
    const query = sql<{ n: number }>`SELECT g::int8 AS n FROM generate_series(1, 2500) g`.compile(fresh.handle.db);
    const sizes: number[] = [];
    let total = 0;
    for await (const chunk of fresh.handle.db.getExecutor().stream(query, 1000)) {
      sizes.push(chunk.rows.length);
      total += chunk.rows.reduce((sum, r) => sum + r.n, 0);
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(total).toBe((2500 * 2501) / 2);
  });

  it('rolls a failed transaction back whole', async () => {
    const { db } = fresh.handle;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('artists').values({ name: 'Rolled Back' }).execute();
        await sql`SELECT 1 / 0`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    const left = await db.selectFrom('artists').where('name', '=', 'Rolled Back').selectAll().execute();
    expect(left).toHaveLength(0);
  });
});
