// Builds the native region scanner (region_scan.c) with node-gyp when its sources are newer
// than the build. Without a C toolchain cm-tui still works: the parse threads use the
// JavaScript parser (src/ingest/native-scan.ts), slower; this prints one line saying so.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'build', 'Release', 'region_scan.node');
const sources = [join(root, 'native', 'region_scan.c'), join(root, 'binding.gyp')];
const mtime = (file) => statSync(file).mtimeMs;

if (existsSync(built) && sources.every((file) => mtime(file) <= mtime(built))) process.exit(0);
const result = spawnSync('node-gyp', ['rebuild'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', shell: process.platform === 'win32' });
if (result.status !== 0) {
  const why = result.error?.message ?? (result.stderr ?? '').split('\n').find((line) => /error/i.test(line)) ?? `exit ${result.status}`;
  process.stderr.write(`cm-tui: native region scanner not built (${why.trim()}); the JavaScript parser is used\n`);
}
