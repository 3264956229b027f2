import { describe, expect, it } from 'vitest';
import { isExternalWebLink, isSameApp, rendererEntryUrl } from './appUrl';

describe('rendererEntryUrl', () => {
  it('uses the dev server while developing', () => {
    expect(rendererEntryUrl('http://localhost:5173/', false)).toBe('http://localhost:5173/');
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app, so nobody can point it at a remote page', () => {
    expect(rendererEntryUrl('https://evil.example/', true)).toBe('orderline://app/index.html');
  });

  it('serves a built app from its own scheme, not file://', () => {
    expect(rendererEntryUrl(undefined, false)).toBe('orderline://app/index.html');
    expect(rendererEntryUrl(undefined, true)).toBe('orderline://app/index.html');
  });
});

describe('isSameApp', () => {
  it('treats a file app as its one file, whatever the hash or query', () => {
    const app = 'file:///app/out/renderer/index.html';
    expect(isSameApp('file:///app/out/renderer/index.html#/pack', app)).toBe(true);
    expect(isSameApp('file:///app/out/renderer/evil.html', app)).toBe(false);
    expect(isSameApp('https://example.com/app/out/renderer/index.html', app)).toBe(false);
  });

  it('treats the built app as everything on orderline://app, and nothing else', () => {
    const app = 'orderline://app/index.html';
    expect(isSameApp('orderline://app/index.html#/pack', app)).toBe(true);
    expect(isSameApp('orderline://app/assets/index-abc.js', app)).toBe(true);
    expect(isSameApp('orderline://evil/index.html', app)).toBe(false);
    expect(isSameApp('file:///app/out/renderer/index.html', app)).toBe(false);
    expect(isSameApp('https://app/index.html', app)).toBe(false);
  });

  it('treats a dev server app as its origin', () => {
    expect(isSameApp('http://localhost:5173/src/main.ts', 'http://localhost:5173/')).toBe(true);
    expect(isSameApp('http://127.0.0.1:5173/', 'http://localhost:5173/')).toBe(false);
  });

  it('refuses what is not a URL, and apps on other schemes', () => {
    expect(isSameApp('not a url', 'http://localhost:5173/')).toBe(false);
    expect(isSameApp('data:text/html,hi', 'data:text/html,hi')).toBe(false);
  });
});

describe('isExternalWebLink', () => {
  it('accepts only http and https', () => {
    expect(isExternalWebLink('https://www.dhl.com/')).toBe(true);
    expect(isExternalWebLink('http://example.com')).toBe(true);
    expect(isExternalWebLink('file:///etc/passwd')).toBe(false);
    expect(isExternalWebLink('mailto:a@b.c')).toBe(false);
  });
});
