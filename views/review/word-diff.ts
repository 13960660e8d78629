/** A word of one side of a comparison, and whether the other side has it at the same place. */
export interface DiffWord {
  text: string;
  same: boolean;
}

/**
 * Word-level diff of two normalised strings (longest common subsequence of words): what the
 * review screen highlights between the picked candidate and the video.
 */
export function wordDiff(a: string, b: string): { a: DiffWord[]; b: DiffWord[] } {
  const left = a.split(/\s+/).filter((w) => w !== '');
  const right = b.split(/\s+/).filter((w) => w !== '');
  const n = left.length;
  const m = right.length;
  // lengths[i][j]: LCS length of left[i..] and right[j..]
  const lengths = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i]![j] = left[i] === right[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const outA: DiffWord[] = [];
  const outB: DiffWord[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (left[i] === right[j]) {
      outA.push({ text: left[i++]!, same: true });
      outB.push({ text: right[j++]!, same: true });
    } else if (lengths[i + 1]![j]! >= lengths[i]![j + 1]!) outA.push({ text: left[i++]!, same: false });
    else outB.push({ text: right[j++]!, same: false });
  }
  while (i < n) outA.push({ text: left[i++]!, same: false });
  while (j < m) outB.push({ text: right[j++]!, same: false });
  return { a: outA, b: outB };
}
