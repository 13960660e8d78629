import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../src/generate/generate.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-generate-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

type Rec = Record<string, unknown>;

describe('generate: determinism', () => {
  it('writes byte-identical files for the same seed and different ones for another seed', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const c = join(dir, 'c.json');
    await generate({ rows: 5000, out: a, seed: 7, catalogOut: join(dir, 'a.csv'), tracks: 2000 });
    await generate({ rows: 5000, out: b, seed: 7, catalogOut: join(dir, 'b.csv'), tracks: 2000 });
    await generate({ rows: 5000, out: c, seed: 8, catalogOut: join(dir, 'c.csv'), tracks: 2000 });
    expect(sha(a)).toBe(sha(b));
    expect(sha(join(dir, 'a.csv'))).toBe(sha(join(dir, 'b.csv')));
    expect(sha(a)).not.toBe(sha(c));
    expect(sha(join(dir, 'a.csv'))).not.toBe(sha(join(dir, 'c.csv')));
  });

  it('writes the same records as NDJSON, one per line', async () => {
    const json = join(dir, 'same.json');
    const ndjson = join(dir, 'same.ndjson');
    await generate({ rows: 3000, out: json, seed: 3 });
    await generate({ rows: 3000, out: ndjson, seed: 3, ndjson: true });
    const lines = readFileSync(ndjson, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(3000);
    expect(lines.map((l) => JSON.parse(l) as Rec)).toEqual(JSON.parse(readFileSync(json, 'utf8')));
  });
});

describe('generate: shape of the feed', () => {
  const rows = 20_000;
  const path = join(dir, 'shape.json');
  let result: GenerateResult;
  let records: Rec[];

  it('writes exactly --rows records in a JSON array laid out like the sample', async () => {
    result = await generate({ rows, out: path, seed: 11 });
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('[\n    {\n        "playlist_id": "PL')).toBe(true);
    expect(text.endsWith('\n    }\n]')).toBe(true);
    records = JSON.parse(text) as Rec[];
    expect(records).toHaveLength(rows);
    expect(result.feed.rows).toBe(rows);
  });

  it('gives good records every field with the sample types', () => {
    const fields = ['playlist_id', 'playlist_name', 'artwork_url', 'channel_id', 'views', 'num_videos', 'timestp', 'video_id', 'title', 'artist_name', 'image_url', 'track_title', 'position'];
    const good = withoutBad(records);
    expect(good.length).toBeGreaterThan(rows * 0.98);
    // Collected, not asserted one by one: 20,000 records x 13 fields of expect() is slow.
    const problems: string[] = [];
    const check = (ok: boolean, what: string, r: Rec): void => {
      if (!ok && problems.length < 5) problems.push(`${what}: ${JSON.stringify(r)}`);
    };
    for (const r of good) {
      check(Object.keys(r).join() === fields.join(), 'fields', r);
      check(/^PL[A-Za-z0-9_-]{32}$/.test(String(r.playlist_id)), 'playlist_id', r);
      check(/^UC[A-Za-z0-9_-]{22}$/.test(String(r.channel_id)), 'channel_id', r);
      check(/^[A-Za-z0-9_-]{11}$/.test(String(r.video_id)), 'video_id', r);
      check(/^https:\/\/i\.ytimg\.com\/vi\/[A-Za-z0-9_-]{11}\/(default|mqdefault|hqdefault)\.jpg$/.test(String(r.image_url)), 'image_url', r);
      check(String(r.image_url).includes(`/vi/${String(r.video_id)}/`), 'image_url of the video', r);
      check(/^https:\/\/i\.ytimg\.com\/vi\/[A-Za-z0-9_-]{11}\/default\.jpg$/.test(String(r.artwork_url)), 'artwork_url', r);
      for (const f of ['playlist_name', 'title']) check(typeof r[f] === 'string' && r[f] !== '', f, r);
      for (const f of ['artist_name', 'track_title']) check(r[f] === null || typeof r[f] === 'string', f, r);
      for (const f of ['views', 'num_videos', 'position']) check(Number.isSafeInteger(r[f]) && (r[f] as number) >= 0, f, r);
      check((r.position as number) < (r.num_videos as number), 'position < num_videos', r);
    }
    expect(problems).toEqual([]);
    const share = (f: string): number => good.filter((r) => r[f] === null).length / good.length;
    // The sample has 45% null artist_name and 26% null track_title.
    expect(share('artist_name')).toBeGreaterThan(0.38);
    expect(share('artist_name')).toBeLessThan(0.52);
    expect(share('track_title')).toBeGreaterThan(0.2);
    expect(share('track_title')).toBeLessThan(0.32);
  });

  it('has about 0.5% bad records of every kind, as many as it reports', () => {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    const keys = new Map<string, string>();
    for (const r of records) {
      const text = JSON.stringify(r);
      let kind = classify(r);
      if (kind === null) {
        const key = `${String(r.playlist_id)}|${String(r.video_id)}|${String(r.timestp)}`;
        if (seen.has(text)) kind = 'exact duplicate';
        else if (keys.has(key) && keys.get(key) !== text) kind = 'conflicting duplicate';
        else keys.set(key, text);
        seen.add(text);
      }
      if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(Object.values(result.feed.bad).reduce((a, b) => a + b, 0));
    expect(total / rows).toBeGreaterThan(0.003);
    expect(total / rows).toBeLessThan(0.007);
    for (const kind of ['missing video_id', 'negative views', 'bad timestp', 'exact duplicate', 'conflicting duplicate']) {
      expect(counts.get(kind) ?? 0, kind).toBe(result.feed.bad[kind as keyof GenerateResult['feed']['bad']]);
      expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it('simulates playlists: fewer channels, several snapshots a day, growing views, drifting positions', () => {
    const good = withoutBad(records);
    const playlists = new Set(good.map((r) => r.playlist_id));
    const channels = new Set(good.map((r) => r.channel_id));
    expect(playlists.size).toBe(result.feed.playlists);
    expect(channels.size).toBeLessThan(playlists.size);
    expect(new Set(good.map((r) => r.video_id)).size).toBe(result.feed.videos);

    const byPlaylist = new Map<unknown, Rec[]>();
    for (const r of good) {
      const list = byPlaylist.get(r.playlist_id) ?? [];
      list.push(r);
      byPlaylist.set(r.playlist_id, list);
    }
    let drifted = 0;
    for (const list of byPlaylist.values()) {
      list.sort((a, b) => String(a.timestp).localeCompare(String(b.timestp)));
      const snapshotHours = new Set(list.filter((r) => String(r.timestp).startsWith('2022-05-20')).map((r) => String(r.timestp).slice(0, 13)));
      expect(snapshotHours.size).toBe(4);
      for (let i = 1; i < list.length; i++) expect(list[i]!.views as number).toBeGreaterThanOrEqual(list[i - 1]!.views as number);
      const positions = new Map<unknown, Set<unknown>>();
      for (const r of list) positions.set(r.video_id, (positions.get(r.video_id) ?? new Set()).add(r.position));
      drifted += [...positions.values()].filter((s) => s.size > 1).length;
    }
    expect(drifted).toBeGreaterThan(100);
    const days = new Set(good.map((r) => String(r.timestp).slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(5);
  });
});

/** Good records only: no bad ones, each (playlist, video, timestp) once. */
function withoutBad(records: Rec[]): Rec[] {
  const keys = new Set<string>();
  return records.filter((r) => {
    const key = `${String(r.playlist_id)}|${String(r.video_id)}|${String(r.timestp)}`;
    if (classify(r) !== null || keys.has(key)) return false;
    keys.add(key);
    return true;
  });
}

/** The bad-record kinds a validator sees from a record alone (duplicates need context). */
function classify(r: Rec): string | null {
  if (typeof r.video_id !== 'string' || r.video_id === '') return 'missing video_id';
  if (typeof r.views === 'number' && r.views < 0) return 'negative views';
  if (typeof r.timestp !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])-([0-2]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$/.test(r.timestp)) return 'bad timestp';
  return null;
}
