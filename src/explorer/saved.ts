import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

export interface SavedQuery {
  name: string;
  /** The file's first comment line. */
  description: string;
  /** Placeholders the query needs, in order of appearance. */
  params: string[];
}

export function savedQueryDir(): string {
  return join(packageRoot(), 'sql');
}

// psql's convention: :'name' is replaced by the value as a quoted literal.
const PLACEHOLDER = /:'(\w+)'/g;

function params(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function listSavedQueries(dir = savedQueryDir()): SavedQuery[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  } catch {
    return [];
  }
  return names.map((file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    const description = /^--\s*(.+)$/m.exec(text)?.[1]?.trim() ?? '';
    return { name: file.slice(0, -4), description, params: params(text) };
  });
}

/**
 * The text of sql/<name>.sql with each :'param' replaced by the given value as a literal.
 * Returns a problem (one line) for an unknown name or a missing value.
 */
export function loadSavedQuery(name: string, values: Record<string, string>, dir = savedQueryDir()): { sql: string } | { problem: string } {
  const saved = listSavedQueries(dir);
  const query = saved.find((q) => q.name === name.replace(/\.sql$/, ''));
  if (!query) return { problem: `no saved query '${name}'. Saved: ${saved.map((q) => q.name).join(', ') || 'none'}` };
  const missing = query.params.filter((p) => values[p] === undefined);
  if (missing.length > 0) return { problem: `${query.name} needs ${missing.map((p) => `${p}=…`).join(' ')}: \\i ${query.name} ${missing.map((p) => `${p}=VALUE`).join(' ')}` };
  const text = readFileSync(join(dir, `${query.name}.sql`), 'utf8');
  return { sql: text.replace(PLACEHOLDER, (_, key: string) => `'${values[key]!.replace(/'/g, "''")}'`) };
}
