/**
 * `npm run bench:match-sample`: the time to score the sample as `cm-tui match` does (index the
 * catalog, then every video of the playlist file with the shipped model, top 5), wall and CPU,
 * each repetition in the same process (the first one pays for the JIT). With --dump FILE it writes
 * every video's results (ranked recordings with their rows, scores, confidences, waterfall, and
 * the recommendation) one JSON line a video; with --check FILE it compares them with such a dump
 * and exits 1 on the first difference, so a speed change can show it changed nothing.
 *
 *   npm run bench:match-sample [-- --runs 3] [--catalog FILE] [--sample FILE.json] [--dump FILE | --check FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { catalogRows } from '../src/match/catalog-csv.js';
import { buildIndex, DEFAULT_TOP, matchItem, type MediaItemMatch } from '../src/match/matcher.js';
import type { MediaItemText } from '../src/match/title.js';
import { root } from './labelled.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    catalog: { type: 'string', default: join(root, '../shared/data/cm_track.csv') },
    sample: { type: 'string', default: join(root, '../shared/data/youtube_playlist.json') },
    dump: { type: 'string' },
    check: { type: 'string' },
  },
});

const sample = JSON.parse(readFileSync(values.sample, 'utf8')) as { video_id: string; title: string | null; artist_name: string | null; track_title: string | null }[];
const videos = new Map<string, MediaItemText>();
for (const o of sample) if (!videos.has(o.video_id)) videos.set(o.video_id, { videoId: o.video_id, title: o.title ?? '', artistName: o.artist_name, trackTitle: o.track_title });

/** Everything `cm-tui match` stores for a video, as one line. */
function dumpLine(m: MediaItemMatch): string {
  return JSON.stringify({
    video: m.item.videoId,
    recommendation: m.recommendation,
    recordings: m.recordings.map((r) => ({
      score: r.score,
      confidence: r.confidence,
      waterfall: r.waterfall,
      evidence: r.evidence,
      rows: r.rows.map((c) => [c.isrc, c.score, c.titleScore, c.artistScore, c.flags.join(';'), c.reading.title, c.reading.artists.join('; ')]),
    })),
  });
}

const cpuMs = (a: NodeJS.CpuUsage, b: NodeJS.CpuUsage) => (b.user - a.user + b.system - a.system) / 1000;
process.stdout.write(`load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
let last: MediaItemMatch[] = [];
for (let run = 1; run <= Number(values.runs); run++) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const index = await buildIndex(catalogRows(values.catalog));
  const c1 = process.cpuUsage();
  const t1 = performance.now();
  last = [...videos.values()].map((video) => matchItem(index, video, DEFAULT_TOP));
  const c2 = process.cpuUsage();
  const t2 = performance.now();
  process.stdout.write(
    `run ${run}: ${(t2 - t0).toFixed(0)} ms wall, ${cpuMs(c0, c2).toFixed(0)} ms CPU ` +
      `(index ${index.size} rows ${(t1 - t0).toFixed(0)} ms / ${cpuMs(c0, c1).toFixed(0)} ms CPU; ` +
      `${videos.size} videos ${(t2 - t1).toFixed(0)} ms / ${cpuMs(c1, c2).toFixed(0)} ms CPU)\n`,
  );
}
process.stdout.write(`load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);

const lines = last.map(dumpLine);
if (values.dump) writeFileSync(values.dump, lines.join('\n') + '\n');
if (values.check) {
  const expected = readFileSync(values.check, 'utf8').split('\n').filter((l) => l !== '');
  const differ = lines.findIndex((line, i) => line !== expected[i]);
  if (differ >= 0 || expected.length !== lines.length) {
    const at = differ >= 0 ? differ : Math.min(lines.length, expected.length);
    process.stdout.write(`DIFFERENT from ${values.check} at video ${at + 1} of ${lines.length} (expected ${expected.length}):\n  expected ${expected[at] ?? '(nothing)'}\n  got      ${lines[at] ?? '(nothing)'}\n`);
    process.exit(1);
  }
  process.stdout.write(`identical to ${values.check}: ${lines.length} videos\n`);
}
