import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The built CLI (npm test builds first), as a script would call it.
const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(root, 'dist/src/cli.js'), 'sql', ...args], { encoding: 'utf8', input: input ?? '', env: { ...process.env, NO_COLOR: '1' } });

describe('cm-tui sql', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'cm-sql-')), 'pg');

  it('is read-only unless --write: one line and exit 1 on the refused DELETE', () => {
    const written = cli(['--db', db, '--write', "insert into users (source, source_id) values ('YOUTUBE', 'c1'), ('YOUTUBE', 'c2')"]);
    expect([written.status, written.stdout]).toEqual([0, 'INSERT 2\n']);
    const refused = cli(['--db', db, 'delete from users']);
    expect([refused.status, refused.stderr]).toEqual([1, 'cm-tui: ERROR: read-only: DELETE refused, only SELECT, VALUES, TABLE, EXPLAIN and SHOW run; cm-tui sql --write allows writes\n']);
  });

  it('cannot be switched to writing: the bypass is refused, nothing of the query runs, the DELETE after it neither', () => {
    const query = cli(['--db', db, 'select count(*) as before from users; begin read write; delete from users']);
    expect([query.status, query.stdout, query.stderr]).toEqual([1, '', 'cm-tui: ERROR: read-only: BEGIN refused, each statement runs in its own read-only transaction; cm-tui sql --write allows writes\n']);
    const piped = cli(['--db', db, '--csv'], "select 1 as a;\nselect set_config('default_transaction_read_only', 'off', false);\ndelete from users;\n");
    expect([piped.status, piped.stdout, piped.stderr]).toEqual([1, '', 'cm-tui: ERROR: read-only: set_config() refused, it may act beyond reading; cm-tui sql --write allows writes\n']);
    expect(cli(['--db', db, '--csv', 'select count(*) from users']).stdout).toBe('count\n2\n');
  }, 180_000);

  it('prints CSV with --csv, and an aligned table without', () => {
    const csv = cli(['--db', db, 'select count(*) from users', '--csv']);
    expect([csv.status, csv.stdout, csv.stderr]).toEqual([0, 'count\n2\n', '']);
    const table = cli(['--db', db, 'select source_id, null as nothing from users order by 1']);
    expect(table.stdout).toBe(' source_id | nothing\n-----------+---------\n c1        |\n c2        |\n(2 rows)\n');
  });

  it('reads statements from stdin and stops at the first error', () => {
    const run = cli(['--db', db, '--csv'], "select 1 as a;\nselect 'x;y' as b;\nselect nope;\nselect 4;\n");
    expect([run.status, run.stdout, run.stderr]).toEqual([1, 'a\n1\nb\nx;y\n', 'cm-tui: ERROR: column "nope" does not exist\n']);
  });
});
