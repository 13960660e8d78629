/** What the benchmark ran on: figures mean little without it. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  loadAverage: string;
  os: string;
}

export function describeMachine(psqlServerVersion: string | null): Machine {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    cpuModel = os.cpus()[0]?.model ?? cpuModel;
  }
  let cpus = os.availableParallelism();
  try {
    cpus = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cpus;
  } catch {
    // nproc missing: keep Node's count.
  }
  return {
    cpus,
    cpuModel,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: psqlServerVersion ?? 'unreachable',
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
    os: `${os.type()} ${os.release()}`,
  };
}

export function machineMarkdown(m: Machine): string {
  return [
    `- CPU: ${m.cpus} cores (nproc), ${m.cpuModel}`,
    `- Memory: ${m.memoryGb} GB`,
    `- OS: ${m.os}`,
    `- Node: ${m.node}`,
    `- PostgreSQL server: ${m.postgres}`,
    `- Load average at start (1, 5, 15 min): ${m.loadAverage} (the machine is shared with other work)`,
  ].join('\n');
}
