/**
 * Ctrl-C (SIGINT) and SIGTERM while a command writes: the first one aborts the signal handed to
 * the work, which stops reading and makes the database handle refuse further statements and
 * cancel the running one (db/statement-guard.ts); the work rolls back and the command ends with
 * one line and exit 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM). A second one
 * ends the process at once: a server rolls back a transaction whose connection is gone, and
 * PGlite never applies one that did not commit.
 */
export class Interrupted extends Error {
  override readonly name = 'Interrupted';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type Signal = keyof typeof SIGNAL_NUMBERS;

/**
 * Runs `work` with SIGINT and SIGTERM caught. When one came and the work failed (as the aborted
 * signal makes it), throws Interrupted with `interrupted: ` and what `outcome` says happened.
 * Work that completed anyway (the signal came after its commit) returns as usual.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>, outcome: () => string): Promise<T> {
  const controller = new AbortController();
  let received: Signal | null = null;
  const handlers = Object.fromEntries(
    (Object.keys(SIGNAL_NUMBERS) as Signal[]).map((name) => [
      name,
      () => {
        if (received !== null) {
          process.stderr.write(`\ncm-tui: ${name} again: stopping without waiting for the rollback (nothing uncommitted is kept)\n`);
          process.exit(128 + SIGNAL_NUMBERS[name]);
        }
        received = name;
        controller.abort(new Error(`${name} received`));
      },
    ]),
  ) as Record<Signal, () => void>;
  for (const name of Object.keys(handlers) as Signal[]) process.on(name, handlers[name]);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (received !== null) throw new Interrupted(`interrupted: ${outcome()}`, 128 + SIGNAL_NUMBERS[received]);
    throw error;
  } finally {
    for (const name of Object.keys(handlers) as Signal[]) process.off(name, handlers[name]);
  }
}
