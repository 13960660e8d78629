#!/usr/bin/env node
import { COMMANDS } from './commands/registry.js';
import { UsageError, UserError } from './errors.js';

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
    if (error instanceof UsageError) {
      process.stderr.write(`cm-tui: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof UserError) {
      process.stderr.write(`cm-tui: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      // A bug, not a user error: keep the stack so it can be reported.
      process.stderr.write(`cm-tui: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 3;
    }
  },
);
