import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { countRows, fetchPage, listTables, type PageSort } from '../../src/db/browse.js';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

describe.each(testTargets())('browsing tables on $name', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
    const { db } = fresh.handle;
    // A million rows, never read whole by the pager.
    await sql`CREATE TABLE big (id bigint PRIMARY KEY, label text)`.execute(db);
    await sql`INSERT INTO big SELECT g, 'row ' || g || CASE WHEN g % 100000 = 0 THEN ' 100% done' ELSE '' END FROM generate_series(1, 1000000) g`.execute(db);
    await sql`CREATE TABLE no_key (word text)`.execute(db);
    await sql`INSERT INTO no_key VALUES ('alpha'), ('beta'), ('gamma'), ('delta')`.execute(db);
    // Scores with ties and nulls; a json column has no order of its own.
    await sql`CREATE TABLE scored (id int PRIMARY KEY, score int, doc json)`.execute(db);
    await sql`INSERT INTO scored SELECT g, CASE WHEN g % 4 = 0 THEN NULL ELSE (g * 7) % 5 END, json_build_object('w', chr(96 + 21 - g)) FROM generate_series(1, 20) g`.execute(db);
    await sql`CREATE VIEW small_view AS SELECT id, label FROM big WHERE id <= 25`.execute(db);
  });
  afterAll(() => fresh?.dispose());

  it('lists tables with their columns and row counts', async () => {
    const tables = await listTables(fresh.handle);
    expect(tables.find((t) => t.name === 'big')).toEqual({ name: 'big', columns: ['id', 'label'], rows: 1_000_000 });
    expect(tables.find((t) => t.name === 'media_items')).toEqual({ name: 'media_items', columns: ['id', 'source', 'source_id'], rows: 0 });
  });

  it('pages a million-row table by key from either end and beside any row', async () => {
    const first = await fetchPage(fresh.handle, { table: 'big', limit: 3, from: { kind: 'start' } });
    expect(first.rows).toEqual([[1, 'row 1'], [2, 'row 2'], [3, 'row 3']]);
    expect(first.keys).toEqual([[1], [2], [3]]);
    const last = await fetchPage(fresh.handle, { table: 'big', limit: 3, from: { kind: 'end' } });
    expect(last.rows.map((r) => r[0])).toEqual([999_998, 999_999, 1_000_000]);
    const after = await fetchPage(fresh.handle, { table: 'big', limit: 2, from: { kind: 'after', key: [500_000] } });
    expect(after.rows.map((r) => r[0])).toEqual([500_001, 500_002]);
    const before = await fetchPage(fresh.handle, { table: 'big', limit: 2, from: { kind: 'before', key: [500_000] } });
    expect(before.rows.map((r) => r[0])).toEqual([499_998, 499_999]);
    const at = await fetchPage(fresh.handle, { table: 'big', limit: 1, from: { kind: 'at', key: [42] } });
    expect(at.rows).toEqual([[42, 'row 42']]);
  });

  it('filters on the row text, taking % and _ literally, and counts the matches', async () => {
    expect(await countRows(fresh.handle, 'big', '100% done')).toBe(10);
    const page = await fetchPage(fresh.handle, { table: 'big', filter: '100% done', limit: 2, from: { kind: 'after', key: [100_000] } });
    expect(page.rows).toEqual([[200_000, 'row 200000 100% done'], [300_000, 'row 300000 100% done']]);
    expect(await countRows(fresh.handle, 'no_key', 'a_')).toBe(0);
    expect(await countRows(fresh.handle, 'no_key', 'ALP')).toBe(1);
  });

  it('pages a table without a primary key by its physical row id', async () => {
    const first = await fetchPage(fresh.handle, { table: 'no_key', limit: 2, from: { kind: 'start' } });
    expect(first.rows).toEqual([['alpha'], ['beta']]);
    const next = await fetchPage(fresh.handle, { table: 'no_key', limit: 2, from: { kind: 'after', key: first.keys[1]! } });
    expect(next.rows).toEqual([['gamma'], ['delta']]);
  });

  it('pages a view by position in a stable order', async () => {
    const tables = await listTables(fresh.handle);
    expect(tables.find((t) => t.name === 'small_view')).toEqual({ name: 'small_view', columns: ['id', 'label'], rows: 25 });
    const first = await fetchPage(fresh.handle, { table: 'small_view', limit: 10, from: { kind: 'start' } });
    expect(first.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const next = await fetchPage(fresh.handle, { table: 'small_view', limit: 10, from: { kind: 'after', key: first.keys[9]! } });
    expect(next.rows.map((r) => r[0])).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    const back = await fetchPage(fresh.handle, { table: 'small_view', limit: 10, from: { kind: 'before', key: next.keys[0]! } });
    expect(back.rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const end = await fetchPage(fresh.handle, { table: 'small_view', limit: 10, from: { kind: 'end' } });
    expect(end.rows.map((r) => r[0])).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    const filtered = await fetchPage(fresh.handle, { table: 'small_view', filter: 'row 2', limit: 3, from: { kind: 'start' } });
    expect(filtered.rows.map((r) => r[0])).toEqual([2, 20, 21]);
  });

  /** Every row id of `scored` in the order of `sort`, read a page at a time from the start (or back from the end). */
  async function walk(sort: PageSort, limit: number, backward: boolean): Promise<number[]> {
    const seen: number[] = [];
    let page = await fetchPage(fresh.handle, { table: 'scored', limit, from: { kind: backward ? 'end' : 'start' }, sort });
    while (page.rows.length > 0) {
      const ids = page.rows.map((r) => r[0] as number);
      if (backward) seen.unshift(...ids);
      else seen.push(...ids);
      const key = backward ? page.keys[0]! : page.keys[page.keys.length - 1]!;
      page = await fetchPage(fresh.handle, { table: 'scored', limit, from: { kind: backward ? 'before' : 'after', key }, sort });
    }
    return seen;
  }

  it('sorts by a column in the database, pages by keyset either way, nulls last then first', async () => {
    // score = (id * 7) % 5, null for every fourth id; ties broken by id.
    const scoreOf = (id: number) => (id % 4 === 0 ? null : (id * 7) % 5);
    const ids = Array.from({ length: 20 }, (_, i) => i + 1);
    const ascending = [...ids].sort((a, b) => {
      const [x, y] = [scoreOf(a), scoreOf(b)];
      if (x === y) return a - b;
      if (x === null) return 1;
      if (y === null) return -1;
      return x - y;
    });
    expect(ascending.slice(0, 4)).toEqual([5, 10, 15, 3]);
    expect(ascending.slice(-5)).toEqual([4, 8, 12, 16, 20]);
    const up: PageSort = { column: 'score', descending: false };
    const down: PageSort = { column: 'score', descending: true };
    expect(await walk(up, 3, false)).toEqual(ascending);
    expect(await walk(up, 3, true)).toEqual(ascending);
    expect(await walk(down, 3, false)).toEqual([...ascending].reverse());
    expect(await walk(down, 7, true)).toEqual([...ascending].reverse());
    // `at` (a refill after a resize) starts at the row itself, inside a run of ties and of nulls.
    const at = await fetchPage(fresh.handle, { table: 'scored', limit: 3, from: { kind: 'at', key: [10] }, sort: up });
    expect(at.rows.map((r) => r[0])).toEqual([10, 15, 3]);
    const atNull = await fetchPage(fresh.handle, { table: 'scored', limit: 3, from: { kind: 'at', key: [8] }, sort: down });
    expect(atNull.rows.map((r) => r[0])).toEqual([8, 4, ascending[14]]);
    // A filter still applies under a sort.
    const filtered = await fetchPage(fresh.handle, { table: 'scored', filter: ',0,', limit: 20, from: { kind: 'start' }, sort: down });
    expect(filtered.rows.map((r) => r[0])).toEqual([15, 10, 5]);
  });

  it('sorts a column without an order (json) by its text, and a view by the column', async () => {
    const byDoc = await fetchPage(fresh.handle, { table: 'scored', limit: 3, from: { kind: 'start' }, sort: { column: 'doc', descending: false } });
    // {"w" : "a"} is id 20's, {"w" : "b"} id 19's...
    expect(byDoc.rows.map((r) => r[0])).toEqual([20, 19, 18]);
    const view = await fetchPage(fresh.handle, { table: 'small_view', limit: 3, from: { kind: 'start' }, sort: { column: 'id', descending: true } });
    expect(view.rows.map((r) => r[0])).toEqual([25, 24, 23]);
    const viewNext = await fetchPage(fresh.handle, { table: 'small_view', limit: 3, from: { kind: 'after', key: view.keys[2]! }, sort: { column: 'id', descending: true } });
    expect(viewNext.rows.map((r) => r[0])).toEqual([22, 21, 20]);
  });
});
