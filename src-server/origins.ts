// Which web origins may call the server from a browser (CORS). The desktop app's own origins are
// always allowed: pages loaded from file:// send `Origin: null`, and the app's own scheme is
// orderline://app. The browser build runs wherever it is served: by default any port on this
// machine's loopback (Vite's dev and preview servers); ORDERLINE_ALLOWED_ORIGINS names others.
// Desks authenticate with bearer tokens, never cookies, so no origin is sent credentials.

export const APP_ORIGINS = ['null', 'orderline://app'] as const;
export const DEFAULT_BROWSER_ORIGINS = [
  'http://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
] as const;

export type OriginCheck = (origin: string) => boolean;

/** Parses "https://pos.example.com, http://10.0.0.5:4173" into origins; `:*` allows any port. */
export function parseAllowedOrigins(value: string | undefined): string[] | { error: string } {
  if (value === undefined || value.trim() === '') return [...DEFAULT_BROWSER_ORIGINS];
  const origins = value
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of origins) {
    if (!/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/i.test(origin) && origin !== 'null') {
      return {
        error: `ORDERLINE_ALLOWED_ORIGINS: “${origin}” is not an origin; write it like https://pos.example.com (no path)`,
      };
    }
  }
  return origins;
}

export function originChecker(browserOrigins: readonly string[]): OriginCheck {
  const exact = new Set<string>([...APP_ORIGINS, ...browserOrigins.filter((o) => !o.endsWith(':*'))]);
  const anyPort = browserOrigins.filter((o) => o.endsWith(':*')).map((o) => o.slice(0, -1));
  return (origin) =>
    exact.has(origin) ||
    anyPort.some((prefix) => origin.startsWith(prefix) && /^\d{1,5}$/.test(origin.slice(prefix.length)));
}
