import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalogRows } from '../../src/match/catalog-csv.js';
import type { CatalogIndex } from '../../src/match/catalog-index.js';
import { FEATURES, type Feature } from '../../src/match/evidence.js';
import { buildIndex, matchItem, recordingEvidence, type RecordingEvidence } from '../../src/match/matcher.js';
import { parseTrack, parseVideo } from '../../src/match/title.js';
import { DEFAULT_ACCEPT_CONFIDENCE } from '../../src/match/recommendation.js';

// The public examples, against the sample catalog.
const CATALOG = join(import.meta.dirname, '../../../shared/data/cm_track.csv');
const hasCatalog = existsSync(CATALOG);
// Examples that need the sample catalog skip on a machine without ../shared/data.
const itOnCatalog = it.skipIf(!hasCatalog);
const video = (title: string) => ({ videoId: 'v', title, artistName: null, trackTitle: null });
const feature = (r: RecordingEvidence, f: Feature) => r.evidence.values[FEATURES.indexOf(f)];
const note = (r: RecordingEvidence, f: Feature) => r.evidence.notes[FEATURES.indexOf(f)];

let index: CatalogIndex;
beforeAll(async () => {
  if (hasCatalog) index = await buildIndex(catalogRows(CATALOG));
});

function recordings(title: string): Map<string, RecordingEvidence> {
  return new Map(recordingEvidence(index, parseVideo(video(title))).map((r) => [r.rows[0]!.isrc, r]));
}

describe('unexplained qualifiers', () => {
  it('keeps a catalog suffix or bracket no flag or release note explains', () => {
    expect(parseTrack('Stolen Dance - Spotify Sessions', 'Milky Chance').qualifiers).toEqual(['spotify sessions']);
    expect(parseTrack('You Are the Reason (Arr. for Guitar)', 'Calum Scott').qualifiers).toEqual(['arr for guitar']);
    expect(parseTrack('2002 - Recorded at Metropolis Studios, London', 'Anne-Marie').qualifiers).toEqual(['recorded at metropolis studios london']);
    expect(parseTrack('Eenie Meenie - Re-Recorded', 'Sean Kingston').qualifiers).toEqual(['re recorded']);
    expect(parseTrack('a thousand years (lullaby)', 'x').qualifiers).toEqual(['lullaby']);
    expect(parseTrack('abcdefu (angrier)', 'GAYLE').qualifiers).toEqual(['angrier']);
    // Flags, credits and release notes are not qualifiers.
    expect(parseTrack('Heat Waves - Stripped Back', 'Glass Animals')).toMatchObject({ flags: ['acoustic'], qualifiers: [] });
    expect(parseTrack('comethru (with Bea Miller)', 'Jeremy Zucker')).toMatchObject({ featured: ['bea miller'], qualifiers: [] });
    expect(parseTrack('Sign of the Times - Single Version', 'Harry Styles').qualifiers).toEqual([]);
    expect(parseTrack('Hold My Hand (From “Top Gun: Maverick”)', 'Lady Gaga').qualifiers).toEqual([]);
  });

  itOnCatalog('"Stolen Dance - Spotify Sessions" counts against itself and ranks below the studio row with low confidence', () => {
    const found = recordings('Milky Chance - Stolen Dance (Official Video)');
    const sessions = found.get('DEL211401622')!;
    expect(feature(sessions, 'qualifier_row')).toBe(1);
    expect(note(sessions, 'qualifier_row')).toBe('spotify sessions');
    expect(feature(found.get('DEL211302130')!, 'qualifier_row')).toBe(0);
    const { recordings: ranked } = matchItem(index, video('Milky Chance - Stolen Dance (Official Video)'), 5);
    expect(ranked[0]!.rows[0]!.isrc).toBe('DEL211302130');
    const rank = ranked.findIndex((r) => r.rows[0]!.isrc === 'DEL211401622');
    expect(rank).toBeGreaterThan(0);
    expect(ranked[rank]!.confidence).toBeLessThan(0.2);
    expect(ranked[rank]!.waterfall).toContain("qualifier 'spotify sessions' on row -");
  });

  itOnCatalog('a qualifier the video names too is explained', () => {
    const sessions = recordings('Milky Chance - Stolen Dance (Spotify Sessions)').get('DEL211401622')!;
    expect(feature(sessions, 'qualifier_row')).toBe(0);
  });
});

describe('artists and credits', () => {
  itOnCatalog('Clean Bandit "Solo" (feat. Demi Lovato) is not Demi Lovato\'s "Solo"', () => {
    const title = 'Clean Bandit - Solo (feat. Demi Lovato) [Official Video]';
    const demi = recordings(title).get('USHR10924474')!;
    expect(feature(demi, 'featured_only')).toBe(1);
    expect(note(demi, 'featured_only')).toBe('demi lovato');
    const match = matchItem(index, video(title), 5);
    expect(match.recommendation.isrc).not.toBe('USHR10924474');
    expect(match.recordings.find((r) => r.rows[0]!.isrc === 'USHR10924474')!.confidence).toBeLessThan(0.2);
  });

  itOnCatalog('a credit on the row the video does not name, and one on the video the row lacks, are evidence', () => {
    const comethru = recordings('Jeremy Zucker - comethru');
    expect(feature(comethru.get('USUM71903922')!, 'credit_row')).toBe(1);
    expect(note(comethru.get('USUM71903922')!, 'credit_row')).toBe('bea miller');
    expect(feature(comethru.get('USUM71813455')!, 'credit_row')).toBe(0);
    const badBlood = recordings('Taylor Swift - Bad Blood ft. Kendrick Lamar').get('USCJY1431369')!;
    expect(feature(badBlood, 'credit_video')).toBe(1);
    expect(note(badBlood, 'credit_video')).toBe('kendrick lamar');
    const ranked = matchItem(index, video('Jeremy Zucker - comethru'), 5).recordings;
    expect(ranked.map((r) => r.rows[0]!.isrc)).toEqual(['USUM71813455', 'USUM71903922']);
  });

  itOnCatalog('a making-of video is not a recording', () => {
    const found = recordings('Harry Styles - As It Was (Behind The Scenes)').get('USSM12200612')!;
    expect(feature(found, 'non_recording')).toBe(1);
    expect(note(found, 'non_recording')).toBe('behind the scenes');
    const match = matchItem(index, video('Harry Styles - As It Was (Behind The Scenes)'), 5);
    // Never accepted automatically; the analyst sees why.
    expect(match.recommendation.level).not.toBe('strong');
    expect(match.recommendation.confidence).toBeLessThan(DEFAULT_ACCEPT_CONFIDENCE);
    expect(match.recommendation.reason).toContain('against: video is a behind the scenes');
  });
});

describe('recordings and registrants', () => {
  itOnCatalog("Heat Waves' two ISRCs are one recording and no longer block as a tie", () => {
    const found = recordingEvidence(index, parseVideo(video('Glass Animals - Heat Waves (Official Video)')));
    const heatWaves = found.filter((r) => r.rows.some((row) => row.isrc === 'GBUM72001927'));
    expect(heatWaves).toHaveLength(1);
    // Both share the artist's registrant (GBUM7): the lower ISRC represents the recording.
    expect(heatWaves[0]!.rows.map((row) => row.isrc)).toEqual(['GBUM72000433', 'GBUM72001927']);
    expect(feature(heatWaves[0]!, 'duplicates')).toBe(1);
    const match = matchItem(index, video('Glass Animals - Heat Waves (Official Video)'), 5);
    expect(match.recordings[0]!.rows.map((r) => r.isrc)).toEqual(['GBUM72000433', 'GBUM72001927']);
    expect(match.recordings[0]!.confidence).toBeGreaterThan(0.5);
    expect(match.recordings[1]!.confidence).toBeLessThan(0.1);
  });

  itOnCatalog('a same-titled row from a registrant none of the artist\'s rows use, or one issuing arrangements, counts against', () => {
    const dusk = recordings('ZAYN - Dusk Till Dawn (Official Video) ft. Sia');
    expect(feature(dusk.get('FR10S1826595')!, 'registrant_alone')).toBe(1);
    expect(feature(dusk.get('USRC11701783')!, 'registrant_alone')).toBe(0);
    expect(feature(dusk.get('USRC11701783')!, 'registrant_shared')).toBe(1);
    const havana = recordings('Camila Cabello - Havana ft. Young Thug').get('GBMNA1811133')!;
    // GBMNA: 11 of its 16 rows are arrangements ("Arr. for Guitar") or other versions; Camila Cabello's other rows are not GBMNA.
    expect(feature(havana, 'registrant_versions')).toBe(11 / 16);
    expect(feature(havana, 'registrant_alone')).toBe(1);
  });

  itOnCatalog('an edit row for a full official video is left to a person whatever its confidence', () => {
    const match = matchItem(index, video('Backstreet Boys - Everybody (Backstreet\'s Back) (Official HD Video)'), 5);
    expect(match.recommendation.isrc).toBe('USJI19710083');
    expect(match.recommendation.caveat).toBe('the row is an edit and the video is not');
    expect(match.recommendation.level).not.toBe('strong');
  });
});
