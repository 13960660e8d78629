/** How a value from the driver is shown in the explorer and written to CSV: as text, null kept apart. */
export function valueText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return '\\x' + Buffer.from(value).toString('hex');
  return JSON.stringify(value);
}
