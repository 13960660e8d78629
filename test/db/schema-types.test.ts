import { resolve } from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTargets, type FreshDatabase } from '../support/db-targets.js';

/** A column as the Kysely `Database` interface declares it: JavaScript kind and whether null is allowed. */
interface DeclaredColumn {
  kind: 'number' | 'string' | 'boolean';
  nullable: boolean;
}

/** Reads src/db/schema.ts with the TypeScript checker: every table of `Database`, every column's type. */
function declaredTables(): Map<string, Map<string, DeclaredColumn>> {
  const file = resolve(import.meta.dirname, '../../src/db/schema.ts');
  const program = ts.createProgram([file], { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, noEmit: true, types: [], skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const database = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((symbol) => symbol.name === 'Database')!;
  const kindOf = (parts: readonly ts.Type[]): DeclaredColumn['kind'] => {
    const flags = parts.map((part) => part.flags);
    if (flags.every((f) => f & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral))) return 'number';
    if (flags.every((f) => f & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral))) return 'string';
    if (flags.every((f) => f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral))) return 'boolean';
    throw new Error(`schema.ts: unexpected column type ${parts.map((part) => checker.typeToString(part)).join(' | ')}`);
  };
  const tables = new Map<string, Map<string, DeclaredColumn>>();
  for (const table of checker.getDeclaredTypeOfSymbol(database).getProperties()) {
    const columns = new Map<string, DeclaredColumn>();
    for (const column of checker.getTypeOfSymbol(table).getProperties()) {
      let type = checker.getTypeOfSymbol(column);
      // Kysely's Generated<T> is a ColumnType whose __select__ is what a query returns.
      const selected = type.getProperty('__select__');
      if (selected) type = checker.getTypeOfSymbol(selected);
      const parts = type.isUnion() ? type.types : [type];
      const nullable = parts.some((part) => part.flags & ts.TypeFlags.Null);
      const rest = parts.filter((part) => !(part.flags & ts.TypeFlags.Null));
      columns.set(column.name, { kind: kindOf(rest), nullable });
    }
    tables.set(table.name, columns);
  }
  return tables;
}

let declaredOnce: ReturnType<typeof declaredTables> | undefined;

const NUMBER_TYPES = new Set(['smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric']);

describe.each(testTargets())('src/db/schema.ts against the migrated database on $name', (target) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await target.fresh();
  });
  afterAll(() => fresh?.dispose());

  it('declares every table and view with the columns, kinds and nullability the database has', async () => {
    const declared = (declaredOnce ??= declaredTables());
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: 'YES' | 'NO'; table_type: string }>`
      SELECT c.table_name, c.column_name, c.data_type, c.is_nullable, t.table_type
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema()
      ORDER BY c.table_name, c.ordinal_position`.execute(fresh.handle.db);
    const actual = new Map<string, Map<string, DeclaredColumn>>();
    const views = new Set<string>();
    for (const row of rows) {
      if (row.table_type === 'VIEW') views.add(row.table_name);
      const columns = actual.get(row.table_name) ?? new Map<string, DeclaredColumn>();
      const kind = NUMBER_TYPES.has(row.data_type) ? 'number' : row.data_type === 'boolean' ? 'boolean' : 'string';
      columns.set(row.column_name, { kind, nullable: row.is_nullable === 'YES' });
      actual.set(row.table_name, columns);
    }
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
    const differences: string[] = [];
    for (const [table, columns] of actual) {
      const mine = declared.get(table)!;
      expect([...mine.keys()].sort(), table).toEqual([...columns.keys()].sort());
      for (const [column, real] of columns) {
        const typed = mine.get(column)!;
        if (typed.kind !== real.kind) differences.push(`${table}.${column}: ${typed.kind} in schema.ts, ${real.kind} in the database`);
        // A view's columns are all nullable to information_schema; its types still hold.
        if (!views.has(table) && typed.nullable !== real.nullable) differences.push(`${table}.${column}: ${typed.nullable ? '' : 'not '}nullable in schema.ts only`);
      }
    }
    expect(differences).toEqual([]);
    expect(actual.get('media_items')?.size).toBe(3);
  });
});
