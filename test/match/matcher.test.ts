import { describe, expect, it } from 'vitest';
import { CatalogIndex } from '../../src/match/catalog-index.js';
import { buildIndex, matchItem, blockingWords } from '../../src/match/matcher.js';
import { parseVideo } from '../../src/match/title.js';
import { autoAcceptable } from '../../src/match/auto-accept.js';

const catalog = [
  { isrc: 'GBUM71100001', track: 'Male Fantasy', artist: 'Billie Eilish' },
  { isrc: 'GBUM71100002', track: 'Male Fantasy - Remix', artist: 'Billie Eilish' },
  { isrc: 'GBUM71100003', track: 'Male Fantasy (Live)', artist: 'Billie Eilish' },
  { isrc: 'GBUM71100004', track: 'Happier Than Ever', artist: 'Billie Eilish' },
  { isrc: 'USSM11200001', track: 'Let Her Go', artist: 'Passenger' },
  { isrc: 'USSM11200002', track: 'Let Her Go (Acoustic)', artist: 'Passenger' },
  { isrc: 'USSM11200003', track: 'Let Her Go', artist: 'Cover Band' },
  { isrc: 'USUM71800001', track: 'Callaíta', artist: 'Bad Bunny' },
  { isrc: 'USUM71800002', track: 'Fantasy', artist: 'Mariah Carey' },
];
const item = (title: string, artistName: string | null = null, trackTitle: string | null = null) => ({ videoId: 'v1', title, artistName, trackTitle });

describe('blocking', () => {
  it('finds the candidates of a video whose artist is only in its title', async () => {
    const index = await buildIndex(catalog);
    const parsed = parseVideo(item('Billie Eilish - Male Fantasy (Official Music Video)'));
    const blocked = index.block(blockingWords(parsed), 10).map((b) => b.entry.isrc);
    expect(new Set(blocked)).toEqual(new Set(['GBUM71100001', 'GBUM71100002', 'GBUM71100003', 'USUM71800002']));
  });

  it('only returns rows sharing a title word, best word coverage first', async () => {
    const index = await buildIndex(catalog);
    const blocked = index.block(['bad', 'bunny', 'callaita', 'video', 'oficial'], 10);
    expect(blocked.map((b) => [b.entry.isrc, b.blockScore])).toEqual([['USUM71800001', 1]]);
  });

  it('a word too common to enumerate still ranks rows found through rarer words', () => {
    const index = new CatalogIndex({ rareRows: 2, budget: 100, pairWords: 0, pairRows: 100, shortlist: 10 });
    for (const row of catalog) index.add(row);
    // "fantasy" is in 4 rows (> 2): it does not enumerate, but "mariah" and "carey" find Mariah Carey's row and "fantasy" scores it.
    const blocked = index.block(['mariah', 'carey', 'fantasy'], 10);
    expect(blocked.map((b) => b.entry.isrc)).toEqual(['USUM71800002']);
    expect(blocked[0]!.blockScore).toBeCloseTo(1, 5);
  });

  it('with only common words, takes the rows holding two of them', () => {
    const index = new CatalogIndex({ rareRows: 1, budget: 100, pairWords: 5, pairRows: 100, shortlist: 10 });
    for (const row of catalog) index.add(row);
    // "male" (3 rows) and "fantasy" (4 rows) are both too common: their intersection is the three Male Fantasy rows.
    const blocked = index.block(['male', 'fantasy'], 10).map((b) => b.entry.isrc);
    expect(blocked.sort()).toEqual(['GBUM71100001', 'GBUM71100002', 'GBUM71100003']);
  });
});

describe('scoring', () => {
  it('puts the studio row above its remix and live rows for an official video, with flags saying why', async () => {
    const index = await buildIndex(catalog);
    const { candidates } = matchItem(index, item('Billie Eilish - Male Fantasy (Official Music Video)'), 5);
    expect(candidates.map((c) => c.isrc).slice(0, 3)).toEqual(['GBUM71100001', 'GBUM71100002', 'GBUM71100003']);
    expect(candidates[0]).toMatchObject({ score: 1, titleScore: 1, artistScore: 1, flags: [] });
    expect(candidates[1]!.flags).toEqual(['catalog:remix']);
    expect(candidates[1]!.score).toBeCloseTo(0.6, 5);
    expect(candidates[2]!.flags).toEqual(['catalog:live']);
  });

  it('prefers the right artist for the same title, and the version the video names', async () => {
    const index = await buildIndex(catalog);
    const official = matchItem(index, item('Passenger | Let Her Go (Official Video)'), 5).candidates;
    expect(official[0]!.isrc).toBe('USSM11200001');
    expect(official[0]!.score).toBe(1);
    expect(official.find((c) => c.isrc === 'USSM11200003')!.score).toBeLessThan(0.85);
    const acoustic = matchItem(index, item('Passenger - Let Her Go (Acoustic)'), 5).candidates;
    expect(acoustic[0]!.isrc).toBe('USSM11200002');
    expect(acoustic[0]!.flags).toEqual(['both:acoustic']);
  });

  it('matches accents and case ("CALLAÍTA" = "Callaíta") and auto-accept takes a clear leader only', async () => {
    const index = await buildIndex(catalog);
    const callaita = matchItem(index, item('BAD BUNNY - CALLAÍTA (Video Oficial)'), 5).candidates;
    expect(callaita.map((c) => [c.isrc, c.score])).toEqual([['USUM71800001', 1]]);
    expect(autoAcceptable(callaita, 0.85, 0.05)?.isrc).toBe('USUM71800001');
    expect(autoAcceptable([{ score: 0.95 }, { score: 0.92 }], 0.85, 0.05)).toBeNull();
    expect(autoAcceptable([{ score: 0.95 }, { score: 0.9 }], 0.85, 0.05)).toEqual({ score: 0.95 });
    expect(autoAcceptable([{ score: 0.84 }], 0.85, 0.05)).toBeNull();
  });
});
