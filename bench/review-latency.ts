/**
 * Review latency: time from an accept key to the frame showing the next item, in a 120x40 render
 * of the real app on the sample (PGlite in memory, sample feed imported, catalog loaded, matched).
 * Two ways of rendering: unthrottled (as ink-testing-library renders: React + database time only)
 * and as the app runs in a terminal (Ink's default 30 fps render throttle included).
 *   npm run bench:review [-- --keys N]
 */
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { render } from 'ink';
import { createElement } from 'react';
import { connect } from '../src/db/connect.js';
import { importFile } from '../src/import/import-file.js';
import { importCatalog } from '../src/match/catalog-import.js';
import { runMatch } from '../src/match/run.js';
import { App } from '../views/app/App.js';
import { ServicesProvider } from '../views/services.js';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const SAMPLE = join(DATA, 'youtube_playlist.json');
const CATALOG = join(DATA, 'cm_track.csv');

/** A terminal of a fixed size that records what Ink writes and when. */
class FakeTerminal extends EventEmitter {
  readonly isTTY = true;
  columns = 120;
  rows = 40;
  written: { at: number; text: string }[] = [];
  write = (text: string) => {
    this.written.push({ at: performance.now(), text });
    this.emit('written', text);
    return true;
  };
}

class FakeKeyboard extends EventEmitter {
  readonly isTTY = true;
  private data: string | null = null;
  press(data: string) {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = () => {
    const data = this.data;
    this.data = null;
    return data;
  };
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Ink writes ANSI; the video id follows "Video " in the left panel's heading.
const plain = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
const videoIn = (text: string) => /Video ([\w-]{11})/.exec(plain(text))?.[1] ?? null;
let noMatchKeys = 0;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Sample {
  /** Wall time from the key to the next item's frame. */
  wallMs: number;
  /** CPU time this process spent in that span (the machine's other load does not count). */
  cpuMs: number;
}

async function measure(handle: Awaited<ReturnType<typeof connect>>, keys: number, debug: boolean): Promise<Sample[]> {
  const terminal = new FakeTerminal();
  const keyboard = new FakeKeyboard();
  const app = render(
    createElement(ServicesProvider, { handle, description: handle.description, dataDir: '/tmp/cm-tui-bench', children: createElement(App, { start: { name: 'review' } }) }),
    { stdout: terminal as never, stdin: keyboard as never, stderr: new FakeTerminal() as never, debug, exitOnCtrlC: false, patchConsole: false },
  );
  const nextVideo = (after: string | null, since: number) =>
    new Promise<{ video: string; at: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no new item within 5 s (after ${after}); last output:\n${terminal.written.at(-1)?.text}`)), 5000);
      const check = () => {
        for (let i = since; i < terminal.written.length; i++) {
          const video = videoIn(terminal.written[i]!.text);
          if (video && video !== after) {
            clearTimeout(timer);
            terminal.off('written', check);
            resolve({ video, at: terminal.written[i]!.at });
            return;
          }
        }
      };
      terminal.on('written', check);
      check();
    });
  let current = (await nextVideo(null, 0)).video;
  await sleep(200);
  const latencies: Sample[] = [];
  for (let k = 0; k < keys; k++) {
    const since = terminal.written.length;
    // Accept; an item without candidates gets `n` (no match), which advances the same way.
    // The last chunk holding the screen (Ink also writes bare control sequences around frames).
    const screen = [...terminal.written].reverse().find((w) => plain(w.text).includes('Candidates'))?.text ?? '';
    const key = /no candidate: n for no match/.test(plain(screen)) ? 'n' : 'a';
    if (key === 'n') noMatchKeys++;
    const cpu = process.cpuUsage();
    const pressed = performance.now();
    keyboard.press(key);
    const next = await nextVideo(current, since);
    const used = process.cpuUsage(cpu);
    latencies.push({ wallMs: next.at - pressed, cpuMs: (used.user + used.system) / 1000 });
    if (process.env['BENCH_TRACE']) process.stderr.write(`TRACE pressed ${pressed.toFixed(1)} frames at: ${terminal.written.slice(since).map((w) => w.at.toFixed(1)).join(' ')}\n`);
    current = next.video;
    // A reviewer reads the next item before the next key: let the renders settle.
    await sleep(60);
  }
  app.unmount();
  return latencies;
}

async function main() {
  const { values } = parseArgs({ options: { keys: { type: 'string', default: '100' } } });
  const keys = Number(values.keys);
  if (!existsSync(SAMPLE) || !existsSync(CATALOG)) {
    process.stderr.write(`bench:review needs ${SAMPLE} and ${CATALOG}\n`);
    process.exitCode = 1;
    return;
  }
  const started = performance.now();
  const handle = await connect({ kind: 'embedded', dir: 'memory://' });
  await importFile(handle, SAMPLE);
  await importCatalog(handle, CATALOG);
  const matched = await runMatch(handle, { top: 5, reviewer: 'bench' });
  process.stdout.write(`setup: sample imported, ${matched.catalogRows} catalog rows, ${matched.mediaItems} media items matched in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  const load = loadavg()[0]!.toFixed(1);
  process.stdout.write(`review latency, accept key -> next item's frame, 120x40, ${keys} keys each (target < 50 ms); load average ${load} on ${availableParallelism()} cores:\n`);
  for (const [label, debug] of [
    ['unthrottled render (ink-testing-library)', true],
    ['as in a terminal (Ink 30 fps throttle)  ', false],
  ] as const) {
    const samples = await measure(handle, keys, debug);
    const wall = samples.map((s) => s.wallMs).sort((a, b) => a - b);
    const cpu = samples.map((s) => s.cpuMs).sort((a, b) => a - b);
    const f = (n: number) => `${n.toFixed(1)} ms`;
    process.stdout.write(`  ${label}  wall median ${f(percentile(wall, 50))}  p95 ${f(percentile(wall, 95))}  min ${f(wall[0]!)}  max ${f(wall.at(-1)!)} · CPU median ${f(percentile(cpu, 50))}  p95 ${f(percentile(cpu, 95))}\n`);
  }
  process.stdout.write(`  (${noMatchKeys} of the ${2 * keys} keys were n: items without candidates)\n`);
  await handle.close();
}

await main();
