// Writes THIRD-PARTY-NOTICES.txt: the name, version, licence and licence text of every package
// whose code ships in Orderline — the production dependencies (what the main process loads from
// app.asar) and everything they depend on, plus every package the app's own sources import, which
// Vite bundles into the renderer and main process (dev dependencies, so electron-builder never
// copies them into app.asar). Electron's own licences (LICENSE, LICENSES.chromium.html) ship
// beside the binary already.
//
// Run at packaging time by scripts/afterPack.mjs, which puts the file next to app.asar; or by hand:
//   npx tsx scripts/thirdPartyNotices.ts [out-file]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folders whose code is built into the app (tests, benches and specs excepted). */
export const SHIPPED_SOURCES = ['src-renderer/src', 'src-shared', 'machines', 'src-main'] as const;

const NOT_BUNDLED = new Set(['electron', ...builtinModules]);
const IMPORT =
  /(?:^|[\n;])\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
const PACKAGE_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

/** `chart.js/auto` → `chart.js`, `@scope/pkg/sub` → `@scope/pkg`; undefined for a path or alias. */
function packageOf(specifier: string): string | undefined {
  const name = specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
  return PACKAGE_NAME.test(name) ? name : undefined;
}

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|js|svelte)$/.test(entry.name) && !/\.(test|spec|bench)\./.test(entry.name) ? [path] : [];
  });
}

/** The packages the shipped sources import by name (Node's and Electron's own modules aside):
 * Vite bundles each into the app, so each one's licence ships with it. */
export function bundledPackages(root: string): string[] {
  const names = new Set<string>();
  for (const file of SHIPPED_SOURCES.flatMap((dir) => sourceFiles(join(root, dir)))) {
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      const name = specifier.startsWith('node:') ? undefined : packageOf(specifier);
      if (name && !NOT_BUNDLED.has(name)) names.add(name);
    }
  }
  return [...names].sort();
}

export interface ShippedPackage {
  name: string;
  version: string;
  license: string;
  repository: string | null;
  /** The package's LICENSE / LICENCE / COPYING / NOTICE files, in that order. */
  texts: { file: string; text: string }[];
}

interface Manifest {
  name?: string;
  version?: string;
  license?: string | { type?: string };
  licenses?: { type?: string }[];
  repository?: string | { url?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readManifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Node's lookup: the nearest node_modules/<name> from `fromDir` up to `root`. */
function resolvePackageDir(name: string, fromDir: string, root: string): string | null {
  const top = resolve(root);
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    if (basename(dir) !== 'node_modules') {
      const candidate = join(dir, 'node_modules', name);
      if (existsSync(join(candidate, 'package.json'))) return candidate;
    }
    if (dir === top || dirname(dir) === dir) return null;
  }
}

function licenseOf(manifest: Manifest): string {
  if (typeof manifest.license === 'string') return manifest.license;
  if (manifest.license?.type) return manifest.license.type;
  const list = manifest.licenses?.map((entry) => entry.type).filter(Boolean);
  return list && list.length > 0 ? list.join(' OR ') : 'UNKNOWN';
}

function repositoryOf(manifest: Manifest): string | null {
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  return repository ?? null;
}

function licenseTexts(dir: string): ShippedPackage['texts'] {
  const order = (file: string) =>
    ['LICENSE', 'LICENCE', 'COPYING', 'NOTICE'].findIndex((p) => file.toUpperCase().startsWith(p));
  return readdirSync(dir)
    .filter((file) => order(file) >= 0)
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8').trim() }));
}

/** Every package reachable from `roots` through dependencies and installed optional dependencies. */
export function collectShippedPackages(root: string, roots: readonly string[]): ShippedPackage[] {
  const found = new Map<string, ShippedPackage>();
  const missing: string[] = [];
  const queue = roots.map((name) => ({ name, from: root, optional: false }));
  while (queue.length > 0) {
    const { name, from, optional } = queue.shift()!;
    const dir = resolvePackageDir(name, from, root);
    if (!dir) {
      if (!optional) missing.push(name);
      continue;
    }
    const manifest = readManifest(dir);
    const key = `${manifest.name ?? name}@${manifest.version ?? '?'}`;
    if (found.has(key)) continue;
    found.set(key, {
      name: manifest.name ?? name,
      version: manifest.version ?? '?',
      license: licenseOf(manifest),
      repository: repositoryOf(manifest),
      texts: licenseTexts(dir),
    });
    for (const dep of Object.keys(manifest.dependencies ?? {}))
      queue.push({ name: dep, from: dir, optional: false });
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) {
      queue.push({ name: dep, from: dir, optional: true });
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `These shipped packages are not installed, so their licences cannot be read: ${missing.join(', ')}`,
    );
  }
  return [...found.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

export function renderNotices(productName: string, packages: readonly ShippedPackage[]): string {
  const rule = '-'.repeat(78);
  const parts = [
    `${productName} includes the following third-party software (${packages.length} packages).`,
    'Each is listed with its version, licence and the licence text it is distributed with.',
  ];
  for (const pkg of packages) {
    parts.push(
      [
        rule,
        `${pkg.name} ${pkg.version}`,
        `Licence: ${pkg.license}`,
        ...(pkg.repository ? [`Source: ${pkg.repository}`] : []),
        '',
        ...(pkg.texts.length > 0
          ? pkg.texts.map((entry) => `${entry.file}:\n\n${entry.text}`)
          : [`(The package carries no licence file; its package.json names the licence ${pkg.license}.)`]),
      ].join('\n'),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

/** The notices for the project at `root`, from its package.json. */
export function noticesFor(root: string): string {
  const manifest = readManifest(root) as Manifest & { productName?: string };
  const roots = [...new Set([...Object.keys(manifest.dependencies ?? {}), ...bundledPackages(root)])];
  return renderNotices(
    manifest.productName ?? manifest.name ?? 'This app',
    collectShippedPackages(root, roots),
  );
}

export async function writeNotices(root: string, outFile: string): Promise<void> {
  await writeFile(outFile, noticesFor(root));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = resolve(process.argv[2] ?? 'THIRD-PARTY-NOTICES.txt');
  writeNotices(root, out)
    .then(() => console.log(`Wrote ${out}`))
    .catch((error: Error) => {
      console.error(error.message);
      process.exit(1);
    });
}
