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

/**
 * One field in COPY's text format: null is `\N`; a backslash, line break, carriage return or tab
 * (the delimiter) is escaped with a backslash, so no value can pass for a null or for the end.
 */
export function copyTextField(value: string | number | null): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\n\r\t]/.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => TEXT_ESCAPES[c] as string) : value;
}

const TEXT_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
