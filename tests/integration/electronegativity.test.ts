// Runs Doyensec's Electronegativity twice and fails on any finding electronegativity-accepted.json
// does not list with a reason (issue #6, #15):
//  - on the BUILT app: main, preload and renderer as electron-vite builds them (into a temporary
//    folder), lowered to ES2021 first, because the scanner's parser stops at class private fields
//    ("Unknown node type ClassPrivateProperty") and would otherwise skip whole bundles;
//  - on the SOURCES, .svelte components included (compiled to JavaScript first), so a finding
//    names the file to fix.
// A file the scanner cannot parse fails the test, and so does an accepted entry that no longer
// matches a finding or cites a file that no longer exists.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { compile } from 'svelte/compiler';
import { transformWithOxc } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

interface Finding {
  id: string;
  file: string;
  location: { line: number; column: number };
  description: string;
}
interface ScanResult {
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Finding[];
}
type RunElectronegativity = (options: {
  input: string;
  isRelative: boolean;
  electronVersionOverride: string;
  excludeFromScan: string[];
}) => Promise<ScanResult>;

const require = createRequire(import.meta.url);
// The package is CommonJS without types: its runner is the module itself (and its default).
const electronegativity = require('@doyensec/electronegativity') as RunElectronegativity & {
  default?: RunElectronegativity;
};
const run = electronegativity.default ?? electronegativity;

const reason = z.string().min(40, 'Each accepted finding needs a reason a reviewer can check.');
const acceptedFile = z.object({
  excludedChecks: z.array(z.object({ check: z.string().min(1), reason })),
  accepted: z.array(
    z.object({
      id: z.string().min(1),
      file: z.string().min(1),
      /** For a bundle, where one finding cannot be told from another: how many there must be. */
      count: z.number().int().positive().optional(),
      reason,
    }),
  ),
});
type Accepted = z.infer<typeof acceptedFile>['accepted'][number];

const root = process.cwd();
const isShippedSource = (path: string) => !/\.(test|spec)\.ts$/.test(path);
// Vite's content hash changes with every edit; the accepted list names the chunk without it.
const withoutHash = (path: string) => path.replace(/-[A-Za-z0-9_-]{8}(\.c?js)$/, '$1');

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}

/** JavaScript the scanner's parser reads: class private fields and methods become WeakMaps. */
const lowered = async (code: string, file: string) =>
  (await transformWithOxc(code, file, { target: 'es2021' })).code;

let work: string;
let accepted: z.infer<typeof acceptedFile>;
let built: ScanResult;
let sources: ScanResult;

async function scan(input: string): Promise<ScanResult> {
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const result = await run({
    input,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: accepted.excludedChecks.map((excluded) => excluded.check),
  });
  // Relative paths come back with the OS separator; the accepted list is written with '/'.
  for (const finding of result.issues) finding.file = finding.file.replaceAll('\\', '/');
  for (const error of result.errors) error.file = error.file.replaceAll('\\', '/');
  return result;
}

beforeAll(async () => {
  accepted = acceptedFile.parse(
    JSON.parse(await readFile(join(root, 'tests/integration/electronegativity-accepted.json'), 'utf8')),
  );
  work = await mkdtemp(join(tmpdir(), 'orderline-electronegativity-'));

  // The built app, exactly as electron-vite builds it, into a folder of its own.
  const out = join(work, 'out');
  await promisify(execFile)(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: root,
      env: { ...process.env, ORDERLINE_ELECTRON_OUT: out },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const builtDir = join(work, 'built');
  for await (const file of filesUnder(out)) {
    const target = join(builtDir, withoutHash(relative(out, file)).replace(/\.cjs$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    if (/\.c?js$/.test(file)) await writeFile(target, await lowered(await readFile(file, 'utf8'), target));
    else if (file.endsWith('.html')) await cp(file, target);
  }

  // The sources without the tests (they build fake windows with whatever options they need), and
  // each Svelte component compiled to the JavaScript that ships.
  const sourceDir = join(work, 'sources');
  await cp(join(root, 'src-main'), join(sourceDir, 'src-main'), { recursive: true, filter: isShippedSource });
  await cp(join(root, 'src-renderer'), join(sourceDir, 'src-renderer'), {
    recursive: true,
    filter: (path) => isShippedSource(path) && !path.endsWith('.svelte'),
  });
  for await (const file of filesUnder(join(root, 'src-renderer'))) {
    if (!file.endsWith('.svelte')) continue;
    const { js } = compile(await readFile(file, 'utf8'), { filename: file, generate: 'client' });
    const target = join(sourceDir, `${relative(root, file)}.js`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await lowered(js.code, target));
  }

  [built, sources] = await Promise.all([scan(builtDir), scan(sourceDir)]);
}, 300_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Findings the accepted list does not cover, as sentences. */
function unaccepted(result: ScanResult, entries: Accepted[]): string[] {
  const problems: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const finding of result.issues) {
    const key = `${finding.id} ${finding.file}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  for (const [key, findings] of groups) {
    const [id, file] = key.split(' ');
    const entry = entries.find((candidate) => candidate.id === id && candidate.file === file);
    const where = findings.map((finding) => finding.location.line).join(', ');
    if (!entry) problems.push(`${key}:${where}: ${findings[0]?.description}`);
    else if (entry.count !== undefined && entry.count !== findings.length) {
      problems.push(
        `${key}: ${findings.length} findings (lines ${where}) where ${entry.count} were reviewed`,
      );
    }
  }
  return problems;
}

const FIX_OR_ACCEPT =
  'Fix these, or add each to tests/integration/electronegativity-accepted.json with why it is safe';

describe('Electronegativity on the built app', () => {
  it('parses every file, bundles included, so nothing escapes the checks', () => {
    expect(built.errors.map((error) => `${error.file}: ${error.message}`)).toEqual([]);
  });

  it('scans main, preload and the renderer bundle', async () => {
    const files = new Set(built.issues.map((finding) => finding.file));
    expect(files).toContain('main/index.js');
    expect(existsSync(join(work, 'built', 'preload', 'index.js'))).toBe(true);
    expect(existsSync(join(work, 'built', 'renderer', 'assets', 'index.js'))).toBe(true);
  });

  it('finds nothing that is not accepted with a reason', () => {
    expect(unaccepted(built, accepted.accepted), FIX_OR_ACCEPT).toEqual([]);
  });

  it('sees the app’s navigation and permission limits in the built main process', () => {
    // These global checks report file N/A when no code sets the limits; a bundle it could not
    // parse would look the same.
    const missing = built.issues.filter((finding) => finding.file === 'N/A').map((finding) => finding.id);
    expect(missing).toEqual([]);
  });
});

describe('Electronegativity on the sources, .svelte included', () => {
  it('parses every file it scans', () => {
    expect(sources.errors.filter((error) => !error.tolerable).map((e) => `${e.file}: ${e.message}`)).toEqual(
      [],
    );
  });

  it('scans the Svelte components', async () => {
    const components = [];
    for await (const file of filesUnder(join(work, 'sources', 'src-renderer'))) {
      if (file.endsWith('.svelte.js')) components.push(file);
    }
    expect(components.length).toBeGreaterThan(20);
  });

  it('finds nothing that is not accepted with a reason', () => {
    expect(unaccepted(sources, accepted.accepted), FIX_OR_ACCEPT).toEqual([]);
  });

  it('sees the renderer’s Content-Security-Policy (a missing CSP would be reported as file N/A)', () => {
    expect(
      sources.issues.filter((finding) => finding.id === 'CSP_GLOBAL_CHECK' && finding.file === 'N/A'),
    ).toEqual([]);
  });
});

describe('the accepted findings', () => {
  it('each still matches a finding, so a fixed one is taken off the list', () => {
    const all = [...built.issues, ...sources.issues];
    const stale = accepted.accepted.filter(
      (entry) => !all.some((finding) => finding.id === entry.id && finding.file === entry.file),
    );
    expect(stale.map((entry) => `${entry.id} ${entry.file}`)).toEqual([]);
  });

  it('cite only source files and tests that exist', () => {
    const cited = accepted.accepted.flatMap((entry) =>
      [...entry.reason.matchAll(/\b([A-Za-z]+(?:\.test)?\.(?:ts|html|svelte))\b/g)].map(
        (match) => match[1] ?? '',
      ),
    );
    const missing = cited.filter(
      (name) =>
        !['src-main', 'src-renderer', 'src-renderer/src', 'src-renderer/public', 'scripts'].some((dir) =>
          existsSync(join(root, dir, name)),
        ),
    );
    expect(missing).toEqual([]);
  });
});
