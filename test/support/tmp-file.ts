import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

// setupFiles: each test file gets its own temp folder (TMPDIR, so os.tmpdir() and the CLIs it
// starts use it), removed with whatever is in it once the file is done, passed or failed. What a
// file leaves there is named on stderr, so it can be made to clean up after itself.
const run = process.env['CM_TUI_TEST_RUN_TMP'];
if (run !== undefined) {
  const dir = mkdtempSync(join(run, 'file-'));
  chmodSync(dir, 0o755);
  process.env['TMPDIR'] = dir;
  const file = expect.getState().testPath;
  afterAll(() => {
    const left = readdirSync(dir);
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) process.stderr.write(`tmp: ${file} left ${left.join(', ')} (removed)\n`);
  });
}
