import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { DbHandle } from '../src/db/connect.js';

/** The database as the screens see it: still opening (with what it is doing), open, or failed. */
export type DatabaseState =
  | { status: 'opening'; step: string; fraction?: number }
  | { status: 'ready'; handle: DbHandle }
  | { status: 'failed'; message: string };

export interface Services {
  /** The database in use, safe to show (passwords masked). Known before it is open. */
  description: string;
  /** The app's data folder (embedded database, REPL history). */
  dataDir: string;
  database: DatabaseState;
}

/** Reports what opening is doing, for the spinner ("building demo dataset", 0.4). */
export type OpenProgress = (step: string, fraction?: number) => void;

const ServicesContext = createContext<Services | null>(null);

type ProviderProps = { description: string; dataDir: string; children?: ReactNode } & (
  | { handle: DbHandle; open?: never }
  | { open: (progress: OpenProgress) => Promise<DbHandle>; handle?: never }
);

/**
 * Opens the database in the background so the first screen shows at once (PGlite takes seconds
 * to start); screens that need it wait inside <WithDatabase>.
 */
export function ServicesProvider({ description, dataDir, children, handle, open }: ProviderProps) {
  const [database, setDatabase] = useState<DatabaseState>(handle ? { status: 'ready', handle } : { status: 'opening', step: 'opening database' });
  useEffect(() => {
    if (!open) return;
    let live = true;
    open((step, fraction) => {
      if (live) setDatabase({ status: 'opening', step, fraction });
    }).then(
      (opened) => live && setDatabase({ status: 'ready', handle: opened }),
      (error: unknown) => live && setDatabase({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
    // Opened once per app run.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return <ServicesContext.Provider value={{ description, dataDir, database }}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesProvider>');
  return services;
}

/** The open database, or null while it opens / after it failed. */
export function useDb(): DbHandle | null {
  const { database } = useServices();
  return database.status === 'ready' ? database.handle : null;
}
