// Electron entry: logging, one instance, one hardened window, the menu, the bridge handlers and
// background updates. Everything else lives in the small modules this file wires together.
import { app, BrowserWindow, dialog, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installAppMenu, sendMenuCommand } from './appMenu';
import { rendererEntryUrl } from './appUrl';
import { applyContentSecurityPolicy } from './contentSecurityPolicy';
import { PUSH_CHANNELS } from './ipcChannels';
import { registerIpcHandlers } from './ipcHandlers';
import { logAppLifecycle, logsFolder, setUpLogging } from './logging';
import { createMainWindow } from './mainWindow';
import { loadElectronUpdater, updateConfigFrom, UpdateService } from './updates';
import { restoreWindowPlacement, trackWindowState } from './windowState';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const indexHtmlPath = fileURLToPath(new URL('../renderer/index.html', import.meta.url));
const appUrl = rendererEntryUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged, indexHtmlPath);
const userData = app.getPath('userData');
const log = setUpLogging({ userData, env: process.env, isPackaged: app.isPackaged });

// A second copy would open the same IndexedDB store and number orders from the same desk sequence.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  logAppLifecycle(app, log);
  let mainWindow: BrowserWindow | null = null;

  const updates = new UpdateService({
    config: updateConfigFrom(process.env, app.isPackaged),
    loadUpdater: loadElectronUpdater,
    log,
    onReady: (version) => {
      refreshMenu();
      mainWindow?.webContents.send(PUSH_CHANNELS.updateReady, { version });
    },
  });

  const restartToUpdate = () => {
    const outcome = updates.restartToUpdate();
    if (outcome.ok) return;
    const options = { type: 'info' as const, message: outcome.message, buttons: ['OK'] };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  };

  const refreshMenu = () =>
    installAppMenu({
      appName: app.getName(),
      isPackaged: app.isPackaged,
      platform: process.platform,
      send: (command) => {
        if (mainWindow) sendMenuCommand(mainWindow.webContents, command);
      },
      updateReadyVersion: updates.readyVersion,
      restartToUpdate,
      showLogFiles: () => void shell.openPath(logsFolder(userData)),
    });

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  const openMainWindow = () => {
    const stateFile = join(userData, 'window-state.json');
    const win = createMainWindow(appUrl, preloadPath, restoreWindowPlacement(stateFile));
    mainWindow = win;
    trackWindowState(win, stateFile, {
      onError: (error) => log.warn(`The window's size and place could not be saved: ${error.message}`),
    });
    // A reloaded or closed window has no open sale any more; it reports again if it does.
    win.webContents.on('did-navigate', () => updates.setBusy(false));
    win.webContents.on('did-finish-load', () => {
      if (updates.readyVersion)
        win.webContents.send(PUSH_CHANNELS.updateReady, { version: updates.readyVersion });
    });
    win.on('closed', () => {
      mainWindow = null;
      updates.setBusy(false);
    });
  };

  void app.whenReady().then(() => {
    applyContentSecurityPolicy(session.defaultSession, appUrl);
    registerIpcHandlers(appUrl, { updates, log, backupsFolder: join(userData, 'backups') });
    app.setAboutPanelOptions({ applicationName: 'Orderline', applicationVersion: app.getVersion() });
    refreshMenu();
    openMainWindow();
    void updates.start();
    // macOS keeps the app running with no window; clicking the dock icon brings one back.
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => updates.stop());
}
