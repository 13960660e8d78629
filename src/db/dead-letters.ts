/**
 * A dead letter is stored once per file, record, reason and raw text (the unique index
 * dead_letters_key): a re-import finds the ones it stored before and only moves them to the new
 * run, so the table does not grow and a run's dead letters are still those with its
 * ingest_run_id. The raw text counts through its md5: a long record would not fit an index entry.
 */
export const ON_DEAD_LETTER_CONFLICT =
  'ON CONFLICT (source_file, (coalesce(record_index, -1)), reason, (md5(raw_text))) DO UPDATE SET ingest_run_id = excluded.ingest_run_id';
