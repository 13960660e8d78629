import { describe, expect, it } from 'vitest';
import { bar } from '../../../views/components/Bar/bar.js';
import { footerLines } from '../../../views/components/Footer/footer-lines.js';
import { fitColumns, MARK_WIDTH, SEPARATOR } from '../../../views/components/Grid/fit-columns.js';
import { formatCell } from '../../../views/components/Grid/format.js';
import { sparkline } from '../../../views/components/Sparkline/sparkline.js';
import { displayWidth, fit, truncate } from '../../../views/components/text/text.js';
import { applyEdit, line, moveLine, selectedLine, toEditOp, type LineState } from '../../../views/components/TextField/line-edit.js';
import type { Key } from 'ink';

const noKey: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
  super: false, hyper: false, capsLock: false, numLock: false,
} as Key;

describe('text', () => {
  it('cuts by display width with … and pads wide characters correctly', () => {
    expect(truncate('Bad Habits', 5)).toBe('Bad …');
    expect(truncate('Bad', 5)).toBe('Bad');
    expect(truncate('방탄소년단', 5)).toBe('방탄…');
    expect(displayWidth(fit('방탄소년단', 5))).toBe(5);
    expect(fit('42', 5, 'right')).toBe('   42');
  });
});

describe('fitColumns', () => {
  it('keeps natural widths when the row fits', () => {
    expect(fitColumns(['id', 'name'], [['1', 'Bad Habits']], 80)).toEqual({ indices: [0, 1], widths: [2, 10] });
  });

  it('narrows the widest columns first so the line is exactly the width', () => {
    const fitResult = fitColumns(['id', 'title', 'artist'], [['1', 'x'.repeat(50), 'y'.repeat(30)]], 60);
    expect(fitResult.indices).toEqual([0, 1, 2]);
    expect(fitResult.widths[0]).toBe(2);
    const used = fitResult.widths.reduce((a, b) => a + b, 0) + SEPARATOR.length * 2 + MARK_WIDTH;
    expect(used).toBe(60);
    expect(Math.abs(fitResult.widths[1]! - fitResult.widths[2]!)).toBeLessThanOrEqual(1);
  });

  it('leaves columns that cannot fit for horizontal scrolling, starting at the first column asked', () => {
    const headers = Array.from({ length: 20 }, (_, i) => `column_${i}`);
    const fitted = fitColumns(headers, [], 80);
    expect(fitted.indices[0]).toBe(0);
    expect(fitted.indices.length).toBeLessThan(20);
    expect(fitColumns(headers, [], 80, 15).indices[0]).toBe(15);
  });

  it('shows null as ∅ and newlines as ⏎', () => {
    expect(formatCell(null)).toBe('∅');
    expect(formatCell('a\nb')).toBe('a⏎b');
    expect(formatCell(12)).toBe('12');
  });
});

describe('bars and sparklines', () => {
  it('fills a bar in eighths to exactly its width', () => {
    expect(bar(0.5, 8)).toBe('████░░░░');
    expect(bar(1, 4)).toBe('████');
    expect(bar(0, 3)).toBe('░░░');
    expect(bar(1 / 16, 2)).toBe('▏░');
  });

  it('draws ranks inverted (position 1 tallest) and leaves gaps for missing days', () => {
    expect(sparkline([1, 5, 3])).toBe('▁█▅');
    expect(sparkline([1, null, 8], { invert: true })).toBe('█ ▁');
    expect(sparkline([4, 4])).toBe('██');
    expect(sparkline([0, 10, 20], { invert: true, min: 0, max: 40 })).toBe('█▆▅');
  });
});

describe('footer', () => {
  it('packs keys into lines of the width and hints at ? when they do not fit', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ keys: `k${i}`, description: 'does a thing' }));
    const lines = footerLines(items, 40, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('k0 does a thing  k1 does a thing');
    expect(lines[1]!.endsWith('? more')).toBe(true);
  });
});

describe('line editing', () => {
  it('inserts at the cursor, deletes back, moves and clears', () => {
    let state = line('cm_track.csv');
    state = applyEdit(state, { kind: 'left' });
    state = applyEdit(state, { kind: 'left' });
    state = applyEdit(state, { kind: 'insert', text: 'X' });
    expect(state).toEqual({ text: 'cm_track.cXsv', cursor: 11 });
    state = applyEdit(state, { kind: 'backspace' });
    expect(state.text).toBe('cm_track.csv');
    expect(applyEdit(line('/data/shared/file'), { kind: 'deleteWord' }).text).toBe('/data/shared/');
    expect(applyEdit({ text: 'abc', cursor: 1 }, { kind: 'clear' })).toEqual({ text: 'bc', cursor: 0 });
  });

  it('maps keys to edits and leaves Enter, Tab and arrows up/down to the screen', () => {
    expect(toEditOp('a', noKey)).toEqual({ kind: 'insert', text: 'a' });
    expect(toEditOp('', { ...noKey, delete: true })).toEqual({ kind: 'backspace' });
    expect(toEditOp('', { ...noKey, return: true })).toBeNull();
    expect(toEditOp('', { ...noKey, tab: true })).toBeNull();
    expect(toEditOp('', { ...noKey, upArrow: true })).toBeNull();
    expect(toEditOp('u', { ...noKey, ctrl: true })).toEqual({ kind: 'clear' });
    expect(toEditOp('w', { ...noKey, ctrl: true })).toEqual({ kind: 'deleteWord' });
    expect(toEditOp('a', { ...noKey, ctrl: true })).toEqual({ kind: 'start' });
    expect(toEditOp('e', { ...noKey, ctrl: true })).toEqual({ kind: 'end' });
    // A paste's line ends (\r from a terminal) arrive as \n.
    expect(toEditOp('a\rb\r\nc', noKey)).toEqual({ kind: 'insert', text: 'a\nb\nc' });
  });

  it('replaces a field opened on its previous text when typing starts (the search no longer appends)', () => {
    const opened = selectedLine('bam bam');
    expect(opened).toEqual({ text: 'bam bam', cursor: 7, selected: true });
    expect(applyEdit(opened, { kind: 'insert', text: 'camila cabello' })).toEqual({ text: 'camila cabello', cursor: 14 });
    expect(applyEdit(opened, { kind: 'backspace' })).toEqual({ text: '', cursor: 0 });
    expect(applyEdit(opened, { kind: 'deleteWord' })).toEqual({ text: '', cursor: 0 });
    expect(applyEdit(opened, { kind: 'clear' })).toEqual({ text: '', cursor: 0 });
    // A move keeps the text and ends the selection: then typing edits it.
    const kept = applyEdit(opened, { kind: 'end' });
    expect(kept).toEqual({ text: 'bam bam', cursor: 7 });
    expect(applyEdit(kept, { kind: 'insert', text: '!' }).text).toBe('bam bam!');
    expect(applyEdit(opened, { kind: 'start' })).toEqual({ text: 'bam bam', cursor: 0 });
    expect(applyEdit(opened, { kind: 'left' })).toEqual({ text: 'bam bam', cursor: 0 });
    expect(applyEdit(opened, { kind: 'right' })).toEqual({ text: 'bam bam', cursor: 7 });
    expect(selectedLine('')).toEqual({ text: '', cursor: 0 });
  });

  it('edits like a shell: Ctrl+A/E to the ends, Ctrl+U deletes to the start, Ctrl+W the word before', () => {
    const at = (text: string, cursor: number): LineState => ({ text, cursor });
    expect(applyEdit(at('select 1', 4), { kind: 'start' })).toEqual(at('select 1', 0));
    expect(applyEdit(at('select 1', 4), { kind: 'end' })).toEqual(at('select 1', 8));
    expect(applyEdit(at('camila cabello', 10), { kind: 'clear' })).toEqual(at('ello', 0));
    expect(applyEdit(at('camila cabello', 14), { kind: 'deleteWord' })).toEqual(at('camila ', 7));
    expect(applyEdit(at('camila cabello  ', 16), { kind: 'deleteWord' })).toEqual(at('camila ', 7));
    expect(applyEdit(at('ab', 0), { kind: 'deleteWord' })).toEqual(at('ab', 0));
  });

  it('keeps line ends in a multi-line text and makes them spaces in a one-line field', () => {
    expect(applyEdit(line('select'), { kind: 'insert', text: '\nfrom t' }, { multiline: true })).toEqual({ text: 'select\nfrom t', cursor: 13 });
    expect(applyEdit(line('select'), { kind: 'insert', text: '\nfrom t' })).toEqual({ text: 'select from t', cursor: 13 });
  });

  it('works on the cursor\'s line of a multi-line text', () => {
    const text = 'select a,\n  b\nfrom t';
    const inB = { text, cursor: text.indexOf('b') + 1 };
    expect(applyEdit(inB, { kind: 'start' }).cursor).toBe(10);
    expect(applyEdit(inB, { kind: 'end' }).cursor).toBe(13);
    expect(applyEdit(inB, { kind: 'clear' })).toEqual({ text: 'select a,\n\nfrom t', cursor: 10 });
    // Ctrl+W stops at the line's start rather than eating the line end.
    expect(applyEdit({ text, cursor: 13 }, { kind: 'deleteWord' })).toEqual({ text: 'select a,\n  \nfrom t', cursor: 12 });
    expect(applyEdit({ text, cursor: 12 }, { kind: 'deleteWord' })).toEqual({ text: 'select a,\nb\nfrom t', cursor: 10 });
    expect(applyEdit({ text, cursor: 10 }, { kind: 'deleteWord' })).toEqual({ text, cursor: 10 });
  });

  it('moves up and down a line at the same column, and says when there is no line there', () => {
    const text = 'select a,\n  b\nfrom t';
    expect(moveLine({ text, cursor: 8 }, 1)).toEqual({ text, cursor: 13 });
    expect(moveLine({ text, cursor: 13 }, 1)).toEqual({ text, cursor: 17 });
    expect(moveLine({ text, cursor: 17 }, -1)).toEqual({ text, cursor: 13 });
    expect(moveLine({ text, cursor: 12 }, -1)).toEqual({ text, cursor: 2 });
    expect(moveLine({ text, cursor: 3 }, -1)).toBeNull();
    expect(moveLine({ text, cursor: 18 }, 1)).toBeNull();
  });
});
