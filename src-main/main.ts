// Electron entry: one instance, one hardened window, the bridge handlers. Everything else lives in
// the small modules this file wires together.
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rendererEntryUrl } from './appUrl';
import { registerIpcHandlers } from './ipcHandlers';
import { createMainWindow } from './mainWindow';
import { restoreWindowPlacement, trackWindowState } from './windowState';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const indexHtmlPath = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const appUrl = rendererEntryUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged, indexHtmlPath);

// A second copy would open the same IndexedDB store and number orders from the same desk sequence.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const openMainWindow = () => {
    const stateFile = join(app.getPath('userData'), 'window-state.json');
    mainWindow = createMainWindow(appUrl, preloadPath, restoreWindowPlacement(stateFile));
    trackWindowState(mainWindow, stateFile);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  };

  void app.whenReady().then(() => {
    registerIpcHandlers(appUrl);
    openMainWindow();
    // macOS keeps the app running with no window; clicking the dock icon brings one back.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
