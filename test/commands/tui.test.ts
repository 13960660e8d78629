import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/commands/registry.js';
import { parseTuiArgs } from '../../src/commands/tui.js';
import { UsageError } from '../../src/errors.js';

describe('cm-tui [screen] flags', () => {
  it('takes --db and, for Home only, --demo', () => {
    expect(parseTuiArgs(['--db', '/tmp/pg'], false)).toEqual({ db: '/tmp/pg', demo: false });
    expect(parseTuiArgs(['--demo'], true)).toEqual({ db: undefined, demo: true });
    expect(() => parseTuiArgs(['--demo'], false)).toThrow(UsageError);
    expect(() => parseTuiArgs(['--verbose'], true)).toThrow(UsageError);
    expect(() => parseTuiArgs(['extra'], true)).toThrow(UsageError);
  });

  it('registers every screen name as a command opening the TUI there', async () => {
    for (const name of ['import', 'preview', 'review', 'explorer', 'dashboard']) {
      expect((await COMMANDS[name]!()).name).toBe(name);
    }
    expect((await COMMANDS['tui']!()).name).toBe('tui');
    // `export` is the headless export with --out, the screen without it.
    expect((await COMMANDS['export']!()).summary).toContain('no --out: the TUI export screen');
  });
});
