// The rooms' import boundaries are lint rules (eslint.config.js): the desktop shell and the server
// never import the renderer, the renderer and the shell never import the server, whether by a
// static import, a re-export, a path alias or import(). Each case lints a small file placed in a
// room (nothing is written to disk) and names the rule that must refuse it.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.line}: ${m.ruleId ?? m.message}`);
}

describe('the lint boundaries between rooms', () => {
  it('refuses the renderer and the server in the desktop shell', async () => {
    const code = [
      "import { formatMoney } from '../src-renderer/src/lib/format';",
      "import { OrderlineDb } from '$db/database';",
      "export { buildApp } from '../src-server/app';",
      "export const later = () => import('$lib/format');",
      "export const server = () => import('../src-server/app');",
      "export const fine = () => import('electron-updater');",
      'export const all = [formatMoney, OrderlineDb];',
    ].join('\n');
    expect(await refusals('src-main/boundaryProbe.ts', code)).toEqual([
      '1: no-restricted-imports',
      '2: no-restricted-imports',
      '3: no-restricted-imports',
      '4: no-restricted-syntax',
      '5: no-restricted-syntax',
    ]);
  });

  it('refuses the renderer in the server', async () => {
    const code = [
      "import type { Bridge } from '../src-renderer/src/lib/bridge';",
      "import { money } from '../src-shared/money';",
      "export const later = () => import('../src-renderer/src/db/database');",
      'export type B = Bridge;',
      'export const all = [money];',
    ].join('\n');
    expect(await refusals('src-server/boundaryProbe.ts', code)).toEqual([
      '1: no-restricted-imports',
      '3: no-restricted-syntax',
    ]);
  });

  it('refuses the server in the renderer, in a module and in a component', async () => {
    const module = [
      "import { buildApp } from '../../../src-server/app';",
      "import * as server from '@orderline/server';",
      "import { SCREENS } from '$shared/screens';",
      'export const all = [buildApp, server, SCREENS];',
    ].join('\n');
    expect(await refusals('src-renderer/src/lib/boundaryProbe.ts', module)).toEqual([
      '1: no-restricted-imports',
      '2: no-restricted-imports',
    ]);
    const component = [
      '<script lang="ts">',
      "  const later = () => import('../../../src-server/app');",
      '</script>',
      '<p>{String(later)}</p>',
    ].join('\n');
    expect(await refusals('src-renderer/src/components/BoundaryProbe.svelte', component)).toEqual([
      '2: no-restricted-syntax',
    ]);
  });
});
