import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(ROOT, 'dist', 'src', 'cli.js');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `cm-tui-cli-${process.pid}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!existsSync(CLI))('cm-tui without a terminal (needs npm run build)', () => {
  it('exits 1 with one line pointing to the headless commands, for Home and for a screen', () => {
    for (const args of [[], ['--demo'], ['preview', '--db', 'memory://']]) {
      const run = spawnSync('node', [CLI, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('cm-tui: the terminal UI needs an interactive terminal; for scripts use the headless commands (cm-tui --help)\n');
    }
  });

  it('rejects unknown flags with exit code 2', () => {
    const run = spawnSync('node', [CLI, 'dashboard', '--bogus'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!hasTmux || !existsSync(CLI))('colours in a real terminal (needs tmux and npm run build)', () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
  });

  async function homeWithEscapes(env: string): Promise<string> {
    const session = `s${Math.random().toString(36).slice(2, 8)}`;
    execFileSync('tmux', ['-L', SOCKET, 'new-session', '-d', '-s', session, '-x', '100', '-y', '30', `cd '${ROOT}' && env ${env} TERM=xterm-256color node '${CLI}' --db memory://; sleep 600`]);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pane = execFileSync('tmux', ['-L', SOCKET, 'capture-pane', '-e', '-p', '-t', session], { encoding: 'utf8' });
      if (pane.includes('Observations: 0')) {
        execFileSync('tmux', ['-L', SOCKET, 'kill-session', '-t', session]);
        return pane;
      }
      if (Date.now() > deadline) throw new Error(`Home did not appear; the pane shows:\n${pane}`);
      await sleep(100);
    }
  }

  it('styles the screen normally and not at all under NO_COLOR', async () => {
    const styled = await homeWithEscapes('FORCE_COLOR=1');
    expect(styled).toMatch(/\u001b\[[0-9;]*m/);
    const plain = await homeWithEscapes('NO_COLOR=1');
    expect(plain).not.toMatch(/\u001b\[[0-9;]*m/);
    expect(plain).toContain('▶ i  Import');
  }, 150_000);

  it('draws Home in a terminal even when CI or CONTINUOUS_INTEGRATION is set (Ink would wait for exit)', async () => {
    expect(await homeWithEscapes('CI=true CONTINUOUS_INTEGRATION=1')).toContain('▶ i  Import');
  }, 90_000);
});
