// Builds the native region scanner (region_scan.c) with node-gyp when its sources are newer
// than the build, against the running Node's headers when it ships them. Without a C toolchain cm-tui still works: the parse threads use the
// JavaScript parser (src/ingest/native-scan.ts), slower; this prints one line saying so.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'build', 'Release', 'region_scan.node');
const sources = [join(root, 'native', 'region_scan.c'), join(root, 'binding.gyp')];
const mtime = (file) => statSync(file).mtimeMs;

// The running Node's own headers (<prefix>/include/node, with the common.gypi and config.gypi
// node-gyp reads): node-gyp downloads them otherwise, which fails on a machine without network.
// A nodedir the user configured (npm_config_nodedir) is left to node-gyp.
const prefix = dirname(dirname(process.execPath));
const localHeaders = ['node_api.h', 'common.gypi', 'config.gypi'].every((file) => existsSync(join(prefix, 'include', 'node', file)));
const nodedir = localHeaders && !process.env.npm_config_nodedir ? [`--nodedir=${prefix}`] : [];

if (existsSync(built) && sources.every((file) => mtime(file) <= mtime(built))) process.exit(0);
const result = spawnSync('node-gyp', ['rebuild', ...nodedir], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', shell: process.platform === 'win32' });
if (result.status !== 0) {
  const why = result.error?.message ?? (result.stderr ?? '').split('\n').find((line) => /error/i.test(line)) ?? `exit ${result.status}`;
  process.stderr.write(`cm-tui: native region scanner not built (${why.trim()}); the JavaScript parser is used\n`);
}
