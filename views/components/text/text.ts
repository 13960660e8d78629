import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter();

/** Columns a string takes in a terminal (wide CJK and emoji count 2). */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** One terminal line: newlines and tabs become visible marks, other control characters are dropped. */
export function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '⏎').replace(/\t/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '');
}

/** Cuts `text` to at most `width` columns, ending with … when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of segmenter.segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width - 1) break;
    out += segment;
    used += w;
  }
  return out + '…';
}

/** Pads with spaces to exactly `width` columns (after truncating). */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const cut = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - displayWidth(cut)));
  return align === 'left' ? cut + pad : pad + cut;
}

/** 1234567 -> "1,234,567": counts the user reads, not ids. */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

// One formatter: toLocaleString builds a new one per call, a measurable part of a frame.
const COUNT_FORMAT = new Intl.NumberFormat('en-US');
