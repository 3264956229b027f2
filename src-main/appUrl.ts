// Where the window's app lives, and whether a URL is part of it. Navigation, permissions and IPC
// senders are all checked against this one definition.
import { pathToFileURL } from 'node:url';

/**
 * The URL the main window loads: the dev server while developing, else the built index.html.
 * A packaged app ignores the environment, so nobody can point it at a remote page.
 */
export function rendererEntryUrl(
  devServerUrl: string | undefined,
  isPackaged: boolean,
  indexHtmlPath: string,
): string {
  if (devServerUrl && !isPackaged) return devServerUrl;
  return pathToFileURL(indexHtmlPath).href;
}

/**
 * True when `candidate` belongs to the app loaded from `appUrl`: the same origin for a dev server,
 * the same file for a file:// app (file URLs share one opaque origin, so the path must match).
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
