/**
 * A headless subcommand. `run` receives the raw argv after the command name and returns the exit
 * code; it throws UserError / UsageError for problems the user can fix.
 */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}
