import { Box, Text } from 'ink';
import { fit, formatCount } from '../text/text.js';
import { MARK_WIDTH, SEPARATOR } from './fit-columns.js';
import { isNumeric } from './format.js';
import { gridLayout } from './layout.js';

export interface GridProps {
  columns: readonly string[];
  /** The rows on screen only (a window of the result), at most `height`. */
  rows: readonly (readonly unknown[])[];
  width: number;
  /** Data lines available; the header, rule and status line come on top. */
  height: number;
  /** Index in `rows` of the selected row, or -1 for none. */
  selected?: number;
  /** 1-based number of rows[0] in the whole result. */
  firstRowNumber?: number;
  /** Rows in the whole result; null while still counting. */
  total?: number | null;
  /** First column shown (horizontal scroll). */
  firstColumn?: number;
  /** Extra text for the status line (filter, timing). */
  note?: string;
  /** Widths the user set, by column index. */
  fixedWidths?: Readonly<Record<number, number>>;
  /** The current column (its header is highlighted), or -1. */
  current?: number;
  /** The column the rows are sorted by, marked ↑ or ↓ in its header. */
  sort?: { column: number; descending: boolean } | null;
}

/**
 * The table grid shared by Preview and the Explorer: columns fit the width, long cells are cut
 * with …, numbers align right, the selected row is marked ▶ (visible without colour too).
 */
export function Grid({ columns, rows, width, height, selected = -1, firstRowNumber = 1, total, firstColumn = 0, note, fixedWidths, current = -1, sort = null }: GridProps) {
  const { headers, cells, indices, widths } = gridLayout({ columns, rows, width, firstColumn, fixedWidths, sort });
  const line = (texts: (i: number) => string, alignRight: (i: number) => boolean) =>
    indices.map((col, k) => fit(texts(col), widths[k]!, alignRight(col) ? 'right' : 'left')).join(SEPARATOR);
  const headerLength = MARK_WIDTH + widths.reduce((a, b) => a + b, 0) + SEPARATOR.length * Math.max(0, widths.length - 1);
  const rule = '─'.repeat(Math.min(width, headerLength));
  const lastShown = indices[indices.length - 1] ?? 0;
  const position = selected >= 0 && rows.length > 0 ? firstRowNumber + selected : null;
  const status = [
    total === null ? 'counting rows…' : total === undefined ? null : position !== null ? `row ${formatCount(position)} of ${formatCount(total)}` : `${formatCount(total)} rows`,
    indices.length < columns.length ? `columns ${(indices[0] ?? 0) + 1}–${lastShown + 1} of ${columns.length} (←/→)` : null,
    note ?? null,
  ]
    .filter((part): part is string => part !== null)
    .join(' · ');
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate">
        {' '.repeat(MARK_WIDTH)}
        {indices.map((col, k) => (
          <Text key={col}>
            {k > 0 ? SEPARATOR : ''}
            <Text inverse={col === current} underline={col === current}>
              {fit(headers[col] ?? '', widths[k]!)}
            </Text>
          </Text>
        ))}
      </Text>
      <Text dimColor>{rule}</Text>
      {cells.slice(0, height).map((row, r) => {
        const isSelected = r === selected;
        const text = (isSelected ? '▶ ' : '  ') + line((i) => row[i] ?? '', (i) => isNumeric(rows[r]?.[i]));
        return (
          <Text key={r} inverse={isSelected} wrap="truncate">
            {text}
          </Text>
        );
      })}
      {rows.length === 0 ? <Text dimColor>  (no rows)</Text> : null}
      <Text dimColor wrap="truncate">
        {status}
      </Text>
    </Box>
  );
}
