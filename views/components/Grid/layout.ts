import { fitColumns, type ColumnFit } from './fit-columns.js';
import { formatCell } from './format.js';

export interface GridLayoutInput {
  columns: readonly string[];
  rows: readonly (readonly unknown[])[];
  width: number;
  firstColumn: number;
  fixedWidths?: Readonly<Record<number, number>>;
  sort?: { column: number; descending: boolean } | null;
}

export interface GridLayout extends ColumnFit {
  /** Column names as the header shows them (the sorted one marked ↑ or ↓). */
  headers: string[];
  cells: string[][];
}

/** What the grid will show: the screen's reducer asks the same to keep its current column in view. */
export function gridLayout({ columns, rows, width, firstColumn, fixedWidths = {}, sort = null }: GridLayoutInput): GridLayout {
  const cells = rows.map((row) => row.map(formatCell));
  const headers = columns.map((name, i) => (sort?.column === i ? `${name} ${sort.descending ? '↓' : '↑'}` : name));
  return { headers, cells, ...fitColumns(headers, cells, width, firstColumn, fixedWidths) };
}
