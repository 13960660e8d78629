/**
 * Preview paging on a million-row table (embedded PGlite in memory): time and CPU of the first
 * page, the last page, a page beside a deep row (keyset), and of the counts Preview shows (all
 * rows, and rows matching a text filter, which reads every row).
 *   npm run bench:preview
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { countRows, fetchPage } from '../src/db/browse.js';
import { connect } from '../src/db/connect.js';

const ROWS = 1_000_000;
const PAGE = 32; // the grid's rows at 120x40
const handle = await connect({ kind: 'embedded', dir: 'memory://' });
await sql`CREATE TABLE big (id bigint PRIMARY KEY, label text)`.execute(handle.db);
await sql`INSERT INTO big SELECT g, 'row ' || g FROM generate_series(1, ${ROWS}) g`.execute(handle.db);
await sql`ANALYZE big`.execute(handle.db);

async function measure(name: string, work: () => Promise<unknown>, repeats = 5) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    const before = process.cpuUsage();
    await work();
    const used = process.cpuUsage(before);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`${name.padEnd(34)} median ${median(wall).toFixed(1).padStart(7)} ms wall ${median(cpu).toFixed(1).padStart(7)} ms CPU`);
}

console.log(`Preview paging, ${ROWS.toLocaleString('en-US')} rows, pages of ${PAGE}, PGlite in memory (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
await measure('first page', () => fetchPage(handle, { table: 'big', limit: PAGE, from: { kind: 'start' } }));
await measure('last page (End)', () => fetchPage(handle, { table: 'big', limit: PAGE, from: { kind: 'end' } }));
await measure('page after row 900,000 (PgDn)', () => fetchPage(handle, { table: 'big', limit: PAGE, from: { kind: 'after', key: [900_000] } }));
await measure('page before row 900,000 (PgUp)', () => fetchPage(handle, { table: 'big', limit: PAGE, from: { kind: 'before', key: [900_000] } }));
await measure('count all rows', () => countRows(handle, 'big'), 3);
await measure('count rows matching "99999"', () => countRows(handle, 'big', '99999'), 3);
await handle.close();
