import { displayWidth } from '../text/text.js';

export const SEPARATOR = ' │ ';
/** The selected-row mark column. */
export const MARK_WIDTH = 2;
/** A column this wide or less is never narrowed: ids, codes (an ISRC), timestamps stay whole. */
export const KEEP_WHOLE = 24;
const MAX_NATURAL = 60;

export interface ColumnFit {
  /** Indices of the columns shown, from `first`. */
  indices: number[];
  widths: number[];
}

/**
 * Which columns fit in `width` starting at column `first`, and how wide each is. A column's
 * natural width is the widest of its header and visible cells; `fixed` widths (set by the user)
 * replace it. Columns keep their natural width when everything fits; otherwise the widest are
 * narrowed first, never below KEEP_WHOLE nor below a fixed width, and columns that still do not
 * fit are left for horizontal scrolling.
 */
export function fitColumns(headers: readonly string[], cells: readonly (readonly string[])[], width: number, first = 0, fixed: Readonly<Record<number, number>> = {}): ColumnFit {
  const available = Math.max(1, width - MARK_WIDTH);
  const natural = headers.map((header, i) => fixed[i] ?? Math.min(MAX_NATURAL, Math.max(displayWidth(header), ...cells.map((row) => displayWidth(row[i] ?? '')), 1)));
  const floor = (i: number) => (fixed[i] !== undefined ? natural[i]! : Math.min(natural[i]!, KEEP_WHOLE));
  const indices: number[] = [];
  let minimumUsed = 0;
  for (let i = Math.max(0, first); i < headers.length; i++) {
    const need = floor(i) + (indices.length > 0 ? SEPARATOR.length : 0);
    if (indices.length > 0 && minimumUsed + need > available) break;
    indices.push(i);
    minimumUsed += need;
  }
  const room = available - SEPARATOR.length * Math.max(0, indices.length - 1);
  const wanted = indices.map((i) => natural[i]!);
  if (wanted.reduce((a, b) => a + b, 0) <= room) return { indices, widths: wanted.map((w) => Math.min(w, available)) };
  const floors = indices.map(floor);
  // Water-filling: the largest cap L with sum(max(floor, min(natural, L))) <= room.
  const used = (cap: number) => wanted.reduce((sum, w, k) => sum + Math.max(floors[k]!, Math.min(w, cap)), 0);
  let low = 1;
  let high = Math.max(...wanted);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (used(mid) <= room) low = mid;
    else high = mid - 1;
  }
  const widths = wanted.map((w, k) => Math.max(floors[k]!, Math.min(w, low)));
  // Hand the columns left over by rounding to the narrowed ones, left to right.
  let spare = room - widths.reduce((a, b) => a + b, 0);
  for (let k = 0; k < widths.length && spare > 0; k++) {
    if (widths[k]! < wanted[k]!) {
      widths[k]! += 1;
      spare -= 1;
    }
  }
  // A lone column wider than the screen is cut to it.
  return { indices, widths: widths.map((w) => Math.max(1, Math.min(w, available))) };
}
