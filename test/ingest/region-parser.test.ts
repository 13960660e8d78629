import { describe, expect, it } from 'vitest';
import { INT_SLOT, INTS, RecordEncoder } from '../../src/record/encoded.js';
import { parseInPieces, parseRegion } from '../../src/ingest/region-parser.js';

const record = (fields: Record<string, unknown>) => ({
  playlist_id: 'PL1', playlist_name: 'Hits', artwork_url: null, channel_id: 'UC1', views: 1, num_videos: 2,
  timestp: '2022-05-19T10:00:00', video_id: 'v1', title: 'Song', artist_name: 'A', image_url: null, track_title: null, position: 1,
  ...fields,
});

/** Parses regions in order with one encoder, as a parse worker does; returns each region's titles and playlist names and its reasons. */
function parse(...regions: (string | Buffer)[]) {
  const encoder = new RecordEncoder();
  const table: (string | null)[] = [null];
  return regions.map((region) => {
    const result = parseRegion(typeof region === 'string' ? Buffer.from(region) : region, encoder);
    if (result === null) throw new Error('region did not parse');
    table.push(...result.newStrings);
    const field = (r: number, f: number) => table[result.ints[r * INTS + f] as number];
    return {
      titles: Array.from({ length: result.count }, (_, r) => field(r, INT_SLOT.title)),
      names: Array.from({ length: result.count }, (_, r) => field(r, INT_SLOT.playlistName)),
      reasons: result.deadLetters.map((d) => d.reason),
    };
  });
}

describe('parseRegion', () => {
  it('parses a large region in pieces, and whole when a cut would fall inside a string or a nested value', () => {
    const records = (odd: (i: number) => boolean) =>
      Array.from({ length: 1200 }, (_, i) => record({ video_id: `v${i}`, title: odd(i) ? `odd },{ ${i} 😀` : `Song ${i} Café`, position: i }));
    // 1,200 records of about 400 bytes: pieces of 96 KiB.
    const clean = JSON.stringify(records(() => false), null, 4);
    expect(clean.length).toBeGreaterThan(400_000);
    expect(parseInPieces(Buffer.from(clean), 'utf8')).toEqual({ values: JSON.parse(clean), mayBeRounded: false });
    // A nested value's `},` and a title's are no place to cut: with records separated by `}\n,`
    // those are the only cut points here; such a cut is found out, and the region parsed whole.
    const array = (items: unknown[]) => `[${items.map((item) => JSON.stringify(item)).join('\n,')}]`;
    const nested = array(records(() => false).map((r) => ({ ...r, extra: { nested: { k: 1 }, n: [1, 2] } })));
    expect(parseInPieces(Buffer.from(nested), 'utf8')).toBeNull();
    const oddRecords = records((i) => i % 7 === 0);
    const odd = array(oddRecords);
    expect(parseInPieces(Buffer.from(odd), 'latin1')).toBeNull();
    expect(parse(odd)[0]!.titles).toEqual(oddRecords.map((r) => r.title));
    expect(parse(nested)[0]!.titles).toEqual(JSON.parse(nested).map((r: { title: string }) => r.title));
    // The region's bytes are left as they came (the reader quotes refused records from them).
    for (const text of [clean, JSON.stringify(oddRecords, null, 4)]) {
      const bytes = Buffer.from(text);
      expect(parseRegion(bytes, new RecordEncoder())?.count).toBe(1200);
      expect(bytes.toString()).toBe(text);
    }
    // Broken JSON past the first cut is still found: the region does not parse at all.
    expect(parseRegion(Buffer.from(clean.replace('"position": 1199', '"position": 1199,')), new RecordEncoder())).toBeNull();
  });

  it('reads non-ASCII text exactly, whether the region has \\u escapes or not', () => {
    const titles = ['BAD BUNNY - CALLAÍTA (Video Oficial)', 'Café 😀', '周杰倫 Jay Chou【告白氣球】', 'plain'];
    const raw = JSON.stringify(titles.map((title, i) => record({ title, video_id: `v${i}` })));
    const escaped = raw.replace('"plain"', '"pl\\u00e4in"');
    expect(parse(raw)[0]!.titles).toEqual(titles);
    expect(parse(escaped)[0]!.titles).toEqual([...titles.slice(0, 3), 'pläin']);
  });

  it('never takes a text for the Latin-1 reading of another: Ã© stays Ã© after a region that had é', () => {
    // Region 1 has no \u escape (read as Latin-1): "Café" arrives as "CafÃ©". Region 2 has one
    // (read as UTF-8) and the literal text "CafÃ©" for the same playlist and video.
    const first = JSON.stringify([record({ title: 'Café', playlist_name: 'Café' })]);
    const second = JSON.stringify([record({ title: 'CafÃ©', playlist_name: 'CafÃ©', track_title: '\u00e9' })]).replace('"é"', '"\\u00e9"');
    const third = JSON.stringify([record({ title: 'Café', playlist_name: 'Café' })]);
    const [a, b, c] = parse(first, second, third);
    expect(a!.titles).toEqual(['Café']);
    expect(b!.titles).toEqual(['CafÃ©']);
    expect(b!.names).toEqual(['CafÃ©']);
    expect(c!.titles).toEqual(['Café']);
    expect(c!.names).toEqual(['Café']);
  });

  it('turns bytes that are not UTF-8 into U+FFFD, as a UTF-8 reading does', () => {
    const [head, tail] = JSON.stringify([record({ title: 'XX' })]).split('XX') as [string, string];
    const fixed = Buffer.concat([Buffer.from(`${head}é`), Buffer.from([0xff]), Buffer.from(tail)]);
    const asWritten = JSON.parse(fixed.toString('utf8')) as { title: string }[];
    expect(parse(fixed)[0]!.titles).toEqual([asWritten[0]!.title]);
    expect(asWritten[0]!.title).toBe('é\ufffd');
  });

  it('quotes non-ASCII values in a refused record\'s reason as written', () => {
    const [result] = parse(JSON.stringify([record({ views: 'dix-sept é', title: 'Ñandú' }), record({ video_id: 'v2' })]));
    expect(result!.reasons).toEqual(['views: expected a non-negative integer or null, got "dix-sept é"']);
    expect(result!.titles).toEqual(['Song']);
  });
});
