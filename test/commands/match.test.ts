import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [cli, ...args], (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }));
  });
}

describe('cm-tui match --auto-accept / --auto-no-match', () => {
  it('refuses a confidence out of range, or a no-match bar above the accept bar, in one line (a usage error: exit 2)', async () => {
    const out = await run(['match', '--db', 'memory://', '--auto-no-match', '2']);
    expect(out).toMatchObject({ code: 2, stdout: '' });
    expect(out.stderr).toBe("cm-tui: match: --auto-no-match must be a number from 0 to 1, got '2'\n");
    const crossed = await run(['match', '--db', 'memory://', '--auto-accept', '0.5', '--auto-no-match', '0.6']);
    expect(crossed.code).toBe(2);
    expect(crossed.stderr).toBe('cm-tui: match: --auto-no-match (0.6) must not exceed --auto-accept (0.5)\n');
    expect((await run(['match', '--db', 'memory://', '--margin', '0.1'])).code).toBe(2);
  });

  it('alone, both flags take their defaults and preview their counts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cm-match-cli-'));
    try {
      const out = await run(['match', '--db', join(dir, 'pg'), '--auto-accept', '--auto-no-match']);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      expect(out.stdout).toContain('auto-accept: 0 media items would be accepted (confidence >= 0.95)\n');
      expect(out.stdout).toContain('auto-no-match: 0 media items would be recorded as no match (no recording reaches confidence 0.05)\n');
      expect(out.stdout).toMatch(/ {2}auto-accepted {4}0\n {2}auto no-match {4}0\n/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
