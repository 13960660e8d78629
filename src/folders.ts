import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `mkdir -p` that fails instead of spinning: Node's `recursive: true` loops forever when a folder
 * exists but cannot hold the child (a path under /proc, a dangling symlink: mkdir says ENOENT,
 * the parent says EEXIST; seen with Node 20, and mkdirp does the same). The folders missing above
 * `dir` are created one by one and the first error is final. Returns the first folder created, or
 * undefined when `dir` already existed, as `mkdirSync(dir, { recursive: true })` does.
 */
export function makeFolder(dir: string): string | undefined {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const found = statOrNothing(at);
    if (found !== undefined) {
      if (!found.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${at}'`), { code: 'ENOTDIR', path: at });
      break;
    }
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made by someone else in the meantime: fine if it is a folder.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || statSync(folder, { throwIfNoEntry: false })?.isDirectory() !== true) throw error;
    }
  }
  return missing[0];
}

/** undefined when nothing is there, or a file is on the way (then the walk up names that file). */
function statOrNothing(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}
