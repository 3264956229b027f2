// The one hardening every Orderline window gets: it stays on the app, opens no windows, gets no
// webviews and no permissions (but persistent storage for the app itself), and runs sandboxed.
import { shell, type BrowserWindow, type WebPreferences } from 'electron';
import { isExternalWebLink, isSameApp } from './appUrl';

/** Web preferences for every window: sandboxed, isolated, no Node, no webviews. */
export function secureWebPreferences(preloadPath?: string): WebPreferences {
  return {
    ...(preloadPath ? { preload: preloadPath } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Middle-click (auxclick) is another way to open a link in a new window. The window-open handler
    // refuses those too; the app never uses auxclick, so it is simply off (Electronegativity's advice).
    disableBlinkFeatures: 'Auxclick',
  };
}

// Permissions the app itself may hold. Persistent storage keeps Chromium from evicting the
// IndexedDB store (DESIGN: Local data); everything else (camera, clipboard-read, geolocation…)
// is refused.
const APP_PERMISSIONS: ReadonlySet<string> = new Set(['persistent-storage']);

export function hardenWindow(win: BrowserWindow): void {
  const contents = win.webContents;
  const staysInApp = (url: string) => isSameApp(url, contents.getURL());

  contents.on('will-navigate', (event) => {
    if (!staysInApp(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!staysInApp(event.url)) event.preventDefault();
  });

  contents.setWindowOpenHandler(({ url }) => {
    // A link meant for a new window (a carrier's tracking page) goes to the user's browser;
    // anything else (file:, javascript:, custom schemes) is dropped.
    if (isExternalWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());

  contents.session.setPermissionRequestHandler((requester, permission, callback, details) => {
    callback(APP_PERMISSIONS.has(permission) && isSameApp(details.requestingUrl, requester.getURL()));
  });
  contents.session.setPermissionCheckHandler((requester, permission, _origin, details) => {
    if (!requester || !details.requestingUrl) return false;
    return APP_PERMISSIONS.has(permission) && isSameApp(details.requestingUrl, requester.getURL());
  });
}
