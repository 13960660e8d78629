import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rawRecord, tempDir, writeTemp } from './fixtures.js';

// Runs the built CLI (npm test builds first) the way a cron job would: no TTY, real exit codes.
const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');

function run(...args: string[]) {
  return runWithInput(undefined, ...args);
}

function runWithInput(input: string | undefined, ...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'ingest', ...args], { encoding: 'utf8', input });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('cm-tui ingest (built CLI)', () => {
  it('exits 0 with a summary on stdout and nothing on stderr', () => {
    const records = [
      rawRecord({ timestp: '2022-05-19T10:00:00' }),
      rawRecord({ timestp: '2022-05-19T11:00:00', views: 2000 }),
      rawRecord({ timestp: '2022-05-19T11:00:00', views: 2000 }),
      rawRecord({ position: -1 }),
    ];
    const file = writeTemp('feed.json', JSON.stringify(records));
    const out = join(tempDir(), 'out');
    const { code, stdout, stderr } = run(file, '--no-db', '--out', out, '--granularity', 'hour');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 14)).toEqual([
      `${file} (JSON array)`,
      '  records read             4',
      '  valid                    2',
      '  duplicates               1',
      '  dead letters             1',
      '  users                    1',
      '  playlists                1',
      '  media_items              1',
      '  artists                  1',
      '  playlist_metadata_log    1',
      '  playlist_plays_log       2',
      '  playlist_positions_log   1',
      '  media_item_metadata_log  1',
      expect.stringMatching(/^ {2}elapsed {2}\d+\.\d\d s$/),
    ]);
    expect(lines[14]).toBe(`  wrote 8 CSV files and dead_letters.jsonl to ${out}`);
    expect(readFileSync(join(out, 'playlist_plays_log.csv'), 'utf8')).toBe(
      'playlist_id,ingest_timestamp,plays\n1,2022-05-19 10:00:00.000000,1000\n1,2022-05-19 11:00:00.000000,2000\n',
    );
  });

  it('compacts per day by default', () => {
    const records = [rawRecord({ timestp: '2022-05-19T10:00:00' }), rawRecord({ timestp: '2022-05-19T11:00:00', views: 2000 })];
    const out = join(tempDir(), 'out');
    expect(run(writeTemp('feed.json', JSON.stringify(records)), '--no-db', '--out', out).code).toBe(0);
    expect(readFileSync(join(out, 'playlist_plays_log.csv'), 'utf8')).toBe('playlist_id,ingest_timestamp,plays\n1,2022-05-19 11:00:00.000000,2000\n');
  });

  it('exits 1 with one line, no stack trace and no files for a broken file', () => {
    const text = `[${JSON.stringify(rawRecord())},\n{"playlist_id": tru}]`;
    const file = writeTemp('broken.json', text);
    const parent = tempDir();
    const { code, stdout, stderr } = run(file, '--no-db', '--out', join(parent, 'out'));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(`cm-tui: ${file}: invalid JSON at byte ${text.indexOf('tru')} (line 2, column 17): expected a JSON value\n`);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('reads standard input for -; an error there names the byte offset only', () => {
    const out = join(tempDir(), 'out');
    const good = runWithInput(`${JSON.stringify(rawRecord())}\n`, '-', '--no-db', '--out', out);
    expect(good.stderr).toBe('');
    expect(good.stdout.split('\n', 3)).toEqual(['- (NDJSON)', '  records read             1', '  valid                    1']);
    const bad = runWithInput('[{"playlist_id": 1,}]', '-', '--no-db', '--out', out);
    expect(bad).toEqual({ code: 1, stdout: '', stderr: 'cm-tui: -: invalid JSON at byte 19: expected a double-quoted property name\n' });
  });

  it('exits 1 when the input cannot be opened', () => {
    const dir = tempDir();
    expect(run(dir, '--no-db', '--out', join(dir, 'out'))).toEqual({ code: 1, stdout: '', stderr: `cm-tui: ${dir} is a directory, not a JSON file\n` });
  });

  it('exits 1 for a missing or empty file', () => {
    const out = join(tempDir(), 'out');
    expect(run('/nonexistent.json', '--no-db', '--out', out)).toEqual({ code: 1, stdout: '', stderr: 'cm-tui: /nonexistent.json: no such file\n' });
    const empty = writeTemp('empty.json', '');
    expect(run(empty, '--no-db', '--out', out)).toEqual({ code: 1, stdout: '', stderr: `cm-tui: ${empty} is empty: expected a JSON array or NDJSON\n` });
    expect(existsSync(out)).toBe(false);
  });

  it('exits 1 with one line, instead of hanging, when --out cannot be made', () => {
    const sample = writeTemp('feed.ndjson', `${JSON.stringify(rawRecord())}\n`);
    const file = writeTemp('a-file', '');
    expect(run(sample, '--no-db', '--out', join(file, 'out'))).toEqual({ code: 1, stdout: '', stderr: `cm-tui: cannot write to ${join(file, 'out')}: not a directory (${file})\n` });
    if (existsSync('/proc/self')) {
      const result = spawnSync(process.execPath, [cli, 'ingest', sample, '--no-db', '--out', '/proc/cm-tui-x/out'], { encoding: 'utf8', timeout: 20_000 });
      expect({ code: result.status, stderr: result.stderr }).toEqual({ code: 1, stderr: 'cm-tui: cannot write to /proc/cm-tui-x/out: cannot create a folder there (/proc/cm-tui-x)\n' });
    }
  });

  it.each([
    [['--no-db', '--out', 'x'], "cm-tui: ingest: expected one input file, got 0. Try cm-tui ingest --help\n"],
    [['a.json', '--no-db', '--out', 'x', '--granularity', 'year'], "cm-tui: ingest: --granularity must be one of hour, day, week, month, got 'year'\n"],
    [['a.json', '--no-db'], 'cm-tui: ingest: --no-db needs --out DIR (there would be nothing to write)\n'],
    [['a.json', '--no-db', '--db', 'postgresql://localhost/x', '--out', 'x'], 'cm-tui: ingest: --no-db and --db exclude each other\n'],
  ])('exits 2 on bad usage: %j', (args, stderr) => {
    expect(run(...args)).toEqual({ code: 2, stdout: '', stderr });
  });

  it('exits 2 on an unknown flag, with one line naming it and the help', () => {
    expect(run('a.json', '--bogus')).toEqual({ code: 2, stdout: '', stderr: 'cm-tui: unknown option --bogus for ingest (see cm-tui ingest --help)\n' });
  });
});
