import { join } from 'node:path';
import type { DbTarget } from '../db/target.js';
import { dataDir } from '../paths.js';

/** Where `cm-tui --demo` keeps its database: beside the user's own, never mixed with it. */
export function demoTarget(env: NodeJS.ProcessEnv = process.env): DbTarget {
  return { kind: 'embedded', dir: join(dataDir(env), 'demo') };
}
