import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import type { DbHandle } from '../../src/db/connect.js';
import { App } from '../../views/app/App.js';
import type { Screen } from '../../views/app/screen.js';
import { ServicesProvider } from '../../views/services.js';

/** Escape sequences of the keys tests press, by name; anything else is written as typed. */
export const KEYS = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  pageUp: '\u001b[5~',
  pageDown: '\u001b[6~',
  home: '\u001b[H',
  end: '\u001b[F',
  enter: '\r',
  esc: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  backspace: '\u007f',
  space: ' ',
  ctrlC: '\u0003',
} as const;

export type KeyName = keyof typeof KEYS;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Tui {
  lastFrame(): string;
  /** Presses keys one at a time (names from KEYS, or literal text), waiting for each to render. */
  press(...keys: (KeyName | { text: string })[]): Promise<void>;
  /** Types text as one write (as a paste would arrive). */
  type(text: string): Promise<void>;
  /** Polls the frame until it contains `text` (or matches the pattern); fails showing the frame. */
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Polls until the frame no longer contains `text`. */
  waitForGone(text: string, timeoutMs?: number): Promise<string>;
  /** Resizes the terminal and waits for the redraw. */
  resize(columns: number, rows: number): Promise<void>;
  unmount(): void;
}

/**
 * The one render helper of the screen tests: ink-testing-library with a terminal of the given
 * size (120x40 by default, resizable), a tick before the first key (keys written right after
 * render are lost), and waits that fail with the frame in the message.
 */
export async function renderTui(tree: ReactElement, size: { columns?: number; rows?: number } = {}): Promise<Tui> {
  const instance = render(tree);
  const stdout = instance.stdout as unknown as { columns: number; rows: number; emit(event: string): void };
  const setSize = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', { value: columns, configurable: true });
    Object.defineProperty(stdout, 'rows', { value: rows, configurable: true });
    stdout.emit('resize');
  };
  setSize(size.columns ?? 120, size.rows ?? 40);
  await sleep(30);
  const frame = () => instance.lastFrame() ?? '';

  const waitForFrameChange = async (before: number, ms: number) => {
    const deadline = Date.now() + ms;
    while (instance.frames.length === before && Date.now() < deadline) await sleep(5);
    // Let effects triggered by the key settle into the frame.
    await sleep(15);
  };

  const tui: Tui = {
    lastFrame: frame,
    async press(...keys) {
      for (const k of keys) {
        const data = typeof k === 'string' ? KEYS[k] : k.text;
        const before = instance.frames.length;
        instance.stdin.write(data);
        // A lone Esc is only known to be Esc after ink's escape timeout.
        await waitForFrameChange(before, data === KEYS.esc ? 300 : 150);
      }
    },
    async type(text) {
      const before = instance.frames.length;
      instance.stdin.write(text);
      await waitForFrameChange(before, 150);
    },
    async waitFor(text, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      const found = () => (typeof text === 'string' ? frame().includes(text) : text.test(frame()));
      while (!found()) {
        if (Date.now() > deadline) throw new Error(`waitFor(${String(text)}) timed out after ${timeoutMs} ms; last frame:\n${frame()}`);
        await sleep(10);
      }
      // A frame is written before React runs its effects (input handlers subscribe there): let
      // them run, or keys pressed next could reach no handler.
      await sleep(25);
      return frame();
    },
    async waitForGone(text, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (frame().includes(text)) {
        if (Date.now() > deadline) throw new Error(`waitForGone(${text}) timed out after ${timeoutMs} ms; last frame:\n${frame()}`);
        await sleep(10);
      }
      return frame();
    },
    async resize(columns, rows) {
      const before = instance.frames.length;
      setSize(columns, rows);
      await waitForFrameChange(before, 300);
    },
    unmount: () => instance.unmount(),
  };
  return tui;
}

/** The whole app on an open database, starting at `start` (Home by default). */
export function renderApp(handle: DbHandle, options: { start?: Screen; columns?: number; rows?: number; dataDir?: string } = {}): Promise<Tui> {
  return renderTui(
    <ServicesProvider handle={handle} description={handle.description} dataDir={options.dataDir ?? join(tmpdir(), 'cm-tui-test')}>
      <App start={options.start} />
    </ServicesProvider>,
    options,
  );
}
