import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.js';

// The worker thread is a compiled .js file: these tests run the build (npm test builds first).
const dist = (path: string) => join(import.meta.dirname, '../../dist/src', path);
const { connect } = (await import(dist('db/connect.js'))) as typeof import('../../src/db/connect.js');
const { ExplorerSession } = (await import(dist('explorer/session.js'))) as typeof import('../../src/explorer/session.js');

const scratch = mkdtempSync(join(tmpdir(), 'cm-tui-thread-'));
let handle: DbHandle;

beforeAll(async () => {
  handle = await connect({ kind: 'embedded', dir: join(scratch, 'db') }, { thread: true });
  await handle.session((s) => s.exec('CREATE TABLE kept (n int8, at timestamp)'));
});

afterAll(async () => {
  await handle?.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Starts a statement that would run a minute, and interrupts it once it is running. */
async function interruptedSleep(statement: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const outcome = statement.then(
    () => ({ error: null, ms: performance.now() - started }),
    (error: unknown) => ({ error, ms: performance.now() - started }),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  await handle.interrupt!();
  return outcome;
}

describe('the embedded database on its own thread (the TUI)', () => {
  it('answers as PGlite on this thread does: int8 as a number, timestamps as text, COPY, transactions', async () => {
    expect(handle.pglite).toBeUndefined();
    expect(handle.interrupt).toBeTypeOf('function');
    await handle.session((s) => s.copyCsv('kept', ['n', 'at'], ['1,2022-05-20 12:19:10.516896\n', '2,\n']));
    await handle.db.transaction().execute((trx) => sql`INSERT INTO kept VALUES (3, NULL)`.execute(trx));
    const rows = await sql<{ n: number; at: string | null }>`SELECT n, at FROM kept ORDER BY n`.execute(handle.db);
    expect(rows.rows).toEqual([
      { n: 1, at: '2022-05-20 12:19:10.516896' },
      { n: 2, at: null },
      { n: 3, at: null },
    ]);
  });

  it('an interrupt stops a running statement with the error a server gives, and the database opens again', async () => {
    const { error, ms } = await interruptedSleep(sql`SELECT pg_sleep(60)`.execute(handle.db));
    expect(error).toMatchObject({ code: '57014', message: 'canceling statement due to user request' });
    expect(ms).toBeLessThan(60_000);
    const count = await sql<{ n: number }>`SELECT count(*) AS n FROM kept`.execute(handle.db);
    expect(count.rows).toEqual([{ n: 3 }]);
  });

  it('the interrupted transaction is rolled back; what was committed stays', async () => {
    const writing = handle.session(async (s) => {
      await s.exec('BEGIN');
      await s.exec('INSERT INTO kept VALUES (4, NULL)');
      await s.exec('SELECT pg_sleep(60)');
    });
    const { error } = await interruptedSleep(writing);
    expect(error).toMatchObject({ code: '57014' });
    const kept = await sql<{ n: number }>`SELECT n FROM kept ORDER BY n`.execute(handle.db);
    expect(kept.rows.map((r) => r.n)).toEqual([1, 2, 3]);
  });

  it("the explorer's Ctrl+C cancels a single running statement and the next one runs", async () => {
    const explorer = await ExplorerSession.open(handle);
    try {
      const running = explorer.run('select pg_sleep(60)');
      // First the read-only check loads its parser: wait until the statement is sent.
      while (!explorer.running) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await explorer.cancel()).toBe('cancelled');
      expect(await running).toMatchObject({ kind: 'error', code: '57014', message: 'canceling statement due to user request' });
      expect(await explorer.run('select count(*) as n from kept')).toMatchObject({ kind: 'rows', rows: [['3']] });
    } finally {
      await explorer.close();
    }
  });
});
