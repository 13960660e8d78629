import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { OutputFolder } from '../../src/csv/output-folder.js';

const dir = (): string => mkdtempSync(join(tmpdir(), 'cm-tui-csv-'));

describe('OutputFolder.writeCsv', () => {
  const awkward = [
    'comma, inside',
    'a "quoted" word',
    'line\nbreak',
    'windows\r\nbreak',
    '🎵 emoji and ♫ and é',
    '  leading and trailing spaces  ',
    '"',
    ',',
    '=SUM(A1)',
    'x'.repeat(1024 * 1024) + '"\n,',
  ];

  it('round-trips awkward strings exactly through csv-parse', async () => {
    const out = await OutputFolder.open(dir());
    const rows = awkward.map((text, i) => [i, text]);
    expect(await out.writeCsv('t.csv', ['id', 'text'], rows)).toBe(awkward.length);
    await out.commit();
    const parsed = parse(readFileSync(join(out.dir, 't.csv')), { columns: true }) as { id: string; text: string }[];
    expect(parsed.map((r) => r.text)).toEqual(awkward);
    expect(parsed.map((r) => r.id)).toEqual(awkward.map((_, i) => String(i)));
  });

  it('writes null as an empty field and an empty string as ""', async () => {
    const out = await OutputFolder.open(dir());
    await out.writeCsv('t.csv', ['a', 'b', 'c'], [[null, '', 0]]);
    await out.commit();
    expect(readFileSync(join(out.dir, 't.csv'), 'utf8')).toBe('a,b,c\n,"",0\n');
  });

  it('shows nothing until commit, and discard leaves the folder as it was', async () => {
    const folder = dir();
    writeFileSync(join(folder, 't.csv'), 'old\n');
    const out = await OutputFolder.open(folder);
    await out.writeCsv('t.csv', ['a'], [[1]]);
    const text = out.openText('log.jsonl');
    await text.write('{"x":1}\n');
    expect(readFileSync(join(folder, 't.csv'), 'utf8')).toBe('old\n');
    await out.discard();
    expect(readdirSync(folder)).toEqual(['t.csv']);
    expect(readFileSync(join(folder, 't.csv'), 'utf8')).toBe('old\n');
  });

  it('removes a folder it created when discarding', async () => {
    const folder = join(dir(), 'new', 'out');
    const out = await OutputFolder.open(folder);
    await out.writeCsv('t.csv', ['a'], [[1]]);
    await out.discard();
    expect(existsSync(join(folder, '..'))).toBe(false);
  });

  it('streams many rows from an async source', async () => {
    async function* rows() {
      for (let i = 0; i < 50_000; i++) yield [i, `row ${i}`];
    }
    const out = await OutputFolder.open(dir());
    expect(await out.writeCsv('big.csv', ['n', 'label'], rows())).toBe(50_000);
    await out.commit();
    const lines = readFileSync(join(out.dir, 'big.csv'), 'utf8').split('\n');
    expect(lines[50_000]).toBe('49999,row 49999');
  });
});

describe('OutputFolder safe formulas', () => {
  const cells = ['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'plain', 'a=b', ''];

  it('prefixes an apostrophe to cells a spreadsheet would run, numbers left alone', async () => {
    const out = await OutputFolder.open(dir(), { safeFormulas: true });
    await out.writeCsv('t.csv', ['text', 'n'], cells.map((text) => [text, -3]));
    await out.commit();
    expect(readFileSync(join(out.dir, 't.csv'), 'utf8')).toBe(
      'text,n\n' +
        [`"'=HYPERLINK(""http://x"",""y"")"`, "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'plain', 'a=b', '""'].map((c) => `${c},-3\n`).join(''),
    );
  });

  it('writes them as they are by default', async () => {
    const out = await OutputFolder.open(dir());
    await out.writeCsv('t.csv', ['text'], cells.map((text) => [text]));
    await out.commit();
    const parsed = parse(readFileSync(join(out.dir, 't.csv')), { columns: true }) as { text: string }[];
    expect(parsed.map((r) => r.text)).toEqual(cells);
  });
});

describe('OutputFolder and the staged files of killed runs', () => {
  /** A pid no process has: above the kernel's pid_max. */
  const deadPid = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8')) + 1;

  it('removes the staged files of a dead pid when opened; a live pid\'s stay', async () => {
    const folder = dir();
    writeFileSync(join(folder, `.users.csv.${deadPid}.tmp`), 'half');
    writeFileSync(join(folder, `.dead_letters.jsonl.${deadPid}.tmp`), 'half');
    writeFileSync(join(folder, `.users.csv.${process.ppid}.tmp`), 'a concurrent run');
    writeFileSync(join(folder, 'users.csv'), 'kept');
    writeFileSync(join(folder, `.notes.${deadPid}.txt`), 'not a staged name');
    await OutputFolder.open(folder);
    expect(readdirSync(folder).sort()).toEqual([`.notes.${deadPid}.txt`, `.users.csv.${process.ppid}.tmp`, 'users.csv']);
  });
});
