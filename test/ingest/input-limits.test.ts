import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/db/connect.js';
import { testTargets } from '../support/db-targets.js';
import { rawRecord, tempDir } from './fixtures.js';

// What the database cannot store must be a dead letter, never the end of the load: through the
// built CLI, the JavaScript and the native parser, into CSV files and into both databases.
const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/src/cli.js');
const run = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

/** Bad records, each as the JSON text the feed would hold, and the reason it must get. */
const BAD: [string, string][] = [
  [JSON.stringify(rawRecord({ video_id: 'bad-title', title: 'bad\u0000title' })), 'title: contains a NUL character (U+0000), which the database cannot store, got "bad\\u0000title"'],
  [JSON.stringify(rawRecord({ video_id: 'bad-playlist', playlist_id: 'PL\u0000' })), 'playlist_id: contains a NUL character (U+0000), which the database cannot store, got "PL\\u0000"'],
  [JSON.stringify(rawRecord({ video_id: 'bad-position', position: 3000000000 })), 'position: 3000000000 is out of range: at most 2147483647 (the column is a 32-bit integer)'],
  [JSON.stringify(rawRecord({ video_id: 'bad-num-videos', num_videos: 2147483648 })), 'num_videos: 2147483648 is out of range: at most 2147483647 (the column is a 32-bit integer)'],
  [JSON.stringify(rawRecord({ video_id: 'bad-views', views: 0 })).replace('"views":0', '"views":9007199254740993'), 'views: 9007199254740993 is out of range: at most 9007199254740991 (larger numbers lose digits)'],
  [JSON.stringify(rawRecord({ video_id: 'huge-views', views: 0 })).replace('"views":0', '"views":1e400'), 'views: 1e400 is out of range: at most 9007199254740991 (larger numbers lose digits)'],
  [JSON.stringify(rawRecord({ video_id: 'rounded-position', position: 0 })).replace('"position":0', '"position":2000000000.0000001'), 'position: expected a non-negative integer or null, got 2000000000.0000001'],
  [JSON.stringify(rawRecord({ video_id: 'tiny-num-videos', num_videos: 0 })).replace('"num_videos":0', '"num_videos":1e-400'), 'num_videos: expected a non-negative integer or null, got 1e-400'],
];
/** A raw 0x00 byte inside a string: JSON does not allow it, but only this record is broken. */
const RAW_NUL: [string, string] = [JSON.stringify(rawRecord({ video_id: 'raw-nul', artist_name: 'A@B' })).replace('@', '\u0000'), 'artist_name: contains a NUL character (U+0000), which the database cannot store, got "A\\u0000B"'];

/** Enough valid records for several regions (the native scanner sees the middle ones), the largest counts each column holds among them. */
const VALID = 6_000;
function valid(i: number): string {
  const edge = i === 10 ? { position: 2147483647, num_videos: 2147483647, views: 9007199254740991 } : {};
  return JSON.stringify(rawRecord({ video_id: `vid-${i}`, position: i % 200, title: `Song ${i} (Official Video)`, ...edge }));
}

/** The records in file order: the bad ones spread among the valid ones; record index of each bad one. */
function feed(bad: [string, string][]): { texts: string[]; reasons: Map<number, string> } {
  const texts: string[] = [];
  const reasons = new Map<number, string>();
  const every = Math.floor(VALID / (bad.length + 1));
  let next = 0;
  for (let i = 0; i < VALID; i++) {
    if (i > 0 && i % every === 0 && next < bad.length) {
      reasons.set(texts.length, bad[next]![1]);
      texts.push(bad[next++]![0]);
    }
    texts.push(valid(i));
  }
  return { texts, reasons };
}

const dir = tempDir('cm-limits-');
const files = {
  array: (() => {
    const { texts, reasons } = feed(BAD);
    const path = join(dir, 'feed.json');
    writeFileSync(path, `[\n${texts.join(',\n')}\n]\n`);
    return { path, reasons };
  })(),
  'array with a raw NUL': (() => {
    const { texts, reasons } = feed([RAW_NUL]);
    const path = join(dir, 'raw-nul.json');
    writeFileSync(path, `[\n${texts.join(',\n')}\n]\n`);
    return { path, reasons };
  })(),
  NDJSON: (() => {
    const { texts, reasons } = feed([...BAD, RAW_NUL]);
    const path = join(dir, 'feed.ndjson');
    writeFileSync(path, `${texts.join('\n')}\n`);
    return { path, reasons };
  })(),
};

const summaryCounts = (stdout: string) => ({
  valid: Number(/ valid +([\d,]+)/.exec(stdout)?.[1]?.replaceAll(',', '')),
  deadLetters: Number(/ dead letters +([\d,]+)/.exec(stdout)?.[1]?.replaceAll(',', '')),
});

describe.each([
  ['JavaScript', '0'],
  ['native', '1'],
] as const)('ingest through the %s parser', (_, native) => {
  describe.each(Object.entries(files))('%s', (_name, file) => {
    it('--no-db: each bad record is a dead letter with its reason, every valid one is written, no NUL in any CSV', () => {
      const out = join(tempDir(), 'out');
      const result = run(['ingest', file.path, '--no-db', '--out', out], { CM_TUI_NATIVE: native });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(summaryCounts(result.stdout)).toEqual({ valid: VALID, deadLetters: file.reasons.size });
      const letters = readFileSync(join(out, 'dead_letters.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { record_index: number; reason: string });
      expect(new Map(letters.map((l) => [l.record_index, l.reason]))).toEqual(file.reasons);
      for (const name of readdirSync(out).filter((n) => n.endsWith('.csv'))) expect(readFileSync(join(out, name)).includes(0)).toBe(false);
      const positions = readFileSync(join(out, 'playlist_positions_log.csv'), 'utf8');
      expect(positions).toContain(',2147483647\n');
      expect(readFileSync(join(out, 'playlist_plays_log.csv'), 'utf8')).toContain(',9007199254740991\n');
    });

    it.each(testTargets())('--db ($name): loads every valid record and files the bad ones as dead letters', async (target) => {
      const fresh = await target.fresh();
      try {
        // The child process opens the database itself: an embedded one needs a folder.
        const dbArg = target.name === 'embedded' ? join(tempDir(), 'db') : fresh.dbArg;
        if (target.name === 'embedded') await fresh.dispose();
        const result = run(['ingest', file.path, '--db', dbArg], { CM_TUI_NATIVE: native });
        expect(result.stderr).toBe('');
        expect(result.code).toBe(0);
        expect(summaryCounts(result.stdout)).toEqual({ valid: VALID, deadLetters: file.reasons.size });
        const handle = target.name === 'embedded' ? await connect({ kind: 'embedded', dir: dbArg }) : fresh.handle;
        try {
          const letters = await handle.db.selectFrom('dead_letters').select(['record_index', 'reason', 'raw_text']).execute();
          expect(new Map(letters.map((l) => [Number(l.record_index), l.reason]))).toEqual(file.reasons);
          const observations = await handle.db.selectFrom('playlist_observations').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('position'), eb.fn.max('views').as('views')]).executeTakeFirstOrThrow();
          expect({ n: Number(observations.n), position: Number(observations.position), views: Number(observations.views) }).toEqual({ n: VALID, position: 2147483647, views: 9007199254740991 });
          const rawNul = letters.find((l) => l.reason.startsWith('artist_name'));
          if (rawNul) expect(rawNul.raw_text).toContain('"artist_name":"A\\u0000B"');
        } finally {
          if (target.name === 'embedded') await handle.close();
        }
      } finally {
        if (target.name === 'server') await fresh.dispose();
      }
    }, 300_000);
  });
});

describe.each(testTargets())('the catalog on $name', (target) => {
  it('files a row with a NUL as a dead letter and loads the others', async () => {
    const csv = join(dir, 'cm_track.csv');
    writeFileSync(
      csv,
      Buffer.from(
        [
          '"cm_track","track","isrc","cm_artist","artist"',
          '1,"Male Fantasy","GBUM71100001",10,"Billie Eilish"',
          '2,"Bad\u0000Track","GBUM71100002",10,"Billie Eilish"',
          '3,"Let Her Go","USSM11200001",20,"Pass\u0000enger"',
          '4,"Fine","USSM11200002",20,"Passenger"',
        ].join('\n') + '\n',
      ),
    );
    const fresh = await target.fresh();
    try {
      const dbArg = target.name === 'embedded' ? join(tempDir(), 'db') : fresh.dbArg;
      const result = run(['isrc', csv, '--db', dbArg]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('dead letters 2: NUL character 2');
      const handle = target.name === 'embedded' ? await connect({ kind: 'embedded', dir: dbArg }) : fresh.handle;
      try {
        expect((await handle.db.selectFrom('isrc_lookup').select('isrc').orderBy('isrc').execute()).map((r) => r.isrc)).toEqual(['GBUM71100001', 'USSM11200002']);
        expect(await handle.db.selectFrom('dead_letters').select(['record_index', 'raw_text', 'reason']).orderBy('record_index').execute()).toEqual([
          { record_index: 3, raw_text: '2,"Bad\\u0000Track","GBUM71100002",10,"Billie Eilish"', reason: 'track: contains a NUL character (U+0000), which the database cannot store' },
          { record_index: 4, raw_text: '3,"Let Her Go","USSM11200001",20,"Pass\\u0000enger"', reason: 'artist: contains a NUL character (U+0000), which the database cannot store' },
        ]);
      } finally {
        if (target.name === 'embedded') await handle.close();
      }
    } finally {
      await fresh.dispose();
    }
  }, 300_000);
});
