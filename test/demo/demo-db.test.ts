import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { homeCounts } from '../../src/db/stats.js';
import { openDemo } from '../../src/demo/demo-db.js';
import { demoTarget } from '../../src/demo/demo-target.js';

describe('the demo database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cm-tui-demo-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in its own folder under the data dir', () => {
    expect(demoTarget({ XDG_DATA_HOME: '/data' })).toEqual({ kind: 'embedded', dir: '/data/cm-tui/demo' });
  });

  it('is generated, imported and matched once, then reused as it is', async () => {
    const target = { kind: 'embedded' as const, dir: join(dir, 'demo') };
    const steps: string[] = [];
    const built = await openDemo(target, (step) => steps.push(step));
    let counts;
    try {
      counts = await homeCounts(built);
    } finally {
      await built.close();
    }
    expect(steps[0]).toBe('creating the demo database (first run only)');
    expect(steps).toContain('generating the demo playlists and catalog');
    expect(steps[steps.length - 1]).toBe('demo ready');
    expect(counts.observations).toBeGreaterThan(2500);
    expect(counts.mediaItems).toBeGreaterThan(100);
    // Clear winners are auto-accepted; the rest wait for review.
    expect(counts.matches!.reviewed).toBeGreaterThan(0);
    expect(counts.matches!.pending).toBeGreaterThan(0);

    const again: string[] = [];
    const reopened = await openDemo(target, (step) => again.push(step));
    try {
      expect(await homeCounts(reopened)).toEqual(counts);
    } finally {
      await reopened.close();
    }
    expect(again).toEqual(['opening the demo database']);
  }, 180_000);
});
