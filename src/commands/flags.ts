import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

/**
 * node:util parseArgs in strict mode. Its errors (which suggest `-- "--frob"`, Node's syntax, not
 * ours) become one usage line naming the command and where its flags are listed.
 */
export function parseFlags<T extends ParseArgsConfig>(command: string, config: T): ReturnType<typeof parseArgs<T & { strict: true }>> {
  try {
    return parseArgs({ ...config, strict: true });
  } catch (error) {
    throw new UsageError(flagProblem(command, error));
  }
}

/** The one line for a parseArgs error, e.g. `unknown option --frob for ingest (see cm-tui ingest --help)`. */
export function flagProblem(command: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const what =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `unknown option ${quoted}`
      : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
        ? `unexpected argument '${quoted}'`
        : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
          ? / argument missing$/.test(message)
            ? `option ${quoted.split(' ')[0]} needs a value`
            : `option ${quoted} takes no value`
          : message.split('\n')[0]!;
  // `tui` is what plain `cm-tui` runs: the user never typed its name.
  return command === 'tui' ? `${what} (see cm-tui tui --help)` : `${what} for ${command} (see cm-tui ${command} --help)`;
}
