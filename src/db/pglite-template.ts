import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';
import { schemaFiles } from './migrate.js';
import { LOCK_FILE } from './folder-lock.js';

/**
 * A fresh embedded database costs an initdb (seconds; most of a first start). `npm run build`
 * stores an initialised and migrated data folder as a tarball; opening a new folder loads it
 * instead. Its name carries the PGlite version and the schema files' checksums, so a stale one
 * is simply not found (and migrate brings any database up to date anyway).
 */
export function templatePath(): string {
  const root = packageRoot();
  const pglite = JSON.parse(readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string };
  const key = createHash('sha256').update(pglite.version);
  for (const file of schemaFiles()) key.update(`${file.filename}:${file.checksum}\n`);
  return join(root, 'dist', `pglite-template-${key.digest('hex').slice(0, 16)}.tar.gz`);
}

/** The template for a folder that holds no database yet (or memory://); undefined otherwise or when none was built. */
export function templateFor(dir: string): Blob | undefined {
  // The folder's lock file is there before the database is.
  const fresh = dir.startsWith('memory://') || !existsSync(dir) || readdirSync(dir).every((name) => name === LOCK_FILE);
  if (!fresh) return undefined;
  try {
    return new Blob([readFileSync(templatePath())]);
  } catch {
    return undefined;
  }
}
