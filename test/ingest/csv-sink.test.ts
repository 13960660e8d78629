import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { CsvSink } from '../../src/ingest/csv-sink.js';
import { runIngest } from '../../src/ingest/pipeline.js';
import { MODEL_TABLES } from '../../src/model/tables.js';
import { rawRecord, tempDir, writeTemp } from './fixtures.js';

describe('runIngest with a CsvSink', () => {
  it('writes the eight tables and dead_letters.jsonl', async () => {
    const bad = rawRecord({ video_id: '' });
    const file = writeTemp('feed.json', JSON.stringify([rawRecord(), bad, rawRecord()]));
    const out = join(tempDir(), 'out');
    const summary = await runIngest(file, { sinks: [new CsvSink(out)] });
    expect(summary).toMatchObject({ recordsRead: 3, valid: 1, duplicates: 1, deadLetters: 1 });
    expect(summary.tables).toEqual({
      users: 1,
      playlists: 1,
      media_items: 1,
      artists: 1,
      playlist_metadata_log: 1,
      playlist_plays_log: 1,
      playlist_positions_log: 1,
      media_item_metadata_log: 1,
    });
    expect(readdirSync(out).sort()).toEqual([...MODEL_TABLES.map((t) => t.file), 'dead_letters.jsonl'].sort());
    expect(readFileSync(join(out, 'dead_letters.jsonl'), 'utf8')).toBe(
      `${JSON.stringify({ source_file: file, record_index: 1, reason: 'video_id: expected a non-empty string, got ""', raw_text: JSON.stringify(bad) })}\n`,
    );
    expect(readFileSync(join(out, 'playlist_positions_log.csv'), 'utf8')).toBe(
      'playlist_id,media_item_id,ingest_timestamp,position\n1,1,2022-05-19 12:31:23.242571,1\n',
    );
  });

  it('leaves an existing folder untouched when the file turns out broken after dead letters were written', async () => {
    const records = [rawRecord(), rawRecord({ views: -1 })].map((r) => JSON.stringify(r)).join(',');
    const file = writeTemp('broken.json', `[${records},{"playlist_id": "PL1",,}]`);
    const out = tempDir();
    writeFileSync(join(out, 'users.csv'), 'previous run\n');
    await expect(runIngest(file, { sinks: [new CsvSink(out)] })).rejects.toBeInstanceOf(UserError);
    expect(readdirSync(out)).toEqual(['users.csv']);
    expect(readFileSync(join(out, 'users.csv'), 'utf8')).toBe('previous run\n');
  });

  it('does not leave a new output folder behind on failure', async () => {
    const file = writeTemp('truncated.json', `[${JSON.stringify(rawRecord({ views: -1 }))}, {`);
    const parent = tempDir();
    await expect(runIngest(file, { sinks: [new CsvSink(join(parent, 'out'))] })).rejects.toBeInstanceOf(UserError);
    expect(existsSync(join(parent, 'out'))).toBe(false);
  });

  it('stops with the abort reason when the signal fires', async () => {
    const file = writeTemp('feed.json', JSON.stringify([rawRecord()]));
    const out = join(tempDir(), 'out');
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(runIngest(file, { sinks: [new CsvSink(out)], signal: controller.signal })).rejects.toThrow();
    expect(existsSync(out)).toBe(false);
  });
});
