/** Helpers of the normaliser's change logs held in typed arrays (builder.ts, pair-count-log.ts). */

/**
 * Sorts each group order[starts[g] .. starts[g + 1]) by `keyOf` of its entries: an insertion
 * sort, as buckets mostly arrive in time order (the sample is shuffled over days only).
 */
export function sortGroupsBy(order: Int32Array, starts: Int32Array, keyOf: Int32Array): void {
  for (let g = 0; g + 1 < starts.length; g++) {
    const start = starts[g] as number;
    for (let i = start + 1; i < (starts[g + 1] as number); i++) {
      const entry = order[i] as number;
      const key = keyOf[entry] as number;
      let j = i - 1;
      while (j >= start && (keyOf[order[j] as number] as number) > key) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = entry;
    }
  }
}

/** A hash of two 32-bit integers for open addressing. */
export function hashPair(a: number, b: number): number {
  const h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  return h ^ (h >>> 15);
}

/** Puts index + 1 in the first free slot from h (the table's length a power of two, never full). */
export function placeIn(slots: Int32Array, h: number, index: number): void {
  const mask = slots.length - 1;
  let at = h & mask;
  while ((slots[at] as number) !== 0) at = (at + 1) & mask;
  slots[at] = index + 1;
}

/** A copy of `array` with room for at least `size` elements (doubling). */
export function grownTo<T extends Int32Array | Float64Array>(array: T, size: number): T {
  let length = Math.max(array.length, 1);
  while (length < size) length *= 2;
  const next = new (array.constructor as new (length: number) => T)(length);
  next.set(array);
  return next;
}
