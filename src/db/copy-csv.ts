import { copyField } from '../record/copy-format.js';

/** One line of COPY ... (FORMAT csv): copy-format.ts's fields, comma-separated. */
export function copyLine(values: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + copyField(values[i] ?? null);
  return line + '\n';
}
