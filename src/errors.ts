/** A problem the user can fix (bad file, unreachable database): printed as one line, exit code 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** Wrong flags or arguments: printed as one line with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

// pg's texts for a socket that closed under it.
const CONNECTION_LOST = /^Connection terminated|connection error and is not queryable|^terminating connection/i;
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

/**
 * The one line for a failure that comes from the environment rather than from a bug: a lost
 * database connection, a full disk, a denied or read-only folder. Undefined for anything else.
 * Looks through `cause` too, as wrappers keep the original there.
 */
export function environmentProblem(error: unknown): string | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code, path, syscall } = e as NodeJS.ErrnoException;
    // What failed, as Node names it ("cannot open /out/.users.csv.12.tmp"), else pg's text.
    const what = path !== undefined ? `cannot ${syscall ?? 'use'} ${path}` : syscall !== undefined ? `cannot ${syscall}` : e.message;
    // SQLSTATE class 08 is a connection exception; 57P01-57P03: the server shut down or is starting.
    if ((code !== undefined && (NETWORK_CODES.has(code) || /^08...$|^57P0[123]$/.test(code))) || CONNECTION_LOST.test(e.message)) {
      return `lost the connection to the database server (${e.message || code}); the server rolls back what was not committed: run the command again once it is reachable`;
    }
    if (code === 'ENOSPC' || code === '53100') return `no space left on the device: ${what}; free some space and run the command again`;
    if (code === 'EACCES' || code === 'EPERM') return `permission denied: ${what}`;
    if (code === 'EROFS') return `read-only file system: ${what}`;
  }
  return undefined;
}
