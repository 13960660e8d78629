const LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One character per value, scaled between the smallest and largest; null (no observation that
 * day) is a gap; min/max default to the values' own. `invert` for ranks, where 1 is the top: a better position draws a taller bar.
 */
export function sparkline(values: readonly (number | null)[], options: { invert?: boolean; min?: number; max?: number } = {}): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return ' '.repeat(values.length);
  // A shared min/max lets several lines be compared (same position, same height).
  const min = options.min ?? Math.min(...present);
  const max = options.max ?? Math.max(...present);
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      const t = max === min ? 1 : (v - min) / (max - min);
      const level = Math.round((options.invert ? 1 - t : t) * (LEVELS.length - 1));
      return LEVELS[level]!;
    })
    .join('');
}
