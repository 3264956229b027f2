import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { applyContentSecurityPolicy } from './contentSecurityPolicy';

type Headers = Record<string, string[]>;
type Listener = (
  details: { url: string; responseHeaders?: Headers },
  callback: (response: { responseHeaders?: Headers }) => void,
) => void;

function listenerFor(appUrl: string): Listener {
  const onHeadersReceived = vi.fn();
  applyContentSecurityPolicy({ webRequest: { onHeadersReceived } } as never, appUrl);
  return onHeadersReceived.mock.calls[0]?.[0] as Listener;
}

function respond(listener: Listener, url: string, responseHeaders?: Headers) {
  let answer: { responseHeaders?: Headers } | undefined;
  listener({ url, ...(responseHeaders ? { responseHeaders } : {}) }, (response) => (answer = response));
  return answer;
}

const metaPolicy = () => {
  const html = readFileSync(new URL('../src-renderer/index.html', import.meta.url), 'utf8');
  return /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
};

const APP = 'orderline://app/index.html';
const headerPolicy = () => respond(listenerFor(APP), APP)?.responseHeaders?.['Content-Security-Policy']?.[0];

describe('the Content-Security-Policy header', () => {
  it('is the same policy as the meta tag in index.html', () => {
    expect(metaPolicy()).toBeTruthy();
    expect(headerPolicy()).toBe(metaPolicy());
  });

  it('runs only the app’s own scripts: no eval, no inline script, no plugins, no remote frames', () => {
    const directives = new Map(
      (headerPolicy() ?? '').split('; ').map((directive) => {
        const [name = '', ...sources] = directive.split(' ');
        return [name, sources];
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-src')).toEqual(["'self'", 'blob:']);
  });

  it('is set on the dev server’s pages, replacing any looser policy the server sends', () => {
    const listener = listenerFor('http://localhost:5173/');
    expect(
      respond(listener, 'http://localhost:5173/src/main.ts', {
        'content-type': ['text/javascript'],
        'content-security-policy': ['default-src *'],
      }),
    ).toEqual({
      responseHeaders: { 'content-type': ['text/javascript'], 'Content-Security-Policy': [metaPolicy()] },
    });
  });

  it('leaves responses from anywhere else alone', () => {
    const listener = listenerFor(APP);
    expect(
      respond(listener, 'https://sync.shop.example/v1/pull', { 'content-type': ['application/json'] }),
    ).toEqual({});
    expect(respond(listener, 'file:///etc/hosts')).toEqual({});
  });
});
