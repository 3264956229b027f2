// Serves the built renderer from Orderline's own scheme, orderline://app/…, instead of file://.
// A privileged standard scheme gives the app a real origin of its own: IndexedDB, persistent
// storage and module scripts work without the extra file:// privileges, which the packaged app
// turns off (scripts/flipElectronFuses.ts), and no other file on the disk is reachable.
import type { CustomScheme } from 'electron';
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

export const APP_SCHEME = 'orderline';
export const APP_HOST = 'app';
/** The window's origin, as a page sees it in `location.origin` and a server sees it in `Origin`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** What the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Registered before the app is ready. standard: a real origin with relative URLs and storage;
 * secure: a secure context (Web Crypto, persistent storage); supportFetchAPI and corsEnabled: module
 * scripts and fetch of the app's own files. No bypassCSP: the app's policy holds on its own scheme.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type AppFileLookup =
  { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * The file under `root` that `requestUrl` names, or why it is refused. Only orderline://app/ is
 * served; a path that climbs out of `root` (`..`, `%2e%2e`, `..%2f`, a backslash, a drive letter,
 * a NUL byte) is refused whatever its spelling, because the decoded path is checked, not the URL.
 */
export function appFileFor(requestUrl: string, root: string): AppFileLookup {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { ok: false, status: 400, reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) {
    return { ok: false, status: 404, reason: `only ${APP_ORIGIN}/ is served` };
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return { ok: false, status: 400, reason: 'the path is not valid percent-encoding' };
  }
  if (path.includes('\0') || path.includes('\\')) {
    return { ok: false, status: 403, reason: 'the path holds a NUL byte or a backslash' };
  }
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.' || /^[a-z]:/i.test(segment))) {
    return { ok: false, status: 403, reason: 'the path leaves the app folder' };
  }
  const base = resolve(root);
  const file = resolve(base, ...(segments.length === 0 ? ['index.html'] : segments));
  const inside = relative(base, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return { ok: false, status: 403, reason: 'the path leaves the app folder' };
  }
  return { ok: true, path: file };
}

type ReadFile = (path: string) => Promise<Uint8Array>;

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The handler for protocol.handle: GET and HEAD of the app's own files, each with the app's
 * Content-Security-Policy (webRequest does not see custom schemes, so the header is set here).
 */
export function appProtocolHandler(
  root: string,
  read: ReadFile = readFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const lookup = appFileFor(request.url, root);
    if (!lookup.ok) return plain(lookup.status, `Refused: ${lookup.reason}`);
    let body: Uint8Array;
    try {
      body = await read(lookup.path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return plain(404, 'Not found');
      return plain(500, 'The file could not be read');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': contentTypeOf(lookup.path),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache',
      },
    });
  };
}
