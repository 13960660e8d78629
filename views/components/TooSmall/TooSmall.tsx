import { Box, Text } from 'ink';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 20;

export function isTooSmall(size: { columns: number; rows: number }): boolean {
  return size.columns < MIN_COLUMNS || size.rows < MIN_ROWS;
}

/** Shown instead of the screen until the terminal is big enough; the screen keeps its state. */
export function TooSmall({ columns, rows }: { columns: number; rows: number }) {
  return (
    <Box flexDirection="column">
      <Text wrap="wrap">
        Terminal too small: {columns}x{rows}. cm-tui needs at least {MIN_COLUMNS}x{MIN_ROWS}.
      </Text>
      <Text wrap="wrap">Enlarge the window, or press q to quit.</Text>
    </Box>
  );
}
