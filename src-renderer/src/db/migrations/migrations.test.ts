// Frozen migrations: an upgrade imports types only, so nothing it computes changes when today's
// helpers do. (Each upgrade's behaviour is tested from a real database of the version before, in
// database.test.ts and outboxSequence.test.ts.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

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
    expect(upgrades).toEqual(expect.arrayContaining(['v2.ts', 'v4.ts']));
  });

  it.each(upgrades)('%s imports types only', (file) => {
    expect(valueImports(file)).toEqual([]);
  });
});
