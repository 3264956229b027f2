// Electron entry: logging, one instance, one hardened window, the menu, the bridge handlers and
// background updates. Everything else lives in the small modules this file wires together.
import { app, BrowserWindow, dialog, net, protocol, safeStorage, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installAppMenu, sendMenuCommand } from './appMenu';
import { APP_ORIGIN, APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler } from './appProtocol';
import { rendererEntryUrl } from './appUrl';
import { applyContentSecurityPolicy } from './contentSecurityPolicy';
import { PUSH_CHANNELS } from './ipcChannels';
import { registerIpcHandlers } from './ipcHandlers';
import { logAppLifecycle, logsFolder, setUpLogging } from './logging';
import { createMainWindow } from './mainWindow';
import { migrateFromFileOrigin } from './originMigration';
import { hiddenPageRunner, markerStore } from './originMigrationPages';
import { TOKEN_FILE, TokenVault } from './tokenVault';
import { BUILT_IN_UPDATE_PUBLIC_KEY } from './updateKey';
import {
  channelFileFor,
  fetchTextWith,
  loadElectronUpdater,
  updateConfigFrom,
  UpdateService,
} from './updates';
import { feedUrlFromAppUpdateYml } from './updateSignature';
import { SMOKE_READY_LINE, smokeTestProfile } from './smokeTest';
import { restoreWindowPlacement, trackWindowState } from './windowState';

const preloadPath = fileURLToPath(new URL('../preload/index.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
// electron-builder copies resources/icon.png beside app.asar (extraResources).
const windowIcon =
  process.platform === 'darwin'
    ? undefined
    : app.isPackaged
      ? join(process.resourcesPath, 'icon.png')
      : fileURLToPath(new URL('../../resources/icon.png', import.meta.url));
const appUrl = rendererEntryUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged);
// The packaged-app smoke test runs in a throw-away profile and announces when the window is loaded.
const smokeProfile = smokeTestProfile(process.argv);
if (smokeProfile) app.setPath('userData', smokeProfile);
const userData = app.getPath('userData');
const log = setUpLogging({ userData, env: process.env, isPackaged: app.isPackaged });

// The app's own origin, orderline://app: it must be privileged before the app is ready.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

// A second copy would open the same IndexedDB store and number orders from the same desk sequence.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  logAppLifecycle(app, log);
  let mainWindow: BrowserWindow | null = null;

  const updates = new UpdateService({
    config: updateConfigFrom(process.env, app.isPackaged, BUILT_IN_UPDATE_PUBLIC_KEY),
    loadUpdater: loadElectronUpdater,
    log,
    fetchText: fetchTextWith((url) => net.fetch(url, { cache: 'no-store' })),
    bakedFeedUrl: async () =>
      feedUrlFromAppUpdateYml(await readFile(join(process.resourcesPath, 'app-update.yml'), 'utf8')),
    channelFile: channelFileFor(process.platform),
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
    const win = createMainWindow(appUrl, preloadPath, restoreWindowPlacement(stateFile), windowIcon);
    mainWindow = win;
    trackWindowState(win, stateFile, {
      onError: (error) => log.warn(`The window's size and place could not be saved: ${error.message}`),
    });
    // A reloaded or closed window has no open sale any more; it reports again if it does.
    win.webContents.on('did-navigate', () => updates.setBusy(false));
    win.webContents.on('did-finish-load', () => {
      if (smokeProfile) {
        // On stdout for a terminal, and in the profile's main.log, which the smoke test reads.
        console.log(SMOKE_READY_LINE);
        log.info(SMOKE_READY_LINE);
      }
      if (updates.readyVersion)
        win.webContents.send(PUSH_CHANNELS.updateReady, { version: updates.readyVersion });
    });
    win.on('closed', () => {
      mainWindow = null;
      updates.setBusy(false);
    });
  };

  /**
   * Moves a desk's data from the old file:// origin before the window opens. False when the move
   * failed: the old data is untouched, and Orderline quits rather than open an empty desk.
   */
  const moveOldData = async (): Promise<boolean> => {
    if (!appUrl.startsWith(APP_ORIGIN)) return true;
    const marker = markerStore(userData);
    try {
      await migrateFromFileOrigin({
        ...marker,
        writeMarker: (done) =>
          marker.writeMarker(done).catch((error: Error) => {
            // Without the marker the next start finds the data at the new origin and stops there.
            log.warn(`The origin move is done but could not be noted: ${error.message}`);
          }),
        runInPage: hiddenPageRunner(rendererDir),
        log,
      });
      return true;
    } catch (error) {
      log.error(`This desk's data could not be moved to orderline://app: ${(error as Error).message}`);
      dialog.showMessageBoxSync({
        type: 'error',
        message: 'Orderline could not move this desk’s data to its new place',
        detail: `${(error as Error).message}\n\nNothing was lost: the data stays where it was. Start Orderline again to retry; if this keeps happening, send the log files (Help → Show log files) to support.`,
        buttons: ['Quit'],
      });
      app.quit();
      return false;
    }
  };

  void app.whenReady().then(async () => {
    protocol.handle(APP_SCHEME, appProtocolHandler(rendererDir));
    if (!(await moveOldData())) return;
    applyContentSecurityPolicy(session.defaultSession, appUrl);
    registerIpcHandlers(appUrl, {
      updates,
      vault: new TokenVault(join(userData, TOKEN_FILE), safeStorage),
      log,
      backupsFolder: join(userData, 'backups'),
    });
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
  // A checked update waiting to install goes in, silently, as Orderline closes (the updater then
  // finishes the quit itself).
  app.on('before-quit', (event) => {
    if (updates.installOnQuit()) event.preventDefault();
  });
  app.on('will-quit', () => updates.stop());
}
