// The sync server is its own npm workspace (src-server/package.json): everything it imports, through
// src-shared and machines too, is declared there, and the server-only packages are absent from the
// root package, whose dependencies are what electron-builder puts into the desktop app.
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

interface Manifest {
  workspaces?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifest = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Manifest;
const root = manifest('package.json');
const server = manifest('src-server/package.json');

/** `pg` from `pg`, `@fastify/cors` from `@fastify/cors/plugin`. */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** The npm packages reachable from `entries` through relative imports (type-only ones included). */
function packagesImportedFrom(entries: string[]): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const queue = entries.map((entry) => resolve(entry));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { fileName } of ts.preProcessFile(readFileSync(file, 'utf8')).importedFiles) {
      if (fileName.startsWith('.')) {
        const base = resolve(dirname(file), fileName);
        const found = [`${base}.ts`, join(base, 'index.ts'), base].find((path) => existsSync(path));
        if (!found) throw new Error(`${file} imports ${fileName}, which is not a file here`);
        queue.push(found);
      } else if (!fileName.startsWith('node:') && !builtinModules.includes(fileName)) {
        packages.add(packageName(fileName));
      }
    }
  }
  return packages;
}

const SERVER_ONLY = ['fastify', '@fastify/cors', 'pg', '@electric-sql/pglite', 'nodemailer'];

describe('the server workspace', () => {
  it('is a workspace of the root package', () => {
    expect(root.workspaces).toEqual(['src-server']);
  });

  it('declares every package the server imports, its own and those of src-shared and machines', () => {
    const imported = packagesImportedFrom(['src-server/cli.ts', 'src-server/app.ts']);
    expect([...imported].filter((name) => !server.dependencies?.[name])).toEqual([]);
    for (const name of SERVER_ONLY) expect(imported).toContain(name);
  });

  it('keeps the server-only packages out of the desktop package', () => {
    const desktop = { ...root.dependencies, ...root.devDependencies };
    expect(SERVER_ONLY.filter((name) => name in desktop)).toEqual([]);
  });

  it('asks for the same version of a package the desktop shares with it, so npm installs it once', () => {
    const desktop = { ...root.dependencies, ...root.devDependencies };
    for (const [name, range] of Object.entries({ ...server.dependencies, ...server.devDependencies })) {
      if (name in desktop) expect(range, name).toBe(desktop[name]);
    }
  });
});

describe('the desktop package', () => {
  // electron-builder copies the root package's dependencies into app.asar; Vite bundles every other
  // package the app imports into out/ (electron-vite externalises only `dependencies`). So the
  // dependencies are exactly what the main process must load from node_modules at run time.
  it('depends only on what the main process loads at run time; the renderer’s libraries are bundled', () => {
    expect(Object.keys(root.dependencies ?? {}).sort()).toEqual(['electron-log', 'electron-updater']);
    const mainImports =
      readFileSync('src-main/logging.ts', 'utf8') + readFileSync('src-main/updates.ts', 'utf8');
    expect(mainImports).toContain("from 'electron-log/main'");
    expect(mainImports).toContain("from 'electron-updater'");
    for (const bundled of ['dexie', 'xstate', 'zod', 'svelte', 'chart.js', '@faker-js/faker'])
      expect(root.devDependencies?.[bundled], bundled).toBeDefined();
  });
});
