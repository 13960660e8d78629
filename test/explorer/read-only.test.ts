import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connect, type DbHandle } from '../../src/db/connect.js';
import { checkReading } from '../../src/explorer/read-only.js';
import { describeTableSql, LIST_TABLES_SQL } from '../../src/explorer/catalog.js';
import { ExplorerSession, type Outcome } from '../../src/explorer/session.js';
import { Repl, type Reply } from '../../src/explorer/repl.js';
import { loadSavedQuery } from '../../src/explorer/saved.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

const HINT = '; \\write allows writes';
const SESSION_SETTINGS = "SET refused, it would change the session's settings";
const TRANSACTION = (word: string) => `${word} refused, each statement runs in its own read-only transaction`;
const NOT_READING = (word: string) => `${word} refused, only SELECT, VALUES, TABLE, EXPLAIN and SHOW run`;
const FUNCTION = (name: string) => `${name}() refused, it may act beyond reading`;

/** Each way the issue found to switch the read-only explorer to writing (or to act on the server), and why it is refused. */
const BYPASSES: [string, string][] = [
  ['set session characteristics as transaction read write;', SESSION_SETTINGS],
  ['set default_transaction_read_only=off;', SESSION_SETTINGS],
  ["select set_config('default_transaction_read_only','off',false);", FUNCTION('set_config')],
  ['reset all;', "RESET refused, it would change the session's settings"],
  ['discard all;', "DISCARD refused, it would change the session's settings"],
  ['begin read write;', TRANSACTION('BEGIN')],
  ['start transaction read write;', TRANSACTION('START')],
  ['begin; set transaction read write;', TRANSACTION('BEGIN')],
  ['alter system set work_mem = 65536', NOT_READING('ALTER')],
  ['vacuum full', NOT_READING('VACUUM')],
];

describe('what the read-only explorer lets run', () => {
  it.each(BYPASSES)('refuses %s', async (text, reason) => {
    expect(await checkReading(text)).toEqual({ kind: 'refused', reason });
  });

  it.each([
    ["copy artists to '/tmp/x'", NOT_READING('COPY')],
    ['select pg_terminate_backend(123)', FUNCTION('pg_terminate_backend')],
    ['select pg_catalog.pg_cancel_backend(123)', FUNCTION('pg_catalog.pg_cancel_backend')],
    ['select pg_reload_conf()', FUNCTION('pg_reload_conf')],
    ["select lo_import('/etc/passwd')", FUNCTION('lo_import')],
    ["select pg_read_file('/etc/passwd')", FUNCTION('pg_read_file')],
    ["select * from dblink('host=x', 'delete from artists') as t(n int)", FUNCTION('dblink')],
    ["select nextval('playlists_id_seq')", FUNCTION('nextval')],
    ["select setval('playlists_id_seq', 1)", FUNCTION('setval')],
    ['select pg_advisory_lock(1)', FUNCTION('pg_advisory_lock')],
    ["select query_to_xml('select pg_reload_conf()', true, false, '')", FUNCTION('query_to_xml')],
    ['select 1 where exists (select pg_terminate_backend(1))', FUNCTION('pg_terminate_backend')],
    ['select * into copy_of_artists from artists', 'SELECT INTO refused, it creates a table'],
    ['select * from artists for update', 'FOR UPDATE/SHARE refused, it locks rows'],
    ['select * from (select * from artists for share) a', 'FOR UPDATE/SHARE refused, it locks rows'],
    ['with gone as (delete from artists returning *) select count(*) from gone', 'DELETE inside WITH refused, it changes data'],
    ['explain analyze delete from artists', `EXPLAIN ANALYZE runs it: ${NOT_READING('DELETE')}`],
    ['explain (analyze, costs off) select * from artists for update', 'EXPLAIN ANALYZE runs it: FOR UPDATE/SHARE refused, it locks rows'],
    ['delete from artists', NOT_READING('DELETE')],
    ['commit', TRANSACTION('COMMIT')],
    ['rollback', TRANSACTION('ROLLBACK')],
    ['savepoint s', TRANSACTION('SAVEPOINT')],
    ['set search_path = public', SESSION_SETTINGS],
    ['set role postgres', SESSION_SETTINGS],
    ['do $$ begin perform 1; end $$', NOT_READING('DO')],
    ['notify changes', NOT_READING('NOTIFY')],
    ['select 1; /* then */ delete from artists', NOT_READING('DELETE')],
  ])('refuses %s', async (text, reason) => {
    expect(await checkReading(text)).toEqual({ kind: 'refused', reason });
  });

  it.each([
    'select 1',
    'with ranked as (select id, row_number() over (order by id) as n from artists) select * from ranked where n < 3',
    'values (1, 2), (3, 4)',
    'table artists',
    'explain select * from artists',
    'explain delete from artists',
    'explain (analyze off) delete from artists',
    'explain analyze select count(*) from artists',
    'show all',
    'select pg_size_pretty(pg_total_relation_size(\'artists\')), pg_typeof(1), pg_sleep(0), now(), current_setting(\'search_path\')',
    'select 1; select 2',
    '  -- nothing but a comment',
    LIST_TABLES_SQL,
    describeTableSql('artists'),
  ])('lets %s run', async (text) => {
    expect(await checkReading(text)).toEqual({ kind: 'reading' });
  });

  it('lets every saved query run', async () => {
    for (const [name, values] of [
      ['baseline_match', {}],
      ['top_playlists_by_plays', {}],
      ['unmatched_videos_by_reach', {}],
      ['video_position_history', { video_id: 'abc' }],
    ] as const) {
      const loaded = loadSavedQuery(name, values);
      if ('problem' in loaded) throw new Error(loaded.problem);
      expect([name, await checkReading(loaded.sql)]).toEqual([name, { kind: 'reading' }]);
    }
  });

  it('reports a syntax error with its position instead of running anything', async () => {
    expect(await checkReading('select 1; selec 2')).toEqual({ kind: 'syntax', message: 'syntax error at or near "selec"', position: 11 });
  });
});

function outcome(reply: Reply): Outcome {
  if (reply.kind !== 'outcome') throw new Error(`expected an outcome, got ${JSON.stringify(reply)}`);
  return reply.outcome;
}

describe.each(testTargets())('the read-only explorer on $name', (target) => {
  let fresh: FreshDatabase;
  let repl: Repl;
  const count = async () => Number((await fresh.handle.session((s) => s.queryArrays('SELECT count(*) FROM playlists'))).rows[0]![0]);
  beforeAll(async () => {
    fresh = await target.fresh();
    await fresh.handle.session((s) => s.exec("INSERT INTO playlists (source, source_id) VALUES ('YOUTUBE', 'PL1'), ('YOUTUBE', 'PL2'), ('YOUTUBE', 'PL3')"));
    repl = new Repl(await ExplorerSession.open(fresh.handle));
  });
  afterAll(async () => {
    await repl?.session.close();
    await fresh?.dispose();
  });

  it.each(BYPASSES)('refuses %s, and a DELETE after it still removes nothing', async (text, reason) => {
    expect(outcome(await repl.submit(text))).toMatchObject({ kind: 'error', code: '25006', message: `read-only: ${reason}${HINT}`, position: null });
    expect(outcome(await repl.submit('delete from playlists'))).toMatchObject({ kind: 'error', message: `read-only: ${NOT_READING('DELETE')}${HINT}` });
    // Past the check, the statement runs in a READ ONLY transaction whatever the session says.
    expect(await repl.session.run('select current_setting(\'transaction_read_only\'), current_setting(\'default_transaction_read_only\')')).toMatchObject({ rows: [['on', 'on']] });
    expect(await count()).toBe(3);
    expect(repl.prompt).toBe('ro=> ');
  });

  it('runs nothing of several statements when one is refused', async () => {
    const before = repl.lastResult;
    expect(outcome(await repl.submit('select 1 as first; discard all; select 2'))).toMatchObject({ message: `read-only: DISCARD refused, it would change the session's settings${HINT}` });
    expect(repl.lastResult).toBe(before);
  });

  it('refuses COPY to a file: no file is written', async () => {
    const file = join(tmpdir(), `cm-explorer-copy-${randomBytes(4).toString('hex')}.csv`);
    expect(outcome(await repl.submit(`copy playlists to '${file}'`))).toMatchObject({ message: `read-only: ${NOT_READING('COPY')}${HINT}` });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses pg_terminate_backend: the other connection lives on', async () => {
    if (target.name === 'server') {
      const other = new pg.Client({ connectionString: fresh.dbArg });
      await other.connect();
      try {
        const pid = (await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
        expect(outcome(await repl.submit(`select pg_terminate_backend(${pid})`))).toMatchObject({ message: `read-only: ${FUNCTION('pg_terminate_backend')}${HINT}` });
        expect((await other.query('SELECT 1 AS alive')).rows).toEqual([{ alive: 1 }]);
      } finally {
        await other.end();
      }
    } else {
      expect(outcome(await repl.submit('select pg_terminate_backend(pg_backend_pid())'))).toMatchObject({ message: `read-only: ${FUNCTION('pg_terminate_backend')}${HINT}` });
      expect(outcome(await repl.submit('select 1 as alive'))).toMatchObject({ rows: [['1']] });
    }
  });

  it('still runs reading statements: a CTE with a window function, EXPLAIN, EXPLAIN ANALYZE, SHOW, TABLE, VALUES', async () => {
    expect(outcome(await repl.submit('with ranked as (select source_id, row_number() over (order by source_id desc) as n from playlists) select * from ranked order by n'))).toMatchObject({
      rows: [['PL3', '1'], ['PL2', '2'], ['PL1', '3']],
    });
    const plan = outcome(await repl.submit('explain delete from playlists'));
    expect(plan).toMatchObject({ kind: 'rows', columns: ['QUERY PLAN'] });
    expect(plan.kind === 'rows' && plan.rows[0]![0]).toMatch(/^Delete on playlists/);
    const analyzed = outcome(await repl.submit('explain analyze select count(*) from playlists'));
    expect(analyzed.kind === 'rows' && analyzed.rows.some((r) => /actual time=/.test(r[0]!))).toBe(true);
    expect(outcome(await repl.submit('show transaction_read_only'))).toMatchObject({ rows: [['on']] });
    expect(outcome(await repl.submit('table playlists'))).toMatchObject({ rowCount: 3 });
    expect(outcome(await repl.submit('values (1, 2)'))).toMatchObject({ rows: [['1', '2']] });
    expect(outcome(await repl.submit('\\dt'))).toMatchObject({ kind: 'rows', columns: ['table', 'rows_estimate', 'size'] });
    await repl.refreshSchema();
    expect(repl.schema.tables.get('playlists')).toEqual(['id', 'source', 'source_id']);
    expect(await count()).toBe(3);
  });

  it('\\write lets writes through; \\write off is refused while a transaction is open', async () => {
    await repl.submit('\\write');
    expect(outcome(await repl.submit('begin; delete from playlists where source_id = \'PL3\''))).toMatchObject({ kind: 'rows', command: 'DELETE', affected: 1 });
    expect(await repl.submit('\\write off')).toEqual({ kind: 'problem', text: 'a transaction is open: COMMIT or ROLLBACK it before \\write off' });
    expect(repl.prompt).toBe('rw=> ');
    await repl.submit('rollback');
    expect(await repl.submit('\\write off')).toEqual({ kind: 'info', lines: ['read-only (ro): statements cannot change data'] });
    expect(await count()).toBe(3);
  });
});

describe.runIf(process.env['TEST_DATABASE_URL'])('the explorer as a role with SELECT only', () => {
  const admin = process.env['TEST_DATABASE_URL']!;
  const role = `cm_reader_${randomBytes(4).toString('hex')}`;
  let fresh: FreshDatabase;
  let reader: DbHandle;

  beforeAll(async () => {
    [fresh] = [await testTargets().find((t) => t.name === 'server')!.fresh()];
    await fresh.handle.session((s) =>
      s.exec(`INSERT INTO playlists (source, source_id) VALUES ('YOUTUBE', 'PL1'), ('YOUTUBE', 'PL2');
        CREATE ROLE ${role} LOGIN;
        GRANT USAGE ON SCHEMA public TO ${role};
        GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role};`),
    );
    const url = new URL(fresh.dbArg);
    url.username = role;
    reader = await connect({ kind: 'server', url: url.toString() });
  });
  afterAll(async () => {
    await reader?.close();
    await fresh?.dispose();
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`DROP ROLE IF EXISTS ${role}`).finally(() => client.end());
  });

  it('reads, and a write fails even with writes allowed in the explorer', async () => {
    const repl = new Repl(await ExplorerSession.open(reader, { writable: true }));
    try {
      expect(outcome(await repl.submit('select source_id from playlists order by 1'))).toMatchObject({ rows: [['PL1'], ['PL2']] });
      expect(outcome(await repl.submit('delete from playlists'))).toMatchObject({ kind: 'error', code: '42501', message: 'permission denied for table playlists' });
      expect(outcome(await repl.submit('set default_transaction_read_only = off'))).toMatchObject({ kind: 'rows', command: 'SET' });
      expect(outcome(await repl.submit("insert into playlists (source, source_id) values ('YOUTUBE', 'PL9')"))).toMatchObject({ code: '42501' });
      expect(outcome(await repl.submit('select count(*) from playlists'))).toMatchObject({ rows: [['2']] });
    } finally {
      await repl.session.close();
    }
  });
});
