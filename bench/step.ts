/** Runs one benchmark step as a child process under GNU time, so wall time and peak RSS are measured alike. */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';

export const GNU_TIME = '/usr/bin/time';
export const hasGnuTime = existsSync(GNU_TIME);

export interface Timing {
  ok: boolean;
  wallSeconds: number;
  /** Peak resident set size of the child, from `time -v`; null without GNU time. */
  peakRssMb: number | null;
  /** User + system CPU seconds of the child (not of the database server); null without GNU time. */
  cpuSeconds: number | null;
  exitCode: number | null;
  /** Last lines of the child's output (passwords masked), to say why a step failed. */
  tail: string;
}

/** Hides the password of any postgres URL in text that may be printed. */
export function redact(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]+):[^@\s]+@/g, '$1:***@');
}

/** The process group of the step now running, so an interrupted bench can stop it. */
let running: number | undefined;

export function stopRunning(): void {
  if (running !== undefined) process.kill(-running, 'SIGKILL');
}

export async function timed(command: string, args: string[], options: { log: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<Timing> {
  const timeFile = `${options.log}.time`;
  const argv = hasGnuTime ? ['-v', '-o', timeFile, command, ...args] : args;
  const log = createWriteStream(options.log);
  await once(log, 'open');
  log.write(`$ ${redact([command, ...args].join(' '))}\n`);
  const started = performance.now();
  const child = spawn(hasGnuTime ? GNU_TIME : command, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: options.env ?? process.env,
    // Own process group, so a timeout kills the measured command and not only `time`.
    detached: true,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  running = child.pid;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
  }, options.timeoutMs);
  const [code] = (await once(child, 'close')) as [number | null];
  clearTimeout(timer);
  running = undefined;
  const wallSeconds = (performance.now() - started) / 1000;
  log.end();
  await once(log, 'close');

  let peakRssMb: number | null = null;
  let cpuSeconds: number | null = null;
  if (hasGnuTime && existsSync(timeFile)) {
    const report = await readFile(timeFile, 'utf8');
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(report);
    if (rss?.[1]) peakRssMb = Number(rss[1]) / 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(report);
    const system = /System time \(seconds\): ([\d.]+)/.exec(report);
    if (user?.[1] && system?.[1]) cpuSeconds = Number(user[1]) + Number(system[1]);
    await rm(timeFile, { force: true });
  }
  const output = await readFile(options.log, 'utf8');
  const lines = output.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('$ '));
  let tail = redact(lines.slice(-2).join(' / ')).slice(0, 300);
  if (timedOut) tail = `timed out after ${options.timeoutMs / 1000} s`;
  return { ok: code === 0 && !timedOut, wallSeconds, peakRssMb, cpuSeconds, exitCode: code, tail };
}
