import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';

/**
 * File-name completions of `partial` (as typed: relative to `cwd`, `~/` for home), each the
 * whole completed text; folders end with `/`. Hidden entries only when the typed name starts
 * with a dot. Sorted, folders and files mixed by name.
 */
export async function pathCompletions(partial: string, cwd: string): Promise<string[]> {
  const slash = partial.lastIndexOf('/');
  const typedDir = slash >= 0 ? partial.slice(0, slash + 1) : '';
  const prefix = slash >= 0 ? partial.slice(slash + 1) : partial;
  const expanded = typedDir.startsWith('~/') ? homedir() + typedDir.slice(1) : typedDir;
  const dir = expanded === '' ? cwd : isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const visible = entries.filter((e) => prefix.startsWith('.') || !e.name.startsWith('.'));
  let matches = visible.filter((e) => e.name.startsWith(prefix));
  // Nothing with the exact case: fall back to ignoring case, as shells with completion-ignore-case do.
  if (matches.length === 0) matches = visible.filter((e) => e.name.toLowerCase().startsWith(prefix.toLowerCase()));
  return matches
    .map((e) => typedDir + e.name + (e.isDirectory() ? '/' : ''))
    .sort((a, b) => a.localeCompare(b));
}

/** The longest prefix all candidates share. */
export function commonPrefix(candidates: readonly string[]): string {
  if (candidates.length === 0) return '';
  let prefix = candidates[0]!;
  for (const c of candidates) {
    while (!c.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}

/** The file a typed path names: `~/` is the home folder, relative paths start at `cwd`. */
export function resolveTyped(typed: string, cwd: string): string {
  const expanded = typed === '~' ? homedir() : typed.startsWith('~/') ? homedir() + typed.slice(1) : typed;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}
