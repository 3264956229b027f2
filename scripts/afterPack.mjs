// electron-builder's afterPack hook. electron-builder cannot load TypeScript, so this loads the
// typed, tested flipElectronFuses.ts through tsx and hands it the packed app.
import { tsImport } from 'tsx/esm/api';

/** @param {import('electron-builder').AfterPackContext} context */
export default async function afterPack(context) {
  const { flipOrderlineFuses } = await tsImport('./flipElectronFuses.ts', import.meta.url);
  await flipOrderlineFuses(context);
}
