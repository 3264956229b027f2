import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  appFileFor,
  appProtocolHandler,
  contentTypeOf,
} from './appProtocol';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'orderline-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Orderline</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  // A secret beside the app folder, and one whose name starts like it: neither may be served.
  await writeFile(join(base, 'secret.txt'), 'the store owner’s tax number');
  await mkdir(join(base, 'renderer-other'));
  await writeFile(join(base, 'renderer-other', 'index.html'), 'not the app');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('the orderline scheme', () => {
  it('is standard and secure, so IndexedDB, persistent storage and module scripts work; CSP is not bypassed', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'orderline',
      privileges: expect.objectContaining({
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
      }),
    });
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_ORIGIN).toBe('orderline://app');
  });
});

describe('appFileFor', () => {
  it('maps app URLs to files in the app folder, / to index.html', () => {
    expect(appFileFor('orderline://app/index.html', root)).toEqual({
      ok: true,
      path: join(root, 'index.html'),
    });
    expect(appFileFor('orderline://app/', root)).toEqual({ ok: true, path: join(root, 'index.html') });
    expect(appFileFor('orderline://app/assets/index-abc.js?v=1#x', root)).toEqual({
      ok: true,
      path: join(root, 'assets', 'index-abc.js'),
    });
  });

  it.each([
    'orderline://app/../secret.txt',
    'orderline://app/%2e%2e/secret.txt',
    'orderline://app/..%2fsecret.txt',
    'orderline://app/assets/..%2f..%2fsecret.txt',
    'orderline://app/%2E%2E%2Fsecret.txt',
    'orderline://app/..%5csecret.txt',
    'orderline://app/assets%5c..%5c..%5csecret.txt',
    'orderline://app/C:%5cWindows%5cwin.ini',
    'orderline://app/c:/Windows/win.ini',
    'orderline://app/index.html%00.png',
    'orderline://app/..%2f/renderer-other/index.html',
    `orderline://app/${encodeURIComponent('/etc/passwd')}`,
  ])('refuses %s, which climbs out of the app folder', (url) => {
    const lookup = appFileFor(url, root);
    if (lookup.ok) expect(lookup.path.startsWith(join(root, ''))).toBe(true);
    else expect([400, 403]).toContain(lookup.status);
  });

  it('serves only the app host of its own scheme', () => {
    expect(appFileFor('orderline://other/index.html', root)).toMatchObject({ ok: false, status: 404 });
    expect(appFileFor('file:///etc/passwd', root)).toMatchObject({ ok: false, status: 404 });
    expect(appFileFor('not a url', root)).toMatchObject({ ok: false, status: 400 });
    expect(appFileFor('orderline://app/%E0%A4%A', root)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('appProtocolHandler', () => {
  const get = (url: string, method = 'GET') => appProtocolHandler(root)(new Request(url, { method }));

  it('serves the app’s files with their type, the CSP header and nosniff', async () => {
    const page = await get('orderline://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Orderline</title>');
    const script = await get('orderline://app/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('refuses traversal without reading anything outside the app folder', async () => {
    const read: string[] = [];
    const handler = appProtocolHandler(root, async (path) => {
      read.push(path);
      return new Uint8Array();
    });
    const response = await handler(new Request('orderline://app/..%2fsecret.txt'));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('tax number');
    expect(read).toEqual([]);
  });

  it('answers 404 for a missing file or a folder, 405 for a write, and no body for HEAD', async () => {
    expect((await get('orderline://app/missing.js')).status).toBe(404);
    expect((await get('orderline://app/assets')).status).toBe(404);
    expect((await get('orderline://app/index.html', 'POST')).status).toBe(405);
    const head = await get('orderline://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('names content types for what the build emits, and octet-stream for the rest', () => {
    expect(contentTypeOf('a.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('a.WOFF2')).toBe('font/woff2');
    expect(contentTypeOf('a.svg')).toBe('image/svg+xml');
    expect(contentTypeOf('README')).toBe('application/octet-stream');
  });
});
