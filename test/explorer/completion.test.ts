import { describe, expect, it } from 'vitest';
import { completions } from '../../src/explorer/completion.js';
import { splitStatements, isStreamable } from '../../src/explorer/statement.js';

const schema = {
  tables: new Map([
    ['playlists', ['id', 'source', 'source_id']],
    ['playlist_plays_log', ['playlist_id', 'ingest_timestamp', 'plays']],
    ['playlist_positions_log', ['playlist_id', 'media_item_id', 'ingest_timestamp', 'position']],
    ['media_items', ['id', 'source', 'source_id']],
  ]),
};

describe('completions', () => {
  it('offers table names after FROM', () => {
    expect(completions('SELECT * FROM play', schema)).toEqual({
      start: 14,
      prefix: 'play',
      candidates: ['playlists', 'playlist_plays_log', 'playlist_positions_log'],
    });
  });

  it('offers the columns of the tables in the statement first, then tables and keywords', () => {
    expect(completions('select * from playlist_plays_log where pl', schema).candidates).toEqual(['playlist_id', 'plays', 'playlists', 'playlist_plays_log', 'playlist_positions_log']);
  });

  it('resolves an alias before a dot', () => {
    expect(completions('select m.so', schema).candidates).toEqual([]);
    expect(completions('select * from media_items m where m.so', schema)).toEqual({ start: 34, prefix: 'm.so', candidates: ['m.source', 'm.source_id'] });
  });

  it('matches the case of the typed keyword', () => {
    expect(completions('sel', schema).candidates).toEqual(['select']);
    expect(completions('SEL', schema).candidates).toEqual(['SELECT']);
  });

  it('completes meta-commands, \\d tables and \\i saved query names', () => {
    expect(completions('\\ex', schema).candidates).toEqual(['\\export']);
    expect(completions('\\d me', schema).candidates).toEqual(['media_items']);
    expect(completions('\\i top', schema, ['top_playlists_by_plays', 'video_position_history']).candidates).toEqual(['top_playlists_by_plays']);
  });
});

describe('statements', () => {
  it('splits at semicolons outside quotes, comments and dollar quotes; meta-commands alone', () => {
    expect(splitStatements("select ';'; select 2 -- a;b\n;\\dt\nselect $$x;y$$;")).toEqual(["select ';'", 'select 2 -- a;b', '\\dt', 'select $$x;y$$']);
  });

  it('streams plain queries only', () => {
    expect(isStreamable('-- c\n select 1')).toBe(true);
    expect(isStreamable('with x as (select 1) select * from x')).toBe(true);
    expect(isStreamable('with x as (delete from t returning *) select * from x')).toBe(false);
    expect(isStreamable('delete from t')).toBe(false);
  });
});
