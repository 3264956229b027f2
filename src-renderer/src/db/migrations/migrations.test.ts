// Frozen migrations: an upgrade imports types only, so nothing it computes changes when today's
// helpers do; and the schema history the upgrade tests build older databases from (olderDatabase.ts)
// is the one the desk declares. Each upgrade's behaviour is tested from a real database of the
// version before: v2 in database.test.ts, v4 in outboxSequence.test.ts, v14 in
// reportAggregateWrites.test.ts; the versions that only add tables or indexes in database.test.ts
// and packProgress.test.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { OrderlineDb, SCHEMA_VERSION } from '../database';
import { SCHEMA_HISTORY, olderDatabase } from '../olderDatabase';

const here = import.meta.dirname;
const upgrades = readdirSync(here).filter((file) => /^v\d+\.ts$/.test(file));

/** The value (not type-only) imports of a module. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(here, file), 'utf8'), ts.ScriptTarget.ES2022);
  return source.statements
    .filter(ts.isImportDeclaration)
    .filter((node) => !node.importClause?.isTypeOnly)
    .map((node) => (node.moduleSpecifier as ts.StringLiteral).text);
}

describe('the Dexie upgrades', () => {
  it('are each in a file of their own', () => {
    expect(upgrades).toEqual(expect.arrayContaining(['v2.ts', 'v4.ts', 'v14.ts']));
  });

  it.each(upgrades)('%s imports types only', (file) => {
    expect(valueImports(file)).toEqual([]);
  });
});

describe('the schema history of the upgrade tests', () => {
  it('ends at the version the desk opens, with the same tables and indexes', async () => {
    expect(SCHEMA_HISTORY.at(-1)?.[0]).toBe(SCHEMA_VERSION);
    const tables = (db: {
      tables: { name: string; schema: { primKey: { src: string }; indexes: { src: string }[] } }[];
    }) =>
      Object.fromEntries(
        db.tables.map((t) => [t.name, [t.schema.primKey.src, ...t.schema.indexes.map((i) => i.src).sort()]]),
      );
    const today = new OrderlineDb(`test-${crypto.randomUUID()}`);
    const older = olderDatabase(`test-${crypto.randomUUID()}`, SCHEMA_VERSION);
    await Promise.all([today.open(), older.open()]);
    expect(tables(older)).toEqual(tables(today));
    await Promise.all([today.delete(), older.delete()]);
  });

  it('refuses a version the desk never declared', () => {
    expect(() => olderDatabase('never', 7)).toThrow('No schema version 7 was declared');
  });
});
