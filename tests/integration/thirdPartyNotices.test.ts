// The licence notices: every shipped package once per version, found the way Node finds it, with
// its licence text; a package that should ship but is not installed stops the build.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bundledPackages,
  collectShippedPackages,
  noticesFor,
  renderNotices,
} from '../../scripts/thirdPartyNotices';

let root: string;

async function pkg(dir: string, manifest: Record<string, unknown>, files: Record<string, string> = {}) {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), JSON.stringify(manifest));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'orderline-notices-'));
  const nm = join(root, 'node_modules');
  await pkg(root, { name: 'app', productName: 'Shop', dependencies: { a: '1', '@s/b': '1' } });
  await pkg(
    join(nm, 'a'),
    { name: 'a', version: '1.0.0', license: 'MIT', dependencies: { c: '^2' } },
    {
      LICENSE: 'MIT licence of a',
    },
  );
  // a needs c 2 (nested under a); @s/b needs c 1 (hoisted): both versions ship.
  await pkg(
    join(nm, 'a', 'node_modules', 'c'),
    { name: 'c', version: '2.0.0', license: 'ISC' },
    { 'LICENSE.md': 'ISC of c2' },
  );
  await pkg(
    join(nm, '@s', 'b'),
    {
      name: '@s/b',
      version: '3.1.0',
      licenses: [{ type: 'Apache-2.0' }],
      dependencies: { c: '^1' },
      optionalDependencies: { 'not-on-this-os': '1' },
    },
    { NOTICE: 'b notice', LICENCE: 'b licence' },
  );
  await pkg(join(nm, 'c'), {
    name: 'c',
    version: '1.0.0',
    license: 'BSD-3-Clause',
    repository: { url: 'https://example.com/c' },
  });
  // The Svelte runtime is bundled into the renderer (the app imports it), so it ships though it is
  // a dev dependency.
  await mkdir(join(root, 'src-renderer', 'src'), { recursive: true });
  await writeFile(
    join(root, 'src-renderer', 'src', 'App.svelte'),
    '<script lang="ts">\n  import { onMount } from \'svelte\';\n</script>\n',
  );
  await pkg(
    join(nm, 'svelte'),
    { name: 'svelte', version: '5.0.0', license: 'MIT' },
    { LICENSE: 'svelte MIT' },
  );
  await pkg(join(nm, 'dev-only'), { name: 'dev-only', version: '1.0.0', license: 'MIT' });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('third-party notices', () => {
  it('lists each shipped package and version once, resolved as Node resolves it, and no dev-only package', () => {
    const packages = collectShippedPackages(root, ['a', '@s/b', 'svelte']);
    expect(packages.map((p) => `${p.name}@${p.version} ${p.license}`)).toEqual([
      '@s/b@3.1.0 Apache-2.0',
      'a@1.0.0 MIT',
      'c@1.0.0 BSD-3-Clause',
      'c@2.0.0 ISC',
      'svelte@5.0.0 MIT',
    ]);
    expect(packages.find((p) => p.name === '@s/b')?.texts.map((t) => t.file)).toEqual(['LICENCE', 'NOTICE']);
  });

  it('renders each licence text, and says so when a package carries none', () => {
    const text = noticesFor(root);
    expect(text).toMatch(/^Shop includes the following third-party software \(5 packages\)/);
    expect(text).toContain('a 1.0.0\nLicence: MIT\n\nLICENSE:\n\nMIT licence of a');
    expect(text).toContain('c 1.0.0\nLicence: BSD-3-Clause\nSource: https://example.com/c');
    expect(text).toContain(
      '(The package carries no licence file; its package.json names the licence BSD-3-Clause.)',
    );
    expect(text).not.toContain('dev-only');
  });

  it('stops when a package that ships is not installed', async () => {
    await pkg(root, { name: 'app', dependencies: { a: '1', ghost: '1' } });
    expect(() => noticesFor(root)).toThrow('not installed, so their licences cannot be read: ghost');
  });

  it('finds the packages the shipped sources import, whatever the import looks like, and no test’s', async () => {
    await mkdir(join(root, 'src-renderer', 'src', 'lib'), { recursive: true });
    await writeFile(
      join(root, 'src-renderer', 'src', 'lib', 'chart.ts'),
      [
        "import { Chart } from 'chart.js/auto';",
        "import type { Z } from '@s/b/types';",
        "import 'side-effect';",
        "import { join } from 'node:path';",
        "import { readFile } from 'fs';",
        "import { ipcRenderer } from 'electron';",
        "import { money } from '$shared/money';",
        "import { local } from './local';",
        "const later = () => import('lazy-one');",
      ].join('\n'),
    );
    await writeFile(join(root, 'src-renderer', 'src', 'lib', 'chart.test.ts'), "import 'vitest';\n");
    expect(bundledPackages(root)).toEqual(['@s/b', 'chart.js', 'lazy-one', 'side-effect', 'svelte']);
  });

  it('covers the real production tree, the renderer’s libraries included', () => {
    const text = noticesFor(process.cwd());
    for (const name of [
      'chart.js',
      'i18n-iso-countries',
      'dexie',
      'xstate',
      'jsbarcode',
      'zod',
      'svelte',
      'electron-updater',
      'electron-log',
    ]) {
      expect(text).toMatch(new RegExp(`\\n${name} \\d`));
    }
    expect(renderNotices('X', [])).toBe(
      'X includes the following third-party software (0 packages).\n\nEach is listed with its version, licence and the licence text it is distributed with.\n',
    );
  }, 60_000);
});
