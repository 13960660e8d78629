#!/usr/bin/env node
import { COMMANDS } from './commands/registry.js';
import { environmentProblem, UsageError, UserError } from './errors.js';
import { withoutSecrets } from './db/target.js';
import { Interrupted } from './interrupt.js';

function help(): string {
  const lines = Object.keys(COMMANDS).map((name) => `  cm-tui ${name}`);
  return ['Usage:', '  cm-tui [--demo]                 open the terminal UI', ...lines, '', 'cm-tui <command> --help for details.'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return 0;
  }
  const load = name === undefined || name.startsWith('-') ? COMMANDS['tui'] : COMMANDS[name];
  if (!load) throw new UsageError(`unknown command '${name}'. Run cm-tui --help for the list.`);
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  return command.run(name === undefined || name.startsWith('-') ? argv : rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const say = (text: string) => process.stderr.write(`cm-tui: ${text}\n`);
    // Texts from pg or Node rather than cm-tui's own may echo a connection string: never a password.
    const problem = environmentProblem(error);
    if (error instanceof Interrupted) {
      // After a progress line, start at the line's beginning.
      process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[K' : ''}cm-tui: ${error.message}\n`);
      process.exitCode = error.exitCode;
    } else if (error instanceof UsageError) {
      say(error.message);
      process.exitCode = 2;
    } else if (error instanceof UserError) {
      say(error.message);
      process.exitCode = 1;
    } else if (problem !== undefined) {
      say(withoutSecrets(problem));
      process.exitCode = 1;
    } else {
      // A bug, not a user error: keep the stack so it can be reported.
      say(withoutSecrets(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
      process.exitCode = 3;
    }
  },
);
