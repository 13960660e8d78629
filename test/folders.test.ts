import { existsSync, mkdtempSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeFolder } from '../src/folders.js';

const temp = () => mkdtempSync(join(tmpdir(), 'cm-tui-folders-'));

describe('makeFolder', () => {
  it('creates the missing folders and returns the first one it created; undefined when the folder exists', () => {
    const root = temp();
    expect(makeFolder(join(root, 'a', 'b', 'c'))).toBe(join(root, 'a'));
    expect(statSync(join(root, 'a', 'b', 'c')).isDirectory()).toBe(true);
    expect(makeFolder(join(root, 'a', 'b'))).toBeUndefined();
    expect(makeFolder(join(root, 'a', 'b', 'd'))).toBe(join(root, 'a', 'b', 'd'));
  });

  it('fails on a file in the way', () => {
    const root = temp();
    writeFileSync(join(root, 'file'), '');
    expect(() => makeFolder(join(root, 'file', 'x'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  it('fails, instead of spinning as mkdir -p in Node does, under a dangling symlink', () => {
    const root = temp();
    symlinkSync(join(root, 'gone'), join(root, 'dangling'));
    expect(() => makeFolder(join(root, 'dangling', 'out'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(existsSync(join(root, 'gone'))).toBe(false);
  });

  it.skipIf(!existsSync('/proc/self'))('fails, instead of spinning, under /proc', () => {
    expect(() => makeFolder('/proc/cm-tui-nothing/out')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
