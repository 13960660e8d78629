import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/db/connect.js';
import { SCREEN_LIST, type ScreenName } from '../../src/screens.js';
import { displayWidth } from '../../views/components/text/text.js';
import { renderApp } from '../support/render.js';
import { hasSample, sampleDb } from '../support/sample-db.js';

/** What each screen shows once loaded: its section headers, each on a line of its own. */
const SECTIONS: Record<ScreenName, (string | RegExp)[]> = {
  home: [/^Database: /m, /^▶ i  Import/m, /^  e  Export/m],
  import: [/^Into /m, /^File: /m],
  preview: [/^Pick a table/m, /^▶ artists/m],
  'run-match': [/^1,046 videos against 0 catalog rows/m],
  review: [/^Queue: undecided/m, /Candidates \(0\)/],
  decisions: [/^Kind: all/m, /^ +id when +decision/m],
  explorer: [/^ro=> /m],
  dashboard: [/^Top playlists by latest plays/m, /^Videos of /m, /^Position history of /m, /^ISRC review progress/m],
  export: [/^Tables \(8 of \d+ ticked\)/m, /^Folder: /m],
};

describe.skipIf(!hasSample)('every screen at 80x20, the documented minimum (needs ../shared/data)', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await sampleDb();
  });
  afterAll(() => handle?.close());

  it.each([['Home', 'home'] as const, ...SCREEN_LIST.map((s) => [s.title, s.name] as const)])('%s lays out without overlap', async (title, name) => {
    const tui = await renderApp(handle, { start: { name } as never, columns: 80, rows: 20 });
    const sections = SECTIONS[name];
    // Loaded: the last section is there and no spinner is left.
    await tui.waitFor(sections[sections.length - 1]!, 10_000);
    const frame = await tui.waitFor(/^(?![^]*[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏])[^]*$/);
    const lines = frame.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^cm-tui › ${title} `));
    // One line is left free so Ink never scrolls: 19 lines of at most 80 columns.
    expect(lines.length).toBeLessThanOrEqual(19);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    for (const section of sections) expect(frame).toMatch(section);
    // The footer of keys closes the frame.
    expect(lines[lines.length - 1]!.trimEnd()).toMatch(/(back|quit|\? more|\? help)$/);
    tui.unmount();
  });
});
