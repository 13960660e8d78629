import { OutputFolder, type TextWriter } from '../csv/output-folder.js';
import { ModelBuilder } from '../model/builder.js';
import type { DeadLetter, Granularity } from '../model/observation.js';
import { MODEL_TABLES } from '../model/tables.js';
import type { EncodedBatch } from '../record/encoded.js';
import type { IngestSink, TableCounts } from './pipeline.js';
import type { ObservationBatch } from './reader.js';

export const DEAD_LETTERS_FILE = 'dead_letters.jsonl';

/** One JSON object per line, snake_case like the `dead_letters` table. */
export function deadLetterLine(deadLetter: DeadLetter): string {
  const { sourceFile, recordIndex, reason, rawText } = deadLetter;
  return `${JSON.stringify({ source_file: sourceFile, record_index: recordIndex, reason, raw_text: rawText })}\n`;
}

/**
 * Writes the eight model tables and dead_letters.jsonl into a folder. Observations go into a
 * ModelBuilder as they arrive; dead letters stream to a temporary file; all files are renamed
 * into place only on commit.
 */
export class CsvSink implements IngestSink {
  private readonly model: ModelBuilder;
  private folder: OutputFolder | null = null;
  private deadLetters: TextWriter | null = null;

  constructor(
    private readonly outDir: string,
    granularity: Granularity = 'day',
  ) {
    this.model = new ModelBuilder(granularity);
  }

  private async open(): Promise<{ folder: OutputFolder; deadLetters: TextWriter }> {
    if (this.folder === null || this.deadLetters === null) {
      this.folder = await OutputFolder.open(this.outDir);
      this.deadLetters = this.folder.openText(DEAD_LETTERS_FILE);
    }
    return { folder: this.folder, deadLetters: this.deadLetters };
  }

  async write(batch: ObservationBatch): Promise<void> {
    for (const observation of batch.observations) this.model.add(observation);
    await this.writeDeadLetters(batch.deadLetters);
  }

  async writeEncoded(batch: EncodedBatch): Promise<void> {
    this.model.addEncoded(batch.observations);
    await this.writeDeadLetters(batch.deadLetters);
  }

  private async writeDeadLetters(batch: DeadLetter[]): Promise<void> {
    if (batch.length > 0) {
      const { deadLetters } = await this.open();
      await deadLetters.write(batch.map(deadLetterLine).join(''));
    }
  }

  async prepare(): Promise<TableCounts> {
    const { folder, deadLetters } = await this.open();
    await deadLetters.close();
    const rows = this.model.finish();
    const counts: TableCounts = {};
    for (const table of MODEL_TABLES) counts[table.name] = await folder.writeCsv(table.file, table.columns, rows[table.name]);
    return counts;
  }

  async commit(): Promise<void> {
    await this.folder?.commit();
  }

  async abort(): Promise<void> {
    await this.folder?.discard();
  }
}
