/** A record that could not be used, with why. `recordIndex` is 0-based in the source file. */
export interface DeadLetter {
  sourceFile: string;
  recordIndex: number;
  rawText: string;
  reason: string;
}

export type Granularity = 'hour' | 'day' | 'week' | 'month';
export const GRANULARITIES: readonly Granularity[] = ['hour', 'day', 'week', 'month'];
