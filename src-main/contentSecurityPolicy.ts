// The app's Content Security Policy, also sent as a response header for the app's own pages, so
// the policy holds even for a response that arrives without the meta tag of index.html.
import type { Session } from 'electron';
import { isSameApp } from './appUrl';

/**
 * The same policy as index.html's meta tag (contentSecurityPolicy.test.ts keeps them equal; the
 * reasons are written there). Sent as a header by the orderline:// handler and for the dev server.
 * 'self' is orderline://app in the desktop app; connect-src lets the desk reach its sync server.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' http://127.0.0.1:* http://localhost:* https:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'self' blob:";

/** Adds the policy header to every response for the app's pages; other responses pass unchanged. */
export function applyContentSecurityPolicy(session: Session, appUrl: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isSameApp(details.url, appUrl)) {
      callback({});
      return;
    }
    // The app's policy replaces any other: the dev server must not loosen it.
    const headers = Object.fromEntries(
      Object.entries(details.responseHeaders ?? {}).filter(
        ([name]) => name.toLowerCase() !== 'content-security-policy',
      ),
    );
    callback({
      responseHeaders: {
        ...headers,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}
