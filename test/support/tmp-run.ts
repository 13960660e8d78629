import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * globalSetup. The run gets a temp folder of its own (TMPDIR, inherited by the workers and every
 * CLI they start), so what the tests make never piles up in /tmp and is not mixed with other runs'.
 * Each file works in a folder of its own inside it (tmp-file.ts), removed after the file; the run
 * fails if anything is left in the run's folder at the end.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'cm-tui-test-run-'));
  // The CLI runs as nobody in environment-errors: it must be able to pass through.
  chmodSync(dir, 0o755);
  process.env['TMPDIR'] = dir;
  process.env['CM_TUI_TEST_RUN_TMP'] = dir;
  // Every node process of the run (workers, the CLIs they start) preloads wasm-baseline.mjs.
  const preload = pathToFileURL(fileURLToPath(new URL('./wasm-baseline.mjs', import.meta.url))).href;
  process.env['NODE_OPTIONS'] = `${process.env['NODE_OPTIONS'] ?? ''} --import "${preload}"`.trim();
  return () => {
    // A file whose tests were all skipped (no ../shared) runs no afterAll: its own folder stays, empty.
    const skippedFile = (name: string) => name.startsWith('file-') && readdirSync(join(dir, name)).length === 0;
    const left = readdirSync(dir).filter((name) => !skippedFile(name));
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the code too.
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} entries in their temp folder ${dir}: ${left.join(', ')}`);
    }
  };
}
