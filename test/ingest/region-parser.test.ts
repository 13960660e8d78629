import { describe, expect, it } from 'vitest';
import { I_PLAYLIST_NAME, I_TITLE, INTS, RecordEncoder } from '../../src/ingest/encoded.js';
import { parseRegion } from '../../src/ingest/region-parser.js';

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
      titles: Array.from({ length: result.count }, (_, r) => field(r, I_TITLE)),
      names: Array.from({ length: result.count }, (_, r) => field(r, I_PLAYLIST_NAME)),
      reasons: result.deadLetters.map((d) => d.reason),
    };
  });
}

describe('parseRegion', () => {
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
