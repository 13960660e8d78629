import { mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../src/generate/catalog.js';
import { generate } from '../../src/generate/generate.js';
import { stripAccents } from '../../src/generate/names.js';
import { video } from '../../src/generate/videos.js';

const dir = mkdtempSync(join(tmpdir(), 'cm-catalog-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const ISRC = /^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$/;

describe('generate: catalog', () => {
  const tracks = 50_000;
  const path = join(dir, 'cm_track.csv');
  let rows: string[][];

  it('writes the cm_track.csv header and one row per track', async () => {
    const result = await generate({ rows: 10, out: join(dir, 'feed.json'), catalogOut: path, tracks, seed: 5 });
    const text = readFileSync(path, 'utf8');
    expect(text.split('\n')[0]).toBe('"cm_track","track","isrc","cm_artist","artist"');
    rows = parse(text, { relax_column_count: true, from_line: 2 }) as string[][];
    expect(rows).toHaveLength(tracks);
    expect(result.catalog?.tracks).toBe(tracks);
    expect(result.catalog?.badRows).toBe(rows.filter((r) => r.length !== 5 || !ISRC.test(r[2] ?? '')).length);
  });

  it('gives good rows valid, unique ISRCs, and about 0.5% bad rows', () => {
    const good = rows.filter((r) => r.length === 5 && ISRC.test(r[2] ?? ''));
    const bad = rows.length - good.length;
    expect(bad / rows.length).toBeGreaterThan(0.003);
    expect(bad / rows.length).toBeLessThan(0.007);
    expect(new Set(good.map((r) => r[2])).size).toBe(good.length);
    expect(new Set(good.map((r) => r[0])).size).toBe(good.length);
    const kinds = rows.filter((r) => r.length !== 5 || !ISRC.test(r[2] ?? ''));
    expect(kinds.some((r) => r.length === 4)).toBe(true);
    expect(kinds.some((r) => r[2] === '')).toBe(true);
    expect(kinds.some((r) => r.length === 5 && r[2] !== '')).toBe(true);
  });

  it('has realistic names: accents, feat. credits and version rows of the same song', () => {
    const titles = rows.map((r) => r[1] ?? '');
    expect(titles.some((t) => / - Remix$/.test(t))).toBe(true);
    expect(titles.some((t) => / \(Live\)$/.test(t))).toBe(true);
    expect(titles.some((t) => / - Acoustic$/.test(t))).toBe(true);
    expect(titles.some((t) => / \(Sped Up\)$/.test(t))).toBe(true);
    expect(titles.filter((t) => t.includes('(feat. ')).length).toBeGreaterThan(tracks * 0.05);
    expect(rows.filter((r) => /[À-ž]/.test(r[4] ?? '')).length).toBeGreaterThan(tracks * 0.05);
    // A version row follows its song by the same artist: "X (Live)" after "X".
    const catalog = new Catalog(5, tracks, 0.005);
    const version = [...Array(200).keys()].map((i) => catalog.track(i)).find((t) => t.version !== null && !t.bad);
    expect(version).toBeDefined();
    const root = catalog.track(catalog.root(version!.index));
    expect(root.version).toBeNull();
    expect(version!.title.startsWith(root.title)).toBe(true);
    expect(version!.artist).toEqual(root.artist);
    expect(version!.isrc).not.toBe(root.isrc);
  });
});

describe('generate: videos drawn from the catalog', () => {
  const catalog = new Catalog(9, 100_000, 0.005);
  const fold = (s: string): string => stripAccents(s).toLowerCase();
  const videos = [...Array(2000).keys()].map((j) => video(catalog, j));

  it('points most videos at a good catalog track whose song and artist the title carries', () => {
    const matched = videos.filter((v) => v.catalogIndex !== null);
    expect(matched.length / videos.length).toBeGreaterThan(0.8);
    expect(matched.length / videos.length).toBeLessThan(0.9);
    for (const v of matched) {
      const track = catalog.track(v.catalogIndex!);
      expect(track.bad).toBeNull();
      expect(fold(v.title)).toContain(fold(track.song));
      expect(fold(v.title)).toContain(fold(track.artist.name));
    }
    expect(matched.some((v) => catalog.track(v.catalogIndex!).version !== null)).toBe(true);
  });

  it('decorates titles the way YouTube channels do', () => {
    const titles = videos.map((v) => v.title);
    expect(titles.some((t) => t.endsWith(' (Official Music Video)'))).toBe(true);
    expect(titles.some((t) => t.includes(' | '))).toBe(true);
    expect(titles.some((t) => t.includes('[4K]'))).toBe(true);
    expect(titles.some((t) => t.includes(' ft. '))).toBe(true);
    expect(titles.some((t) => t.includes(' – '))).toBe(true);
    expect(titles.filter((t) => t === t.toUpperCase() && /[A-Z]/.test(t)).length).toBeGreaterThan(50);
    expect(new Set(videos.map((v) => v.videoId)).size).toBe(videos.length);
  });
});

describe('generate: --truth', () => {
  it('lists every video of the feed once with the ISRC of the catalog row it is an upload of', async () => {
    const out = join(dir, 'truth-feed.ndjson');
    const catalogPath = join(dir, 'truth-catalog.csv');
    const truthPath = join(dir, 'truth.csv');
    const result = await generate({ rows: 4000, out, ndjson: true, catalogOut: catalogPath, tracks: 3000, truthOut: truthPath, seed: 21 });
    const truth = parse(readFileSync(truthPath, 'utf8'), { columns: true }) as { video_id: string; isrc: string; cm_track: string; version: string }[];
    expect(truth).toHaveLength(result.feed.videos);
    const feedVideos = new Set(
      readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { video_id?: unknown }).video_id).filter((v) => typeof v === 'string' && v !== ''),
    );
    expect(new Set(truth.map((t) => t.video_id))).toEqual(feedVideos);
    const catalogRows = new Map((parse(readFileSync(catalogPath, 'utf8'), { relax_column_count: true, from_line: 2 }) as string[][]).map((r) => [r[2], r]));
    const matched = truth.filter((t) => t.isrc !== '');
    expect(matched.length / truth.length).toBeGreaterThan(0.75);
    for (const t of matched) expect(catalogRows.get(t.isrc)?.[0]).toBe(t.cm_track);
    expect(matched.some((t) => t.version !== '')).toBe(true);
  });
});

