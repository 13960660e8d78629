import { isAbsolute, join, resolve } from 'node:path';
import { dataDir } from '../paths.js';

/** Where the data lives: a PostgreSQL server, or an embedded PGlite data folder. */
export type DbTarget = { kind: 'server'; url: string } | { kind: 'embedded'; dir: string };

const URL_PATTERN = /^postgres(ql)?:\/\//i;

/**
 * `--db` wins, then DATABASE_URL, then the embedded default under the user's data dir.
 * A `--db` that is not a URL is a folder for the embedded database.
 */
export function resolveTarget(dbFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): DbTarget {
  const value = dbFlag ?? (env['DATABASE_URL'] || undefined);
  if (value === undefined) return { kind: 'embedded', dir: join(dataDir(env), 'pgdata') };
  if (URL_PATTERN.test(value)) return { kind: 'server', url: value };
  if (value.startsWith('memory://')) return { kind: 'embedded', dir: value };
  return { kind: 'embedded', dir: isAbsolute(value) ? value : resolve(value) };
}

/** A URL with its password replaced by `***`, safe for summaries, logs and error messages. */
export function maskUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/pass/i.test(key)) parsed.searchParams.set(key, '***');
    }
    return parsed.toString();
  } catch {
    // Not parseable as a URL: hide everything between "://" and "@" rather than risk a leak.
    return url.replace(/:\/\/[^@/]*@/, '://***@');
  }
}

export function describeTarget(target: DbTarget): string {
  return target.kind === 'server' ? `PostgreSQL server ${maskUrl(target.url)}` : `embedded PGlite at ${target.dir}`;
}
