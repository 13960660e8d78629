import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTarget, maskUrl, withoutSecrets } from '../../src/db/target.js';
import { testTargets } from '../support/db-targets.js';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'cm-tui-mask-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Base64 and generated passwords hold any of these; most make the URL unparseable as written.
const PASSWORDS = ['ab+c/d9==', 'p@ss@word', 'a:b:c', 'per%cent', 'what?now', 'hash#tag', 'x/y@z:w%q?r#s+t=u'];

/** The password as written and every way a parser might decode it. */
function forms(password: string): string[] {
  const decoded = (() => {
    try {
      return [decodeURIComponent(password)];
    } catch {
      return [];
    }
  })();
  return [password, encodeURIComponent(password), ...decoded];
}

describe('masking a URL without parsing it', () => {
  it.each(PASSWORDS)('hides %s everywhere a target is shown', (password) => {
    const url = `postgresql://postgres:${password}@127.0.0.1:5432/music`;
    expect(maskUrl(url)).toBe('postgresql://postgres:***@127.0.0.1:5432/music');
    expect(describeTarget({ kind: 'server', url })).toBe('PostgreSQL server postgresql://postgres:***@127.0.0.1:5432/music');
    const encoded = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:5432/music`;
    expect(maskUrl(encoded)).toBe('postgresql://postgres:***@127.0.0.1:5432/music');
    // pg's message may echo the URL or the decoded password.
    const echoed = withoutSecrets(`cannot use ${url}: password "${password}" rejected (${decodeURIComponent(encodeURIComponent(password))})`, url);
    expect(echoed).toBe('cannot use postgresql://postgres:***@127.0.0.1:5432/music: password "***" rejected (***)');
  });

  it('hides password parameters and leaves a URL without password as it is', () => {
    expect(maskUrl('postgresql://h/db?sslmode=require&password=ab/c@d&x=1')).toBe('postgresql://h/db?sslmode=require&password=***&x=1');
    expect(maskUrl('postgresql://ana@db.example:5432/music')).toBe('postgresql://ana@db.example:5432/music');
    expect(maskUrl('postgres://db.example/music')).toBe('postgres://db.example/music');
  });
});

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the CLI never prints the password', () => {
  it.each(PASSWORDS)('a failed connect with %s in the URL: one line, masked', (password) => {
    // Port 1: nothing listens, so a URL that parses is refused at once.
    const url = `postgresql://postgres:${password}@127.0.0.1:1/music`;
    const result = run('sql', '--db', url, 'select 1');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cm-tui: cannot connect to postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/music: [^\n]+\n$/);
    for (const form of forms(password)) expect(result.stderr).not.toContain(form);
  }, 60_000);

  const server = testTargets().find((t) => t.name === 'server');
  it.skipIf(server === undefined)('a summary on a server reached with each password, percent-encoded (trust auth ignores it)', async () => {
    const fresh = await server!.fresh();
    try {
      const catalog = join(scratch, 'catalog.csv');
      writeFileSync(catalog, 'cm_track,track,isrc,cm_artist,artist\n1,Song A,USAAA2200001,10,Artist A\n');
      const base = new URL(fresh.dbArg);
      for (const password of PASSWORDS) {
        const url = `postgresql://postgres:${encodeURIComponent(password)}@${base.host}${base.pathname}`;
        const result = run('isrc', catalog, '--db', url);
        expect(result.stderr).toBe('');
        expect(result.stdout.split('\n')[0]).toBe(`isrc: ${catalog} -> PostgreSQL server postgresql://postgres:***@${base.host}${base.pathname}`);
        for (const form of forms(password)) expect(result.stdout).not.toContain(form);
      }
    } finally {
      await fresh.dispose();
    }
  }, 120_000);
});
