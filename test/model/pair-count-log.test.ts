import { describe, expect, it } from 'vitest';
import { PairCountLog } from '../../src/model/pair-count-log.js';

const DAY = 19131; // 2022-05-19
const ids = (n: number) => Int32Array.from({ length: n + 1 }, (_, i) => i * 10);

describe('PairCountLog', () => {
  it('keeps the latest count per pair and bucket, the greater one at equal times, and a row only when the count changes', () => {
    const log = new PairCountLog();
    // Pair (1, 2): day 0 seen twice (the later wins), day 1 equal count (no row), day 2 a tie (the greater wins).
    log.observe(1, 2, DAY, DAY, 5_000_000, 3);
    log.observe(1, 2, DAY, DAY, 9_000_000, 4);
    log.observe(1, 2, DAY, DAY, 1_000_000, 9); // older in the bucket: ignored
    log.observe(2, 1, DAY, DAY, 0, -1); // second pair, a null count
    log.observe(1, 2, DAY + 1, DAY + 1, 0, 4);
    log.observe(1, 2, DAY + 2, DAY + 2, 7, 6);
    log.observe(1, 2, DAY + 2, DAY + 2, 7, 2);
    log.observe(2, 1, DAY - 1, DAY - 1, 0, 8); // an earlier bucket, out of order
    log.observe(2, 1, DAY, DAY, 0, 0); // a tie with null: the count wins
    expect([...log.rows([ids(2), ids(2)])]).toEqual([
      [10, 20, '2022-05-19 00:00:09.000000', 4],
      [10, 20, '2022-05-21 00:00:00.000007', 6],
      [20, 10, '2022-05-18 00:00:00.000000', 8],
      [20, 10, '2022-05-19 00:00:00.000000', 0],
    ]);
  });

  it('holds many pairs and buckets through its tables growing', () => {
    const log = new PairCountLog();
    for (let day = 0; day < 5; day++) for (let p = 1; p <= 3000; p++) log.observe(p % 7 + 1, p, DAY + day, DAY + day, 0, day < 3 ? p : p + 1);
    const rows = [...log.rows([ids(8), ids(3000)])];
    // Per pair: a row on day 0 and one on day 3, where the count changes.
    expect(rows.length).toBe(6000);
    expect(rows[0]).toEqual([20, 10, '2022-05-19 00:00:00.000000', 1]);
    expect(rows[1]).toEqual([20, 10, '2022-05-22 00:00:00.000000', 2]);
  });
});
