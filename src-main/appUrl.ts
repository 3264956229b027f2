// Where the window's app lives, and whether a URL is part of it. Navigation, permissions and IPC
// senders are all checked against this one definition.
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './appProtocol';

/**
 * The URL the main window loads: the dev server while developing, else the built app on its own
 * scheme (orderline://app/index.html, served by appProtocol.ts). A packaged app ignores the
 * environment, so nobody can point it at a remote page.
 */
export function rendererEntryUrl(devServerUrl: string | undefined, isPackaged: boolean): string {
  if (devServerUrl && !isPackaged) return devServerUrl;
  return APP_ENTRY_URL;
}

/**
 * True when `candidate` belongs to the app loaded from `appUrl`: the same origin for a dev server,
 * orderline://app for the built app (WHATWG URL gives a custom scheme no origin, so the scheme and
 * host are compared), the same file for a file:// page.
 */
export function isSameApp(candidate: string, appUrl: string): boolean {
  let target: URL;
  let app: URL;
  try {
    target = new URL(candidate);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') return target.origin === app.origin;
  if (app.protocol === `${APP_SCHEME}:`) {
    return target.protocol === app.protocol && target.host === APP_HOST && app.host === APP_HOST;
  }
  if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
  return false;
}

/** True for a link that may be handed to the user's browser. */
export function isExternalWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
