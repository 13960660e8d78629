import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExplorerSession, type Outcome } from '../../src/explorer/session.js';
import { Repl, type Reply } from '../../src/explorer/repl.js';
import { History } from '../../src/explorer/history.js';
import { errorLines, summary } from '../../src/explorer/format.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

function outcome(reply: Reply): Outcome {
  if (reply.kind !== 'outcome') throw new Error(`expected an outcome, got ${JSON.stringify(reply)}`);
  return reply.outcome;
}
function rows(reply: Reply) {
  const o = outcome(reply);
  if (o.kind !== 'rows') throw new Error(`expected rows, got ${JSON.stringify(o)}`);
  return o;
}

describe('History', () => {
  it('persists across two sessions, dedupes consecutive entries and keeps the newest up to the cap', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cm-hist-')), 'sub', 'history');
    const first = History.load(file, 3);
    first.add('select 1');
    first.add('select 1');
    first.add('select\n2');
    const second = History.load(file, 3);
    expect(second.entries).toEqual(['select 1', 'select\n2']);
    second.add('select 3');
    second.add('select 4');
    expect(History.load(file, 3).entries).toEqual(['select\n2', 'select 3', 'select 4']);
  });
});

describe.each(testTargets())('explorer REPL on $name', (target) => {
  let fresh: FreshDatabase;
  let repl: Repl;
  let dir: string;
  beforeAll(async () => {
    fresh = await target.fresh();
    dir = mkdtempSync(join(tmpdir(), 'cm-explorer-'));
    repl = new Repl(await ExplorerSession.open(fresh.handle), { cwd: dir, history: History.load(join(dir, 'history')) });
    await repl.refreshSchema();
  });
  afterAll(async () => {
    await repl?.session.close();
    await fresh?.dispose();
  });

  it('starts read-only: a DELETE is refused in one line saying how to allow writes, and the REPL keeps going', async () => {
    expect(repl.prompt).toBe('ro=> ');
    const refused = outcome(await repl.submit('delete from playlists;'));
    expect(refused).toMatchObject({ kind: 'error', code: '25006', message: 'read-only: DELETE refused, only SELECT, VALUES, TABLE, EXPLAIN and SHOW run; \\write allows writes' });
    expect(errorLines(refused as Extract<Outcome, { kind: 'error' }>)).toEqual(['ERROR: read-only: DELETE refused, only SELECT, VALUES, TABLE, EXPLAIN and SHOW run; \\write allows writes']);
    expect(rows(await repl.submit('select 1 as one')).rows).toEqual([['1']]);
  });

  it('\\write allows writes until toggled back', async () => {
    expect(await repl.submit('\\write')).toEqual({ kind: 'info', lines: ['writes allowed (rw): statements can change data'] });
    expect(repl.prompt).toBe('rw=> ');
    const inserted = rows(await repl.submit("insert into playlists (source, source_id) values ('YOUTUBE', 'PL1'), ('YOUTUBE', 'PL2')"));
    expect(summary(inserted)).toMatch(/^INSERT 2 · \d+ ms$/);
    await repl.submit('\\write off');
    expect(repl.prompt).toBe('ro=> ');
    expect(outcome(await repl.submit("insert into playlists (source, source_id) values ('YOUTUBE', 'PL3')"))).toMatchObject({ kind: 'error', code: '25006' });
    expect(rows(await repl.submit('select source_id from playlists order by 1')).rows).toEqual([['PL1'], ['PL2']]);
  });

  it('\\dt lists the tables and \\d shows columns and types', async () => {
    const tables = rows(await repl.submit('\\dt'));
    expect(tables.columns).toEqual(['table', 'rows_estimate', 'size']);
    expect(tables.rows.map((r) => r[0])).toContain('playlists');
    const described = rows(await repl.submit('\\d playlists'));
    expect(described.rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ['id', 'bigint', 'not null'],
      ['source', 'source', 'not null'],
      ['source_id', 'text', 'not null'],
    ]);
    expect(await repl.submit('\\d nothing_here')).toEqual({ kind: 'problem', text: 'Did not find any relation named "nothing_here".' });
  });

  it('completes table names from the schema snapshot', () => {
    const { candidates } = repl.complete('SELECT * FROM play');
    expect(candidates).toContain('playlists');
    expect(candidates).toContain('playlist_positions_log');
    expect(candidates.every((c) => c.startsWith('playlist'))).toBe(true);
  });

  it('shows an error with its position, detail-free, as a value', async () => {
    const error = outcome(await repl.submit('select nope from playlists'));
    if (error.kind !== 'error') throw new Error('expected an error');
    expect(errorLines(error)).toEqual(['ERROR: column "nope" does not exist', 'LINE 1: select nope from playlists', '               ^']);
  });

  it('keeps the first rows of a large result and counts the rest; \\export re-runs it to write every row', async () => {
    const big = rows(await repl.submit('select g, g * 2 as twice from generate_series(1, 2500) g'));
    expect(big.rows.length).toBe(1000);
    expect(big.rowCount).toBe(2500);
    expect(big.numeric).toEqual([true, true]);
    expect(summary(big)).toMatch(/^2,500 rows · first 1,000 shown · \d+ ms$/);
    const reply = await repl.submit('\\export big.csv');
    expect(reply).toEqual({ kind: 'info', lines: [`wrote 2,500 rows to ${join(dir, 'big.csv')} (query re-run to write every row)`] });
    const lines = readFileSync(join(dir, 'big.csv'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBe(2501);
    expect(lines.slice(0, 3)).toEqual(['g,twice', '1,2', '2,4']);
    expect(lines.at(-1)).toBe('2500,5000');
  });

  it('\\export writes the held rows when they are the whole result, nulls empty and quoting intact', async () => {
    expect(rows(await repl.submit(`select 'a, "b"' as text, null as nothing, 3 as n`)).numeric).toEqual([false, false, true]);
    expect(await repl.submit('\\export small.csv')).toEqual({ kind: 'info', lines: [`wrote 1 rows to ${join(dir, 'small.csv')}`] });
    expect(readFileSync(join(dir, 'small.csv'), 'utf8')).toBe('text,nothing,n\n"a, ""b""",,3\n');
    expect(existsSync(join(dir, 'small.csv.partial'))).toBe(false);
  });

  it('shows every column as the database names it: twice the same name, and the header of a result without rows', async () => {
    const joined = rows(await repl.submit("select 1 as id, 'x' as name, 2 as id"));
    expect(joined.columns).toEqual(['id', 'name', 'id']);
    expect(joined.rows).toEqual([['1', 'x', '2']]);
    // Not a cursor (a data-modifying WITH), and a command returning rows: the same.
    await repl.submit('\\write');
    const returning = rows(await repl.submit('with gone as (delete from playlists where false returning id, source_id) select * from gone'));
    expect(returning).toMatchObject({ columns: ['id', 'source_id'], rowCount: 0 });
    expect(rows(await repl.submit('update playlists set source_id = source_id where false returning id'))).toMatchObject({ columns: ['id'], affected: 0 });
    await repl.submit('\\write');
    const none = rows(await repl.submit('select id, source_id from media_items where false'));
    expect(none).toMatchObject({ columns: ['id', 'source_id'], rows: [], rowCount: 0 });
    expect(await repl.submit('\\export none.csv')).toEqual({ kind: 'info', lines: [`wrote 0 rows to ${join(dir, 'none.csv')}`] });
    expect(readFileSync(join(dir, 'none.csv'), 'utf8')).toBe('id,source_id\n');
  });

  it('\\i runs a saved query and asks for its placeholder values', async () => {
    expect(await repl.submit('\\i video_position_history')).toEqual({
      kind: 'problem',
      text: 'video_position_history needs video_id=…: \\i video_position_history video_id=VALUE',
    });
    expect(rows(await repl.submit("\\i video_position_history video_id=x'y")).rowCount).toBe(0);
    expect(rows(await repl.submit('\\i top_playlists_by_plays'))).toMatchObject({ rowCount: 0, columns: ['playlist', 'name', 'latest_plays', 'growth', 'as_of'] });
    expect(rows(await repl.submit('\\i unmatched_videos_by_reach')).rowCount).toBe(0);
    expect(await repl.submit('\\i nope')).toMatchObject({ kind: 'problem' });
  });

  it('records what was typed in the history', () => {
    expect(repl.history?.entries.slice(0, 3)).toEqual(['delete from playlists;', 'select 1 as one', '\\write']);
  });

  it('stops a long query on cancel and stays usable', async () => {
    if (target.name === 'server') {
      const running = repl.session.run('select pg_sleep(20)');
      await new Promise((r) => setTimeout(r, 300));
      expect(await repl.session.cancel()).toBe('cancelled');
      expect(await running).toMatchObject({ kind: 'error', code: '57014', message: 'canceling statement due to user request' });
    } else {
      // PGlite runs a statement on this thread: the stop lands between streamed chunks.
      let result: Promise<string> | null = null;
      const stopped = await repl.session.run('select g from generate_series(1, 100000) g', {
        onProgress: () => {
          result ??= repl.session.cancel();
        },
      });
      expect(await result).toBe('between-chunks');
      expect(stopped).toMatchObject({ kind: 'rows', complete: false, rowCount: 500 });
      expect(summary(stopped)).toMatch(/^500\+ rows \(stopped\) · \d+ ms$/);
    }
    expect(rows(await repl.submit('select 2 as two')).rows).toEqual([['2']]);
  });
});

describe.each(testTargets())('a result read as the screen scrolls, on $name', (target) => {
  let fresh: FreshDatabase;
  let repl: Repl;
  let dir: string;
  beforeAll(async () => {
    fresh = await target.fresh();
    dir = mkdtempSync(join(tmpdir(), 'cm-explorer-lazy-'));
    repl = new Repl(await ExplorerSession.open(fresh.handle), { cwd: dir, lazy: true });
  });
  afterAll(async () => {
    await repl?.session.close();
    await fresh?.dispose();
  });

  it('returns the first 500 rows with the cursor open, then 500 more per fetch to the last row', async () => {
    const first = rows(await repl.submit('select g from generate_series(1, 1200) g;'));
    expect(first).toMatchObject({ rowCount: 500, more: true, complete: false, numeric: [true] });
    expect(first.rows[499]).toEqual(['500']);
    expect(summary(first)).toMatch(/^500 rows read, more as you scroll · \d+ ms$/);
    const second = await repl.session.fetchMore();
    expect(second?.more).toBe(true);
    expect(second?.rows.map((r) => r[0])).toEqual(Array.from({ length: 500 }, (_, i) => String(501 + i)));
    const third = await repl.session.fetchMore();
    expect(third).toMatchObject({ more: false });
    expect(third?.rows.at(-1)).toEqual(['1200']);
    expect(await repl.session.fetchMore()).toBeNull();
  });

  it('runs every statement of an input, the last one read lazily; a result that fits is complete', async () => {
    const last = rows(await repl.submit('select 1 as one; select g from generate_series(1, 600) g'));
    expect(last).toMatchObject({ columns: ['g'], rowCount: 500, more: true });
    const small = rows(await repl.submit('select g from generate_series(1, 30) g'));
    expect(small).toMatchObject({ rowCount: 30, more: false, complete: true });
    // The statement before closed the first cursor: nothing more to read from it.
    expect(await repl.session.fetchMore()).toBeNull();
  });

  it('keeps the open result read-only: its cursor lives in a READ ONLY transaction', async () => {
    const open = rows(await repl.submit("select current_setting('transaction_read_only') as ro from generate_series(1, 600)"));
    expect(open).toMatchObject({ more: true });
    expect(open.rows[0]).toEqual(['on']);
  });

  it('on PGlite, holds the database while a result is open and gives it back when the next statement runs', async () => {
    if (target.name === 'server') return;
    rows(await repl.submit('select g from generate_series(1, 1000) g'));
    const order: string[] = [];
    const other = fresh.handle.session(async (s) => {
      order.push('other');
      await s.exec('select 1');
    });
    await new Promise((r) => setTimeout(r, 50));
    order.push('waited');
    rows(await repl.submit('select 1 as one'));
    await other;
    expect(order).toEqual(['waited', 'other']);
  });

  it('an error in later rows closes the result and says why; the session stays usable', async () => {
    const first = rows(await repl.submit('select 1 / (g - 700) as x from generate_series(1, 1000) g'));
    expect(first).toMatchObject({ rowCount: 500, more: true });
    await expect(repl.session.fetchMore()).rejects.toThrow('division by zero');
    expect(await repl.session.fetchMore()).toBeNull();
    expect(rows(await repl.submit('select 2 as two')).rows).toEqual([['2']]);
  });

  it('\\export of an open result re-runs the query and writes every row', async () => {
    rows(await repl.submit('select g from generate_series(1, 1200) g'));
    expect(await repl.submit('\\export all.csv')).toEqual({ kind: 'info', lines: [`wrote 1,200 rows to ${join(dir, 'all.csv')} (query re-run to write every row)`] });
    expect(readFileSync(join(dir, 'all.csv'), 'utf8').trimEnd().split('\n')).toHaveLength(1201);
  });

  it('on a server, Ctrl+C cancels the statement while its first rows are read', async () => {
    if (target.name !== 'server') return;
    const running = repl.submit('select pg_sleep(20) as slept');
    await new Promise((r) => setTimeout(r, 300));
    expect(await repl.session.cancel()).toBe('cancelled');
    expect(outcome(await running)).toMatchObject({ kind: 'error', code: '57014' });
    expect(rows(await repl.submit('select 3 as three')).rows).toEqual([['3']]);
  });
});
