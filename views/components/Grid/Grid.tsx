import { Box, Text } from 'ink';
import { fit, formatCount } from '../text/text.js';
import { fitColumns, MARK_WIDTH, SEPARATOR } from './fit-columns.js';
import { formatCell, isNumeric } from './format.js';

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
}

/**
 * The table grid shared by Preview and the Explorer: columns fit the width, long cells are cut
 * with …, numbers align right, the selected row is marked ▶ (visible without colour too).
 */
export function Grid({ columns, rows, width, height, selected = -1, firstRowNumber = 1, total, firstColumn = 0, note }: GridProps) {
  const cells = rows.map((row) => row.map(formatCell));
  const { indices, widths } = fitColumns(columns, cells, width, firstColumn);
  const line = (texts: (i: number) => string, alignRight: (i: number) => boolean) =>
    indices.map((col, k) => fit(texts(col), widths[k]!, alignRight(col) ? 'right' : 'left')).join(SEPARATOR);
  const header = ' '.repeat(MARK_WIDTH) + line((i) => columns[i] ?? '', () => false);
  const rule = '─'.repeat(Math.min(width, header.length));
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
      <Text bold>{header}</Text>
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
