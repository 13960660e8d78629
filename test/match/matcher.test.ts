import { describe, expect, it } from 'vitest';
import { CatalogIndex } from '../../src/match/catalog-index.js';
import { buildIndex, matchItem, blockingWords } from '../../src/match/matcher.js';
import { fold } from '../../src/match/text.js';
import { parseVideo } from '../../src/match/title.js';
import { acceptsAutomatically, noMatchAutomatically, recommend } from '../../src/match/recommendation.js';

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

  it('returns rows as they were added, non-Latin titles and decorations included, the best `limit` in order', () => {
    const index = new CatalogIndex();
    index.add({ isrc: 'KRA401900001', track: '봄날', artist: 'BTS' });
    index.add({ isrc: 'JPU901800001', track: 'Lemon (アコースティック)', artist: '米津玄師' });
    index.add({ isrc: 'JPU901800002', track: 'Lemon', artist: '米津玄師' });
    index.add({ isrc: 'USXX12000001', track: 'Lemon - Acoustic', artist: 'Other Band' });
    // Both Lemon rows of 米津玄師 hold all their words in the item's: a tie, kept in the order added.
    const [first, second] = index.block(['lemon', '米津玄師'], 2);
    expect(first!.entry).toMatchObject({ isrc: 'JPU901800001', title: 'lemon', artists: ['米津玄師'], qualifiers: ['アコースティック'] });
    expect(second!.entry).toMatchObject({ isrc: 'JPU901800002', title: 'lemon', artists: ['米津玄師'], flags: [], qualifiers: [] });
    expect(index.block(['lemon', '米津玄師'], 5)).toHaveLength(3);
    // Folding decomposes Hangul into jamo: the title comes back as folded, all of its bytes.
    expect(index.block([fold('봄날')], 5).map((b) => [b.entry.isrc, b.entry.title, b.entry.artists])).toEqual([['KRA401900001', fold('봄날'), ['bts']]]);
  });
});

describe('scoring', () => {
  it('puts the studio row above its remix and live rows for an official video, with flags saying why', async () => {
    const index = await buildIndex(catalog);
    const candidates = matchItem(index, item('Billie Eilish - Male Fantasy (Official Music Video)'), 5).recordings.map((r) => r.rows[0]!);
    expect(candidates.map((c) => c.isrc).slice(0, 3)).toEqual(['GBUM71100001', 'GBUM71100002', 'GBUM71100003']);
    expect(candidates[0]).toMatchObject({ score: 1, titleScore: 1, artistScore: 1, flags: [] });
    expect(candidates[1]!.flags).toEqual(['catalog:remix']);
    expect(candidates[1]!.score).toBeCloseTo(0.6, 5);
    expect(candidates[2]!.flags).toEqual(['catalog:live']);
  });

  it('prefers the right artist for the same title, and the version the video names', async () => {
    const index = await buildIndex(catalog);
    const rows = (title: string) => matchItem(index, item(title), 5).recordings.map((r) => r.rows[0]!);
    const official = rows('Passenger | Let Her Go (Official Video)');
    expect(official[0]!.isrc).toBe('USSM11200001');
    expect(official[0]!.score).toBe(1);
    expect(official.find((c) => c.isrc === 'USSM11200003')!.score).toBeLessThan(0.85);
    const acoustic = rows('Passenger - Let Her Go (Acoustic)');
    expect(acoustic[0]!.isrc).toBe('USSM11200002');
    expect(acoustic[0]!.flags).toEqual(['both:acoustic']);
  });

  it('matches accents and case ("CALLAÍTA" = "Callaíta")', async () => {
    const index = await buildIndex(catalog);
    const callaita = matchItem(index, item('BAD BUNNY - CALLAÍTA (Video Oficial)'), 5);
    expect(callaita.recordings.map((r) => [r.rows[0]!.isrc, r.rows[0]!.score])).toEqual([['USUM71800001', 1]]);
    expect(callaita.recommendation.isrc).toBe('USUM71800001');
  });
});

describe('recommendation', () => {
  const recording = (isrc: string, confidence: number, caveat: string | null = null) => ({ isrc, title: 'let her go', artist: 'passenger', confidence, caveat, against: null });

  it('one level per item with its reason in words, and the automatic rules read it', () => {
    const strong = recommend([recording('A', 0.97), recording('B', 0.01)]);
    expect(strong).toEqual({ level: 'strong', confidence: 0.97, isrc: 'A', caveat: null, reason: "strong: 'let her go' by passenger 0.97, next recording 0.01" });
    expect(acceptsAutomatically(strong, 0.95)).toBe(true);
    expect(acceptsAutomatically(strong, 0.98)).toBe(false);
    const medium = recommend([recording('A', 0.6), recording('B', 0.3)]);
    expect(medium.level).toBe('medium');
    expect(recommend([recording('A', 0.2)]).level).toBe('low');
    const none = recommend([recording('A', 0.01)]);
    expect(none).toMatchObject({ level: 'none', reason: "none: no recording reaches 0.05 (best 'let her go' by passenger 0.01)" });
    expect(noMatchAutomatically(none, 0.05)).toBe(true);
    expect(noMatchAutomatically(medium, 0.05)).toBe(false);
    expect(recommend([])).toEqual({ level: 'none', confidence: 0, isrc: null, caveat: null, reason: 'none: no catalog row shares a title word' });
  });

  it('an edit row for a full video is medium however confident, and never accepted automatically', () => {
    const edit = recommend([recording('A', 0.99, 'the row is an edit and the video is not')]);
    expect(edit).toMatchObject({ level: 'medium', reason: "medium: 'let her go' by passenger 0.99, but the row is an edit and the video is not" });
    expect(acceptsAutomatically(edit, 0.5)).toBe(false);
  });
});
