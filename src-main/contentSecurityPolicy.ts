// The app's Content Security Policy, also sent as a response header for the app's own pages, so
// the policy holds even for a response that arrives without the meta tag of index.html.
import type { Session } from 'electron';
import { isSameApp } from './appUrl';

/** Must equal the meta tag in src-renderer/index.html (a test compares them). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Svelte sets style attributes at run time (the virtual list's row offsets).
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // The sync server: on this machine while testing, else over https.
  "connect-src 'self' http://127.0.0.1:* http://localhost:* https:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'self' blob:",
].join('; ');

/** Adds the policy header to every response for the app's pages; other responses pass unchanged. */
export function applyContentSecurityPolicy(session: Session, appUrl: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isSameApp(details.url, appUrl)) {
      callback({});
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
