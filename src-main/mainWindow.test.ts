import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow } from './mainWindow';

const fake = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  class FakeWindow {
    options: { show?: boolean; webPreferences?: Record<string, unknown> };
    loaded: { file?: string; url?: string } = {};
    listeners = new Map<string, () => void>();
    hardenedNavigation = false;
    webContents = {
      getURL: () => '',
      on: (name: string) => {
        if (name === 'will-navigate') this.hardenedNavigation = true;
      },
      setWindowOpenHandler: () => undefined,
      session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
    };
    shown = false;
    maximized = false;
    maximize() {
      this.maximized = true;
    }
    constructor(options: FakeWindow['options']) {
      this.options = options;
      windows.push(this);
    }
    once(name: string, listener: () => void) {
      this.listeners.set(name, listener);
    }
    show() {
      this.shown = true;
    }
    async loadFile(file: string) {
      this.loaded.file = file;
    }
    async loadURL(url: string) {
      this.loaded.url = url;
    }
  }
  return { windows, FakeWindow };
});
vi.mock('electron', () => ({ BrowserWindow: fake.FakeWindow, shell: { openExternal: vi.fn() } }));

beforeEach(() => {
  fake.windows.length = 0;
});

describe('createMainWindow', () => {
  it('sets the window icon when one is given (Windows, Linux) and none otherwise (macOS)', () => {
    createMainWindow('orderline://app/index.html', '/p.cjs', null, '/opt/Orderline/resources/icon.png');
    createMainWindow('orderline://app/index.html', '/p.cjs', null);
    expect(fake.windows[0]?.options).toMatchObject({ icon: '/opt/Orderline/resources/icon.png' });
    expect(fake.windows[1]?.options).not.toHaveProperty('icon');
  });

  it('opens a hardened, sandboxed window with the preload, shown only when ready', () => {
    createMainWindow('orderline://app/index.html', '/app/out/preload/index.cjs');
    const [win] = fake.windows;
    expect(win?.options).toMatchObject({
      show: false,
      webPreferences: { preload: '/app/out/preload/index.cjs', sandbox: true, contextIsolation: true },
    });
    expect(win?.hardenedNavigation).toBe(true);
    expect(win?.shown).toBe(false);
    win?.listeners.get('ready-to-show')?.();
    expect(win?.shown).toBe(true);
  });

  it('opens where it was last time, maximized again if it was', () => {
    const bounds = { x: 1600, y: 80, width: 1400, height: 900 };
    createMainWindow('orderline://app/index.html', '/p.cjs', { bounds, maximized: true });
    createMainWindow('orderline://app/index.html', '/p.cjs', null);
    const [restored, fresh] = fake.windows;
    expect(restored?.options).toMatchObject(bounds);
    expect(fresh?.options).toMatchObject({ width: 1280, height: 800 });
    expect(fresh?.options).not.toHaveProperty('x');
    for (const win of fake.windows) win.listeners.get('ready-to-show')?.();
    expect(fake.windows.map((win) => [win.maximized, win.shown])).toEqual([
      [true, true],
      [false, true],
    ]);
  });

  it('loads the built app from orderline://app and the dev server by URL, never a file', () => {
    createMainWindow('orderline://app/index.html', '/p.cjs');
    createMainWindow('http://localhost:5173/', '/p.cjs');
    expect(fake.windows.map((win) => win.loaded)).toEqual([
      { url: 'orderline://app/index.html' },
      { url: 'http://localhost:5173/' },
    ]);
  });
});
