/**
 * One CSV field as COPY ... (FORMAT csv) reads it: null is an empty unquoted field, an empty
 * string is `""`. Fields with a quote, separator, line break or backslash are quoted (a lone `\.`
 * line would otherwise end the data). Hand-written: csv-stringify cannot tell null from "".
 */
export function copyField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (value === '') return '""';
  if (/[",\n\r\\]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function copyLine(values: readonly (string | number | null)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : ',') + copyField(values[i] ?? null);
  return line + '\n';
}
