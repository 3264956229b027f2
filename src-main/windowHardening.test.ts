import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenWindow, secureWebPreferences } from './windowHardening';

const electron = vi.hoisted(() => ({ openExternal: vi.fn(async () => undefined) }));
vi.mock('electron', () => ({ shell: { openExternal: electron.openExternal } }));

const APP = 'orderline://app/index.html';

type Listener = (event: { url?: string; preventDefault: () => void }) => void;
type OpenHandler = (details: { url: string }) => { action: string };
type RequestHandler = (
  requester: { getURL(): string },
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type CheckHandler = (
  requester: { getURL(): string } | null,
  permission: string,
  origin: string,
  details: { requestingUrl?: string },
) => boolean;

function hardenedFakeWindow(currentUrl = APP) {
  const listeners = new Map<string, Listener>();
  const handlers: { open?: OpenHandler; request?: RequestHandler; check?: CheckHandler } = {};
  const webContents = {
    getURL: () => currentUrl,
    on: (name: string, listener: Listener) => listeners.set(name, listener),
    setWindowOpenHandler: (handler: OpenHandler) => (handlers.open = handler),
    session: {
      setPermissionRequestHandler: (handler: RequestHandler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => (handlers.check = handler),
    },
  };
  hardenWindow({ webContents } as unknown as BrowserWindow);

  const blocked = (eventName: string, url?: string) => {
    const listener = listeners.get(eventName);
    if (!listener) throw new Error(`hardenWindow did not listen to ${eventName}`);
    const preventDefault = vi.fn();
    listener({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  const requestPermission = (permission: string, requestingUrl = currentUrl) => {
    let granted: boolean | undefined;
    handlers.request!(webContents, permission, (answer) => (granted = answer), { requestingUrl });
    return granted;
  };
  const checkPermission = (permission: string, requestingUrl = currentUrl) =>
    handlers.check!(webContents, permission, 'orderline://app', { requestingUrl });
  return { blocked, open: (url: string) => handlers.open!({ url }), requestPermission, checkPermission };
}

beforeEach(() => electron.openExternal.mockClear());

describe('hardenWindow: navigation', () => {
  it('blocks navigation and redirects to another origin', () => {
    const win = hardenedFakeWindow();
    expect(win.blocked('will-navigate', 'https://evil.example/login')).toBe(true);
    expect(win.blocked('will-redirect', 'https://evil.example/login')).toBe(true);
  });

  it('blocks navigation to local files and to other hosts of the app scheme', () => {
    const win = hardenedFakeWindow();
    expect(
      win.blocked('will-navigate', 'file:///opt/Orderline/resources/app.asar/out/renderer/index.html'),
    ).toBe(true);
    expect(win.blocked('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(win.blocked('will-navigate', 'orderline://elsewhere/index.html')).toBe(true);
  });

  it('lets the app move within its own page (hash routes)', () => {
    const win = hardenedFakeWindow();
    expect(win.blocked('will-navigate', `${APP}#/orders`)).toBe(false);
  });

  it('lets the dev server app navigate within its origin but not to another port', () => {
    const win = hardenedFakeWindow('http://localhost:5173/');
    expect(win.blocked('will-navigate', 'http://localhost:5173/orders')).toBe(false);
    expect(win.blocked('will-navigate', 'http://localhost:8080/')).toBe(true);
  });

  it('blocks every webview from attaching', () => {
    expect(hardenedFakeWindow().blocked('will-attach-webview')).toBe(true);
  });
});

describe('hardenWindow: window.open', () => {
  it('denies every new window and hands http(s) links to the browser', () => {
    const win = hardenedFakeWindow();
    expect(win.open('https://www.ups.com/track?tracknum=1Z999AA10123456784')).toEqual({ action: 'deny' });
    expect(win.open('http://example.com/')).toEqual({ action: 'deny' });
    expect(electron.openExternal.mock.calls).toEqual([
      ['https://www.ups.com/track?tracknum=1Z999AA10123456784'],
      ['http://example.com/'],
    ]);
  });

  it('never opens other schemes externally', () => {
    const win = hardenedFakeWindow();
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:foo',
      'nonsense',
    ]) {
      expect(win.open(url)).toEqual({ action: 'deny' });
    }
    expect(electron.openExternal).not.toHaveBeenCalled();
  });
});

describe('hardenWindow: permissions', () => {
  it('refuses camera, microphone, geolocation, notifications and clipboard reads', () => {
    const win = hardenedFakeWindow();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'hid',
    ]) {
      expect(win.requestPermission(permission)).toBe(false);
      expect(win.checkPermission(permission)).toBe(false);
    }
  });

  it('grants persistent storage to the app page only, so the store is never evicted', () => {
    const win = hardenedFakeWindow();
    expect(win.requestPermission('persistent-storage')).toBe(true);
    expect(win.checkPermission('persistent-storage')).toBe(true);
    expect(win.requestPermission('persistent-storage', 'https://evil.example/')).toBe(false);
    expect(win.checkPermission('persistent-storage', 'https://evil.example/')).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page and keeps Node out of it', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('turns off middle-click (auxclick) events, which the app never uses', () => {
    expect(secureWebPreferences()).toMatchObject({ disableBlinkFeatures: 'Auxclick' });
  });

  it('adds no preload when none is given (print views get no bridge)', () => {
    expect(secureWebPreferences()).not.toHaveProperty('preload');
  });
});
