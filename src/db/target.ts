import { isAbsolute, join, resolve } from 'node:path';
import { UsageError, UserError } from '../errors.js';
import { dataDir } from '../paths.js';

/** Where the data lives: a PostgreSQL server, or an embedded PGlite data folder. */
export type DbTarget = { kind: 'server'; url: string } | { kind: 'embedded'; dir: string };

const SERVER_URL = /^postgres(ql)?:\/\//i;
const ANY_URL = /^([a-z][a-z0-9+.-]*):\/\//i;
const ACCEPTED = 'a folder path (embedded database), memory:// or a postgresql:// (postgres://) URL';

/**
 * `--db` wins, then DATABASE_URL, then the embedded default under the user's data dir.
 * A `--db` that is not a URL is a folder for the embedded database. An empty value or a URL of
 * another scheme is refused rather than taken for a folder (a typo must not make `postgresl:/`):
 * from `--db` a usage error (exit 2), from DATABASE_URL an environment problem (exit 1). An empty
 * DATABASE_URL counts as unset.
 */
export function resolveTarget(dbFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): DbTarget {
  if (dbFlag !== undefined) return targetOf(dbFlag, (problem) => new UsageError(`--db ${problem}`));
  const fromEnv = env['DATABASE_URL'];
  if (fromEnv !== undefined && fromEnv !== '') return targetOf(fromEnv, (problem) => new UserError(`DATABASE_URL ${problem}`));
  return { kind: 'embedded', dir: join(dataDir(env), 'pgdata') };
}

function targetOf(value: string, refuse: (problem: string) => Error): DbTarget {
  if (value.trim() === '') throw refuse(`is empty: give ${ACCEPTED}`);
  if (SERVER_URL.test(value)) {
    rememberSecrets(value);
    return { kind: 'server', url: value };
  }
  if (value.startsWith('memory://')) return { kind: 'embedded', dir: value };
  const scheme = ANY_URL.exec(value)?.[1];
  if (scheme !== undefined) {
    rememberSecrets(value);
    throw refuse(`'${maskUrl(value)}' is not a database cm-tui can open (${scheme}://): give ${ACCEPTED}`);
  }
  return { kind: 'embedded', dir: isAbsolute(value) ? value : resolve(value) };
}

/**
 * Where the password of `scheme://user:password@host...` is, found without parsing the URL (a
 * password may hold `/`, `@`, `:`, `?`, `#` unencoded, and then no parser agrees on the URL):
 * after the first `:` following `://` and before the last `@`. Masking too much (an `@` later in
 * the URL) is safe; too little is not.
 */
function passwordSpan(url: string): { start: number; end: number } | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  const authority = scheme + 3;
  const at = url.lastIndexOf('@');
  if (at < authority) return undefined;
  const colon = url.indexOf(':', authority);
  if (colon < 0 || colon > at) return undefined;
  return { start: colon + 1, end: at };
}

const PASSWORD_PARAM = /([?&][^=&#]*pass[^=&#]*=)([^&#]*)/gi;

/** A URL with its password (and any `...pass...=` parameter) replaced by `***`, safe for summaries, logs and error messages. */
export function maskUrl(url: string): string {
  const span = passwordSpan(url);
  const masked = span === undefined ? url : `${url.slice(0, span.start)}***${url.slice(span.end)}`;
  return masked.replace(PASSWORD_PARAM, '$1***');
}

/** The texts of a URL that must never be printed: its password and password parameters, as written and decoded. */
function secretsOf(url: string): string[] {
  const span = passwordSpan(url);
  const raw = span === undefined ? [] : [url.slice(span.start, span.end)];
  const rest = span === undefined ? url : url.slice(span.end);
  for (const match of rest.matchAll(PASSWORD_PARAM)) raw.push(match[2]!);
  const decoded = raw.flatMap((text) => {
    try {
      return [decodeURIComponent(text), decodeURIComponent(text.replaceAll('+', ' '))];
    } catch {
      return [];
    }
  });
  return [...new Set([...raw, ...decoded])].filter((text) => text !== '');
}

// Every URL the user gave: a last-chance filter for whatever is printed (an error's stack included).
const remembered = new Set<string>();

function rememberSecrets(url: string): void {
  for (const secret of secretsOf(url)) remembered.add(secret);
}

/**
 * `text` (an error message from pg, say, which may echo the connection string) with `url` shown
 * masked and every password of `url` or of a URL the user gave replaced by `***`.
 */
export function withoutSecrets(text: string, url?: string): string {
  let result = url === undefined ? text : text.replaceAll(url, maskUrl(url));
  const secrets = [...(url === undefined ? [] : secretsOf(url)), ...remembered].sort((a, b) => b.length - a.length);
  for (const secret of secrets) result = result.replaceAll(secret, '***');
  return result;
}

export function describeTarget(target: DbTarget): string {
  return target.kind === 'server' ? `PostgreSQL server ${maskUrl(target.url)}` : `embedded PGlite at ${target.dir}`;
}
