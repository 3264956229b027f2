// Runs Doyensec's Electronegativity on the Electron main process and the renderer, and fails on
// any finding that electronegativity-accepted.json does not list with a reason (issue #6).
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  accepted: z.array(z.object({ id: z.string().min(1), file: z.string().min(1), reason })),
});

const root = process.cwd();
const isShippedSource = (path: string) => !/\.(test|spec)\.ts$/.test(path);
let scanDir: string;
let result: ScanResult;
let accepted: z.infer<typeof acceptedFile>;

beforeAll(async () => {
  accepted = acceptedFile.parse(
    JSON.parse(await readFile(join(root, 'tests/integration/electronegativity-accepted.json'), 'utf8')),
  );
  // Scan a copy without the tests: they build fake windows with whatever options they need.
  scanDir = await mkdtemp(join(tmpdir(), 'orderline-electronegativity-'));
  await cp(join(root, 'src-main'), join(scanDir, 'src-main'), { recursive: true, filter: isShippedSource });
  await cp(join(root, 'src-renderer'), join(scanDir, 'src-renderer'), {
    recursive: true,
    filter: isShippedSource,
  });
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  result = await run({
    input: scanDir,
    isRelative: true,
    electronVersionOverride: electronVersion,
    excludeFromScan: accepted.excludedChecks.map((excluded) => excluded.check),
  });
  // Relative paths come back with the OS separator; the accepted list is written with '/'.
  for (const finding of result.issues) finding.file = finding.file.replaceAll('\\', '/');
}, 60_000);

afterAll(async () => {
  if (scanDir) await rm(scanDir, { recursive: true, force: true });
});

describe('Electronegativity on src-main and src-renderer', () => {
  it('parses every file it scans, so no file escapes the checks', () => {
    const unparsed = result.errors.filter((error) => !error.tolerable);
    expect(unparsed.map((error) => `${error.file}: ${error.message}`)).toEqual([]);
  });

  it('finds nothing that is not accepted with a reason in electronegativity-accepted.json', () => {
    const isAccepted = (finding: Finding) =>
      accepted.accepted.some((entry) => entry.id === finding.id && entry.file === finding.file);
    const unaccepted = result.issues
      .filter((finding) => !isAccepted(finding))
      .map((finding) => `${finding.id} in ${finding.file}:${finding.location.line}: ${finding.description}`);
    expect(
      unaccepted,
      'Fix these, or add each to tests/integration/electronegativity-accepted.json with why it is safe',
    ).toEqual([]);
  });

  it('sees the renderer’s Content-Security-Policy (a missing CSP would be reported as file N/A)', () => {
    expect(
      result.issues.filter((finding) => finding.id === 'CSP_GLOBAL_CHECK' && finding.file === 'N/A'),
    ).toEqual([]);
  });
});
