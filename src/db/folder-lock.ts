import { closeSync, constants, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { tryLock } from 'fs-native-extensions';
import { UserError } from '../errors.js';
import { makeFolder } from '../folders.js';
import { isRunning } from '../processes.js';
import type { DbTarget } from './target.js';

/**
 * One process at a time per embedded folder: two PGlite instances on one data folder lose
 * committed rows and corrupt the catalog. The lock is the operating system's (an open file
 * description lock on Linux, flock on macOS, LockFileEx on Windows) on `cm-tui.lock` in the
 * folder, so taking it is atomic and the kernel drops it when the process ends however it ends
 * (exit, signal, kill -9): a lock left by a dead process, or whose pid now belongs to another
 * program, is simply free. proper-lockfile was not used: its staleness is an mtime refreshed by
 * a timer, and PGlite runs statements on the main thread, so a long statement would let a
 * second process take a live lock. The file's text only names the holder for the message.
 */
export const LOCK_FILE = 'cm-tui.lock';

export interface FolderLock {
  readonly dir: string;
  /** Lets the next process in; idempotent. */
  release(): void;
}

interface Holder {
  pid: number;
  command: string;
  since: string;
}

/**
 * The lock of an embedded target's folder (made if missing), or undefined for a server or
 * memory://, which need none. A UserError when it is held or the folder cannot be made or written.
 */
export function lockTarget(target: DbTarget): FolderLock | undefined {
  if (target.kind === 'server' || target.dir.startsWith('memory://')) return undefined;
  try {
    makeFolder(target.dir);
    return lockFolder(target.dir);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`cannot open the embedded database at ${target.dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Takes the folder's lock (the folder must exist), or throws a UserError naming the holder. */
export function lockFolder(dir: string): FolderLock {
  const path = join(dir, LOCK_FILE);
  const fd = openSync(path, constants.O_RDWR | constants.O_CREAT, 0o644);
  let granted = false;
  try {
    granted = tryLock(fd);
  } finally {
    if (!granted) closeSync(fd);
  }
  if (!granted) throw new UserError(inUseMessage(dir, path));
  const holder: Holder = { pid: process.pid, command: commandLine(), since: new Date().toISOString() };
  ftruncateSync(fd, 0);
  writeSync(fd, JSON.stringify(holder) + '\n', 0);
  let released = false;
  return {
    dir,
    release() {
      if (released) return;
      released = true;
      // Emptied so the text never names a process that has let go; closing drops the lock.
      try {
        ftruncateSync(fd, 0);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** How the holder was started, as the user would type it. */
function commandLine(): string {
  const [, script, ...args] = process.argv;
  const program = script !== undefined && basename(script) === 'cli.js' ? 'cm-tui' : [basename(process.argv0), script ? basename(script) : ''].join(' ').trim();
  const text = [program, ...args].join(' ');
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

function inUseMessage(dir: string, path: string): string {
  const holder = readHolder(path);
  const who =
    holder === undefined
      ? 'another process'
      : `process ${holder.pid} (${holder.command}, since ${holder.since.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')})`;
  return `the embedded database at ${dir} is in use by ${who}; only one process at a time can open it: wait for that one to finish or quit it, then run this again`;
}

/**
 * The holder writes its name right after taking the lock, so the text may briefly be empty or a
 * former holder's: read again for up to half a second until it names a live process.
 */
function readHolder(path: string): Holder | undefined {
  for (let attempt = 0; attempt < 25; attempt++) {
    const holder = parseHolder(path);
    if (holder !== undefined && isRunning(holder.pid)) return holder;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  return undefined;
}

function parseHolder(path: string): Holder | undefined {
  try {
    const value = JSON.parse(readFileSync(path, 'utf8')) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.command === 'string' && typeof value.since === 'string') return value as Holder;
  } catch {
    // Empty or being written.
  }
  return undefined;
}

