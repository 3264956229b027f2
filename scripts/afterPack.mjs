// electron-builder's afterPack hook. electron-builder cannot load TypeScript, so this loads the
// typed, tested scripts through tsx and hands them the packed app: the fuses are flipped, and the
// third-party licence notices are written beside app.asar, before anything is signed.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const { flipOrderlineFuses, packedResourcesPath } = await tsImport(
    './flipElectronFuses.ts',
    import.meta.url,
  );
  const { writeNotices } = await tsImport('./thirdPartyNotices.ts', import.meta.url);
  await flipOrderlineFuses(context);
  const resources = packedResourcesPath(context);
  await mkdir(resources, { recursive: true });
  await writeNotices(
    context.packager.info?.projectDir ?? process.cwd(),
    join(resources, 'THIRD-PARTY-NOTICES.txt'),
  );
}
