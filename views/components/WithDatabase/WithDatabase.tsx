import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { ReactNode } from 'react';
import type { DbHandle } from '../../../src/db/connect.js';
import type { ChromeAction, KeyBinding } from '../../keys/binding.js';
import { backBinding, helpBinding } from '../../keys/common.js';
import { useKeyBindings } from '../../keys/useKeyBindings.js';
import { useServices } from '../../services.js';
import { Bar } from '../Bar/Bar.js';
import { Frame } from '../Frame/Frame.js';

/** The keys of a screen whose database is not open: no dead end while it opens or after it failed. */
export const waitingBindings: readonly KeyBinding<ChromeAction>[] = [helpBinding, backBinding];

const FIX = 'To fix: give the database with --db (a folder, memory:// or a postgresql:// URL) or DATABASE_URL and start cm-tui again; a server must be running and reachable, a folder not held by another cm-tui.';

/**
 * Renders `children` with the open database. Until then the screen keeps its frame (title, keys:
 * q/Esc back, ? help) around a spinner, or the error and what to do about it. Without a title it
 * renders only that body, for a screen that draws its own frame and keys.
 */
export function WithDatabase({ title, help, children }: { title?: string; help?: string; children: (handle: DbHandle) => ReactNode }) {
  const { database } = useServices();
  if (database.status === 'ready') return <>{children(database.handle)}</>;
  return title === undefined ? <DatabaseStatus /> : <Waiting title={title} help={help} />;
}

function Waiting({ title, help }: { title: string; help: string | undefined }) {
  useKeyBindings(waitingBindings, () => undefined);
  return (
    <Frame title={title} bindings={waitingBindings} help={help}>
      <DatabaseStatus />
    </Frame>
  );
}

/** A spinner while the database opens; the error and what to do if it failed. */
export function DatabaseStatus() {
  const { database } = useServices();
  if (database.status === 'failed')
    return (
      <Box flexDirection="column">
        <Text color="red" wrap="wrap">
          Cannot open the database: {database.message}
        </Text>
        <Text wrap="wrap">{FIX}</Text>
        <Text wrap="wrap">q/Esc goes back, Ctrl+C quits.</Text>
      </Box>
    );
  if (database.status === 'ready') return null;
  return (
    <Box flexDirection="column">
      <Spinner label={`${database.step}…`} />
      {database.fraction !== undefined ? <Bar fraction={database.fraction} width={30} label={`${Math.round(database.fraction * 100)}%`} /> : null}
    </Box>
  );
}
