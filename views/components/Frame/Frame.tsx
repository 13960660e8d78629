import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useChrome } from '../../app/chrome.js';
import type { KeyBinding } from '../../keys/binding.js';
import { useServices } from '../../services.js';
import { tableFooterLines } from '../Footer/footer-lines.js';
import { Footer } from '../Footer/Footer.js';
import { HelpOverlay } from '../HelpOverlay/HelpOverlay.js';
import { truncate } from '../text/text.js';

export interface BodySize {
  width: number;
  height: number;
}

/** The body's size inside a Frame with these bindings on a terminal of `size`. */
export function frameBodySize(size: { columns: number; rows: number }, bindings: readonly KeyBinding<unknown>[]): BodySize {
  const footerHeight = tableFooterLines(bindings, size.columns).length;
  return { width: size.columns, height: Math.max(1, size.rows - 1 - 1 - footerHeight) };
}

/**
 * The layout every screen shares: a title line (screen and database), the body, the footer of
 * keys; the help overlay replaces the body while it is open. One line is left free at the bottom
 * so Ink never scrolls the terminal.
 */
export function Frame({ title, bindings, help, children }: { title: string; bindings: readonly KeyBinding<unknown>[]; help?: string; children: ReactNode | ((body: BodySize) => ReactNode) }) {
  const { size, helpOpen } = useChrome();
  const { description } = useServices();
  const width = size.columns;
  const body = frameBodySize(size, bindings);
  const heading = `cm-tui › ${title}`;
  return (
    <Box flexDirection="column" width={width} height={size.rows - 1}>
      <Box>
        <Text bold>{heading}</Text>
        <Text dimColor> {truncate(description, Math.max(0, width - heading.length - 2))}</Text>
      </Box>
      <Box flexDirection="column" height={body.height} overflow="hidden">
        {helpOpen ? <HelpOverlay title={title} bindings={bindings} width={width} help={help} /> : typeof children === 'function' ? children(body) : children}
      </Box>
      <Box flexGrow={1} />
      <Footer bindings={bindings} width={width} />
    </Box>
  );
}
