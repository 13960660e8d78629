import { Box, Text } from 'ink';
import { Spinner } from '@inkjs/ui';
import type { ReactNode } from 'react';
import type { DbHandle } from '../../../src/db/connect.js';
import { useServices } from '../../services.js';
import { Bar } from '../Bar/Bar.js';

/** Renders `children` with the open database; a spinner while it opens, the error if it failed. */
export function WithDatabase({ children }: { children: (handle: DbHandle) => ReactNode }) {
  const { database, description } = useServices();
  if (database.status === 'ready') return <>{children(database.handle)}</>;
  if (database.status === 'failed')
    return (
      <Box flexDirection="column">
        <Text color="red" wrap="wrap">
          Cannot open the database: {database.message}
        </Text>
        <Text dimColor wrap="wrap">
          {description}
        </Text>
      </Box>
    );
  return (
    <Box flexDirection="column">
      <Spinner label={`${database.step}…`} />
      {database.fraction !== undefined ? <Bar fraction={database.fraction} width={30} label={`${Math.round(database.fraction * 100)}%`} /> : null}
    </Box>
  );
}
