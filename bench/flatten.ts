/**
 * Flattens a generated feed to CSV for the `psql \copy` baseline. It reads the generator's own
 * layouts only (NDJSON, or the JSON array with one object per `    {` ... `    }` block), which
 * is enough here and keeps the baseline independent of the ingest code being measured.
 * Records COPY would reject (missing video_id, bad timestp, negative numbers) are skipped.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

export const COPY_COLUMNS = [
  'playlist_source_id', 'video_source_id', 'timestp', 'playlist_name', 'artwork_url', 'channel_id',
  'views', 'num_videos', 'title', 'artist_name', 'image_url', 'track_title', 'position',
] as const;
const FEED_FIELDS = [
  'playlist_id', 'video_id', 'timestp', 'playlist_name', 'artwork_url', 'channel_id',
  'views', 'num_videos', 'title', 'artist_name', 'image_url', 'track_title', 'position',
] as const;

/** The observation columns of playlist_observations, without its key, index or foreign key. */
export const COPY_TABLE_DDL = `CREATE TABLE bench_copy (
  source text NOT NULL DEFAULT 'YOUTUBE',
  playlist_source_id text NOT NULL,
  video_source_id text NOT NULL,
  timestp timestamp NOT NULL,
  playlist_name text, artwork_url text, channel_id text,
  views bigint, num_videos integer,
  title text, artist_name text, image_url text, track_title text,
  position integer
)`;

const TIMESTP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?$/;

function loadable(r: Record<string, unknown>): boolean {
  const count = (v: unknown): boolean => v === null || (Number.isSafeInteger(v) && (v as number) >= 0);
  return (
    typeof r.playlist_id === 'string' && r.playlist_id !== '' &&
    typeof r.video_id === 'string' && r.video_id !== '' &&
    typeof r.timestp === 'string' && TIMESTP.test(r.timestp) &&
    count(r.views) && count(r.num_videos) && count(r.position)
  );
}

function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  return `"${String(v).replace(/"/g, '""')}"`;
}

export async function flattenToCsv(feedPath: string, csvPath: string): Promise<{ read: number; written: number }> {
  const out = createWriteStream(csvPath);
  let read = 0;
  let written = 0;
  let block: string[] | null = null;
  let chunk = '';
  const emit = async (json: string): Promise<void> => {
    read++;
    const record = JSON.parse(json) as Record<string, unknown>;
    if (!loadable(record)) return;
    written++;
    chunk += `${FEED_FIELDS.map((f) => csvField(record[f])).join(',')}\n`;
    if (chunk.length > 1 << 18) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  };
  for await (const line of createInterface({ input: createReadStream(feedPath), crlfDelay: Infinity })) {
    if (line.startsWith('{')) await emit(line);
    else if (line === '    {') block = [];
    else if (block && (line === '    }' || line === '    },')) {
      await emit(`{${block.join('')}}`);
      block = null;
    } else if (block) block.push(line);
  }
  out.end(chunk);
  await once(out, 'close');
  return { read, written };
}
