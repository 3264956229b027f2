// Creates the app's one main window: hardened, sandboxed, shown once its first paint is ready.
import { BrowserWindow } from 'electron';
import { fileURLToPath } from 'node:url';
import { hardenWindow, secureWebPreferences } from './windowHardening';

export function createMainWindow(appUrl: string, preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Orderline',
    webPreferences: secureWebPreferences(preloadPath),
  });
  hardenWindow(win);
  // Showing on ready-to-show avoids a white flash on slow packing-bench machines.
  win.once('ready-to-show', () => win.show());
  if (appUrl.startsWith('file:')) void win.loadFile(fileURLToPath(appUrl));
  else void win.loadURL(appUrl);
  return win;
}
