import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { flagProblem, parseFlags } from '../../src/commands/flags.js';
import { COMMANDS } from '../../src/commands/registry.js';
import { UsageError } from '../../src/errors.js';

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');
const home = mkdtempSync(join(tmpdir(), 'cm-tui-flags-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function run(args: string[]) {
  // No database is opened: flags are read first. DATABASE_URL is dropped so nothing could connect.
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: home };
  delete env['DATABASE_URL'];
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('a wrong flag', () => {
  it.each(Object.keys(COMMANDS))('on %s: one line naming the flag, the command and its help, exit 2', (name) => {
    const { code, stdout, stderr } = run([name, '--frob']);
    const help = name === 'tui' ? '(see cm-tui tui --help)' : `for ${name} (see cm-tui ${name} --help)`;
    expect(stderr).toBe(`cm-tui: unknown option --frob ${help}\n`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('on plain cm-tui (the TUI at Home) names the tui help', () => {
    const { code, stderr } = run(['--frob']);
    expect(stderr).toBe('cm-tui: unknown option --frob (see cm-tui tui --help)\n');
    expect(code).toBe(2);
  });

  it('says what else is wrong in the same one line: a missing value, a value to a switch, a stray argument', () => {
    const options = { db: { type: 'string' as const }, csv: { type: 'boolean' as const } };
    const problem = (args: string[]) => {
      try {
        parseFlags('sql', { args, options, allowPositionals: false });
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      return null;
    };
    expect(problem(['--db'])).toBe('option --db needs a value for sql (see cm-tui sql --help)');
    expect(problem(['--csv=yes'])).toBe('option --csv takes no value for sql (see cm-tui sql --help)');
    expect(problem(['extra'])).toBe("unexpected argument 'extra' for sql (see cm-tui sql --help)");
    expect(problem(['-x'])).toBe('unknown option -x for sql (see cm-tui sql --help)');
    expect(problem(['--db', 'x'])).toBeNull();
    expect(flagProblem('ingest', Object.assign(new Error("Unknown option '--frob'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--frob\"'"), { code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' }))).toBe(
      'unknown option --frob for ingest (see cm-tui ingest --help)',
    );
  });
});
