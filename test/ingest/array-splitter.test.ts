import { describe, expect, it } from 'vitest';
import { ArrayReader, type ParsedElements } from '../../src/ingest/array-reader.js';
import { ArraySplitter, FileSyntaxError } from '../../src/ingest/array-splitter.js';
import { LineSplitter } from '../../src/ingest/line-splitter.js';

/** Feeds `text` in chunks of `size` bytes and returns each element's text and file offset. */
function split(text: string, size: number): [string, number][] {
  const bytes = Buffer.from(text);
  const splitter = new ArraySplitter();
  const elements: [string, number][] = [];
  for (let i = 0; i < bytes.length; i += size) {
    for (const run of splitter.push(bytes.subarray(i, i + size))) {
      run.starts.forEach((start, k) => elements.push([run.buffer.toString('utf8', start, run.ends[k]).trim(), run.base + start]));
    }
  }
  splitter.end();
  return elements;
}

describe('ArraySplitter', () => {
  const elements = [
    { s: 'a,b]}{["', esc: '\\"quoted\\" \\\\', nested: [[1, { x: [] }], {}] },
    'plain string with , and ]',
    -12.5e3,
    null,
    [1, [2, [3]]],
    { emoji: '🎵 é ♫', backslashEnd: 'x\\' },
  ];
  const text = ` [ ${elements.map((e) => JSON.stringify(e)).join(' ,\n ')} ] \n`;

  it.each([1, 2, 3, 7, 64, 1 << 20])('finds every top-level element whatever the chunk size (%i bytes)', (size) => {
    const found = split(text, size);
    expect(found.map(([element]) => JSON.parse(element) as unknown)).toEqual(elements);
    expect(found.map(([, offset]) => offset)).toEqual(found.map(([element]) => Buffer.from(text).indexOf(element)));
  });

  it('reports the byte offset of structural errors', () => {
    const offsetOf = (input: string): number => {
      try {
        split(input, 3);
      } catch (error) {
        expect(error).toBeInstanceOf(FileSyntaxError);
        return (error as FileSyntaxError).offset;
      }
      throw new Error('no error');
    };
    expect(offsetOf('[1,,2]')).toBe(3);
    expect(offsetOf('[1}')).toBe(2);
    expect(offsetOf('x[]')).toBe(0);
    expect(offsetOf('[1] 2')).toBe(4);
    expect(offsetOf('[1, "abc')).toBe(8);
  });
});

describe('LineSplitter', () => {
  it('joins lines split across chunks, drops CR, keeps line numbers and byte offsets', () => {
    const bytes = Buffer.from('{"a":"é"}\r\n\n{"b":2}\n{"c":3}');
    for (const size of [1, 4, 100]) {
      const splitter = new LineSplitter();
      const lines = [];
      for (let i = 0; i < bytes.length; i += size) lines.push(...splitter.push(bytes.subarray(i, i + size)));
      lines.push(...splitter.end());
      expect(lines).toEqual([
        { text: '{"a":"é"}', number: 1, offset: 0 },
        { text: '', number: 2, offset: 12 },
        { text: '{"b":2}', number: 3, offset: 13 },
        { text: '{"c":3}', number: 4, offset: 21 },
      ]);
    }
  });
});

describe('ArrayReader (fast path with exact fallback)', () => {
  /** Feeds `text` (which starts with '[') in chunks and returns values and raw texts. */
  function readArray(text: string, size: number): { values: unknown[]; raw: string[] } {
    const bytes = Buffer.from(text);
    const open = bytes.indexOf('[');
    const reader = new ArrayReader(open + 1);
    const values: unknown[] = [];
    const raw: string[] = [];
    const take = (parsed: ParsedElements[]): void => {
      for (const p of parsed) p.values.forEach((v, k) => (values.push(v), raw.push(p.rawText(k))));
    };
    for (let i = open + 1; i < bytes.length; i += size) take(reader.push(bytes.subarray(i, Math.min(i + size, bytes.length))));
    take(reader.end());
    return { values, raw };
  }

  // `},` inside strings and at depth > 0 must not be taken for element boundaries.
  const elements = [
    { title: 'a},b', nested: { x: 1 }, after: '},{' },
    { deep: [{ a: 1 }, { b: 2 }], s: '\\"},' },
    'scalar},',
    7,
    { emoji: '🎵},é' },
  ];
  const text = `[\n${elements.map((e) => `  ${JSON.stringify(e, null, 1)}`).join(',\n')}\n]\n`;

  it.each([1, 5, 13, 64, 1 << 20])('gives every element and its raw text whatever the chunk size (%i bytes)', (size) => {
    const { values, raw } = readArray(text, size);
    expect(values).toEqual(elements);
    expect(raw).toEqual(elements.map((e) => JSON.stringify(e, null, 1)));
  });

  it.each([1, 7, 1 << 20])('reports syntax errors at their byte offset (%i-byte chunks)', (size) => {
    const bad = `[{"a":1},{"b":2},{"c":[1,}]},{"d":4}]`;
    try {
      readArray(bad, size);
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(FileSyntaxError);
      expect((error as FileSyntaxError).offset).toBe(bad.indexOf('[1,}') + 3);
      expect((error as FileSyntaxError).message).toBe('expected a JSON value');
    }
  });

  it('rejects an empty first element even when the rest would parse', () => {
    expect(() => readArray('[,{"a":1},{"b":2}]', 1 << 20)).toThrow("expected a value before ','");
  });
});
