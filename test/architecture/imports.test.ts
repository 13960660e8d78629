import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => resolve(entry.parentPath, entry.name));
}

const files = [...sourceFiles('src'), ...sourceFiles('views')];
const known = new Set(files);

/** Every module a file imports (static, type-only and dynamic), as TypeScript reads them. */
function imports(file: string): { specifier: string; target: string | undefined }[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { specifier, target: undefined };
    const base = resolve(dirname(file), specifier).replace(/\.js$/, '');
    return { specifier, target: [`${base}.ts`, `${base}.tsx`].find((candidate) => known.has(candidate)) };
  });
}

const graph = new Map(files.map((file) => [file, imports(file)]));
const rel = (file: string) => relative(root, file);

describe('the import graph of src/ and views/', () => {
  it('has no cycle, type-only imports included', () => {
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const { target } of graph.get(file) ?? []) {
        if (!target) continue;
        if (state.get(target) === 'open') cycles.push([...stack.slice(stack.indexOf(target)), target].map(rel).join(' -> '));
        else if (!state.has(target)) visit(target);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(files.length).toBeGreaterThan(100);
    expect(cycles).toEqual([]);
  });

  it('keeps React and Ink out of src/, except the one lazy step into the TUI', () => {
    const offenders: string[] = [];
    for (const [file, list] of graph) {
      if (!rel(file).startsWith('src/')) continue;
      for (const { specifier, target } of list) {
        if (/^(ink|react|@inkjs\/)/.test(specifier)) offenders.push(`${rel(file)} imports ${specifier}`);
        if (target && rel(target).startsWith('views/') && rel(target) !== 'views/app/run.tsx') offenders.push(`${rel(file)} imports ${rel(target)}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('keeps SQL out of views/', () => {
    const offenders = [...graph.keys()]
      .filter((file) => rel(file).startsWith('views/'))
      .filter((file) => /\b(from 'kysely'|sql`|SELECT\s+[\w*]+.*\bFROM\b)/.test(readFileSync(file, 'utf8')))
      .map(rel);
    expect(offenders).toEqual([]);
  });

  it("keeps the parse worker's import graph out of src/db", () => {
    const worker = resolve(root, 'src/ingest/parse-worker.ts');
    const reached = new Set([worker]);
    for (const file of reached) for (const { target } of graph.get(file) ?? []) if (target) reached.add(target);
    expect(reached.size).toBeGreaterThan(5);
    expect([...reached].map(rel).filter((file) => file.startsWith('src/db/'))).toEqual([]);
  });
});
