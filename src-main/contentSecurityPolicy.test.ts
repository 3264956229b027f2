import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { applyContentSecurityPolicy, CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

type Listener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

function listenerFor(appUrl: string): Listener {
  const onHeadersReceived = vi.fn();
  applyContentSecurityPolicy({ webRequest: { onHeadersReceived } } as never, appUrl);
  return onHeadersReceived.mock.calls[0]?.[0] as Listener;
}

function respond(listener: Listener, url: string, responseHeaders?: Record<string, string[]>) {
  let answer: { responseHeaders?: Record<string, string[]> } | undefined;
  listener({ url, ...(responseHeaders ? { responseHeaders } : {}) }, (response) => (answer = response));
  return answer;
}

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the same policy as the meta tag in index.html', () => {
    const html = readFileSync(new URL('../src-renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });

  it('runs only the app’s own scripts: no eval, no inline script, no plugins, no remote frames', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split('; ').map((directive) => {
        const [name = '', ...sources] = directive.split(' ');
        return [name, sources];
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).not.toContain('https:');
  });
});

describe('applyContentSecurityPolicy', () => {
  it('sets the policy on the dev server’s pages, replacing any other policy header', () => {
    const listener = listenerFor('http://localhost:5173/');
    expect(
      respond(listener, 'http://localhost:5173/src/main.ts', {
        'content-type': ['text/javascript'],
        'content-security-policy': ['default-src *'],
      }),
    ).toEqual({
      responseHeaders: {
        'content-type': ['text/javascript'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });

  it('sets it on the built index.html and leaves other responses alone', () => {
    const listener = listenerFor('file:///app/out/renderer/index.html');
    expect(respond(listener, 'file:///app/out/renderer/index.html')).toEqual({
      responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
    expect(
      respond(listener, 'https://sync.shop.example/v1/pull', { 'content-type': ['application/json'] }),
    ).toEqual({});
  });
});
