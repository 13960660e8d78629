/** A problem the user can fix (bad file, unreachable database): printed as one line, exit code 1. */
export class UserError extends Error {
  override readonly name = 'UserError';
}

/** Wrong flags or arguments: printed as one line with a hint, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
