import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import type { MediaItemText } from './title.js';

/** A hand-labelled media item: the ISRCs that are the same recording (empty: none in the catalog). */
export interface LabelledItem extends MediaItemText {
  expected: string[];
  confidence: string;
}

/** Reads test/fixtures/match-dev-set.csv (video_id,title,artist_name,track_title,expected_isrcs,confidence,note). */
export async function* readDevSet(path: string): AsyncGenerator<LabelledItem> {
  const parser = createReadStream(path).pipe(parse({ bom: true, columns: true, skip_empty_lines: true }));
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    const orNull = (value: string | undefined) => (value === undefined || value === '' ? null : value);
    yield {
      videoId: row['video_id'] ?? '',
      title: row['title'] ?? '',
      artistName: orNull(row['artist_name']),
      trackTitle: orNull(row['track_title']),
      expected: (row['expected_isrcs'] ?? '').split(';').filter((isrc) => isrc !== ''),
      confidence: row['confidence'] ?? '',
    };
  }
}
