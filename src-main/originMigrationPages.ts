// The Electron side of the origin move: a hidden, hardened window at the old or the new origin
// runs one idbTransfer script and is destroyed; the marker file remembers that the move is done.
import { BrowserWindow } from 'electron';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APP_ORIGIN } from './appProtocol';
import { MARKER_FILE, type MigrationMarker, type Origin } from './originMigration';
import { hardenWindow, secureWebPreferences } from './windowHardening';

/** The empty page both hidden windows load (src-renderer/public/migration.html). */
export const MIGRATION_PAGE = 'migration.html';

export function hiddenPageRunner(rendererDir: string) {
  return async (origin: Origin, script: string): Promise<unknown> => {
    const win = new BrowserWindow({ show: false, webPreferences: secureWebPreferences() });
    hardenWindow(win);
    try {
      // Every file:// page shares one storage origin, so this page sees what index.html stored.
      if (origin === 'old') await win.loadFile(join(rendererDir, MIGRATION_PAGE));
      else await win.loadURL(`${APP_ORIGIN}/${MIGRATION_PAGE}`);
      return await win.webContents.executeJavaScript(script, true);
    } finally {
      win.destroy();
    }
  };
}

export function markerStore(userData: string) {
  const path = join(userData, MARKER_FILE);
  return {
    readMarker: async (): Promise<unknown> => JSON.parse(await readFile(path, 'utf8')) as unknown,
    writeMarker: async (marker: MigrationMarker) => writeFile(path, `${JSON.stringify(marker, null, 2)}\n`),
  };
}
