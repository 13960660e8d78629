import { displayWidth } from '../text/text.js';

export const SEPARATOR = ' │ ';
/** The selected-row mark column. */
export const MARK_WIDTH = 2;
const MIN_COLUMN = 6;
const MAX_NATURAL = 60;

export interface ColumnFit {
  /** Indices of the columns shown, from `first`. */
  indices: number[];
  widths: number[];
}

/**
 * Which columns fit in `width` starting at column `first`, and how wide each is. Columns keep
 * their natural width (widest of header and visible cells) when everything fits; otherwise the
 * widest are narrowed first (down to MIN_COLUMN), and columns that still do not fit are left for
 * horizontal scrolling.
 */
export function fitColumns(headers: readonly string[], cells: readonly (readonly string[])[], width: number, first = 0): ColumnFit {
  const available = width - MARK_WIDTH;
  const natural = headers.map((header, i) => Math.min(MAX_NATURAL, Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[i] ?? '')), 1)));
  const indices: number[] = [];
  let minimumUsed = 0;
  for (let i = Math.max(0, first); i < headers.length; i++) {
    const need = Math.min(natural[i]!, MIN_COLUMN) + (indices.length > 0 ? SEPARATOR.length : 0);
    if (indices.length > 0 && minimumUsed + need > available) break;
    indices.push(i);
    minimumUsed += need;
  }
  const room = available - SEPARATOR.length * Math.max(0, indices.length - 1);
  const wanted = indices.map((i) => natural[i]!);
  if (wanted.reduce((a, b) => a + b, 0) <= room) return { indices, widths: wanted };
  // Water-filling: the largest cap L with sum(min(natural, L)) <= room.
  let low = 1;
  let high = Math.max(...wanted);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (wanted.reduce((sum, w) => sum + Math.min(w, mid), 0) <= room) low = mid;
    else high = mid - 1;
  }
  const widths = wanted.map((w) => Math.min(w, low));
  // Hand the columns left over by rounding to the narrowed ones, left to right.
  let spare = room - widths.reduce((a, b) => a + b, 0);
  for (let k = 0; k < widths.length && spare > 0; k++) {
    if (widths[k]! < wanted[k]!) {
      widths[k]! += 1;
      spare -= 1;
    }
  }
  return { indices, widths: widths.map((w) => Math.max(1, w)) };
}
