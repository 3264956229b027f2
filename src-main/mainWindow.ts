// Creates the app's one main window: hardened, sandboxed, placed where it last was, shown once its
// first paint is ready.
import { BrowserWindow } from 'electron';
import { hardenWindow, secureWebPreferences } from './windowHardening';
import type { WindowPlacement } from './windowState';

export function createMainWindow(
  appUrl: string,
  preloadPath: string,
  placement: WindowPlacement | null = null,
  /** The window and taskbar icon on Windows and Linux; macOS takes the app bundle's. */
  iconPath?: string,
): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    ...placement?.bounds,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Orderline',
    ...(iconPath ? { icon: iconPath } : {}),
    webPreferences: secureWebPreferences(preloadPath),
  });
  hardenWindow(win);
  // Showing on ready-to-show avoids a white flash on slow packing-bench machines.
  win.once('ready-to-show', () => {
    if (placement?.maximized) win.maximize();
    win.show();
  });
  // orderline://app/index.html (appProtocol.ts), or the dev server while developing.
  void win.loadURL(appUrl);
  return win;
}
