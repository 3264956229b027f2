// Wiring test for the entry file: with Electron faked, starting main must lock to one instance,
// apply the CSP, register the bridge, install the menu and open the remembered window.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS, PUSH_CHANNELS } from './ipcChannels';

const fake = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(event: string, listener: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      return this;
    }
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    }
    emit(event: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    }
  }
  const state = {
    gotLock: true,
    windows: [] as FakeWindow[],
    handlers: new Set<string>(),
    menu: null as null | {
      template: { label?: string; submenu?: { label?: string; click?: () => void }[] }[];
    },
    cspListener: null as unknown,
    quit: vi.fn(),
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, unknown>(),
    /** What each hidden migration page answers, by the page function's name in the script. */
    pageAnswer: (script: string): unknown =>
      script.includes('listDatabasesInPage') ? [] : { dump: '[]', summary: [] },
    loaded: [] as string[],
    messageBoxes: [] as unknown[],
  };
  class FakeWebContents extends Emitter {
    sent: [string, unknown][] = [];
    session = { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined };
    getURL = () => '';
    setWindowOpenHandler = () => undefined;
    executeJavaScript = async (script: string) => state.pageAnswer(script);
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }
  class FakeWindow extends Emitter {
    webContents = new FakeWebContents();
    constructor(readonly options: Record<string, unknown>) {
      super();
      state.windows.push(this);
    }
    loadFile = async (file: string) => void state.loaded.push(`file:${file}`);
    loadURL = async (url: string) => void state.loaded.push(url);
    show = () => undefined;
    destroyed = false;
    destroy = () => {
      this.destroyed = true;
    };
    static getAllWindows = () => state.windows;
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    // A folder that does not exist: no remembered window, and nothing is written anywhere real.
    getPath: (name: string) => `/nonexistent/orderline-test/${name}`,
    getVersion: () => '1.4.2',
    getName: () => 'Orderline',
    requestSingleInstanceLock: () => state.gotLock,
    quit: state.quit,
    whenReady: async () => undefined,
    setAboutPanelOptions: vi.fn(),
  });
  return { state, app, FakeWindow };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  Menu: {
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: (menu: typeof fake.state.menu) => (fake.state.menu = menu),
  },
  ipcMain: { handle: (channel: string) => fake.state.handlers.add(channel) },
  session: {
    defaultSession: {
      webRequest: { onHeadersReceived: (listener: unknown) => (fake.state.cspListener = listener) },
    },
  },
  screen: { getAllDisplays: () => [], getDisplayMatching: () => undefined },
  safeStorage: { isAsyncEncryptionAvailable: async () => true },
  net: { fetch: vi.fn() },
  dialog: {
    showMessageBox: vi.fn(),
    showMessageBoxSync: (options: unknown) => fake.state.messageBoxes.push(options),
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => fake.state.privileged.push(...schemes),
    handle: (scheme: string, handler: unknown) => fake.state.protocolHandlers.set(scheme, handler),
  },
  shell: { openExternal: vi.fn(), openPath: vi.fn() },
}));
vi.mock('electron-log/main', () => ({
  default: {
    transports: { file: {}, console: {} },
    errorHandler: { startCatching: vi.fn() },
    error: vi.fn(),
    warn: vi.fn(),
    info: vi.fn(),
    debug: vi.fn(),
  },
}));

async function startMain() {
  await import('./main');
  // app.whenReady() resolves, the origin move runs in its hidden windows, then the window opens or
  // Orderline quits.
  await vi.waitFor(() => {
    const settled =
      fake.state.loaded.includes('orderline://app/index.html') || fake.state.quit.mock.calls.length > 0;
    if (!settled) throw new Error('main has not finished starting');
  });
}

beforeEach(() => {
  vi.resetModules();
  fake.state.gotLock = true;
  fake.state.windows.length = 0;
  fake.state.handlers.clear();
  fake.state.menu = null;
  fake.state.cspListener = null;
  fake.state.quit.mockClear();
  fake.state.privileged.length = 0;
  fake.state.protocolHandlers.clear();
  fake.state.loaded.length = 0;
  fake.state.messageBoxes.length = 0;
  fake.state.pageAnswer = (script) =>
    script.includes('listDatabasesInPage') ? [] : { dump: '[]', summary: [] };
  fake.app.listeners.clear();
});

describe('main', () => {
  it('quits at once when another Orderline already runs on this desk', async () => {
    fake.state.gotLock = false;
    await startMain();
    expect(fake.state.quit).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(0);
    expect(fake.state.handlers.size).toBe(0);
  });

  it('serves the app from orderline://app: a privileged scheme, its handler, and the window on it', async () => {
    await startMain();
    expect(fake.state.privileged).toEqual([
      expect.objectContaining({
        scheme: 'orderline',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(fake.state.protocolHandlers.get('orderline')).toBeTypeOf('function');
    expect(fake.state.loaded.at(-1)).toBe('orderline://app/index.html');
  });

  it('looks for old file:// data in hidden windows before the main window opens', async () => {
    await startMain();
    // New origin probed, old origin exported (nothing there): two hidden windows, both destroyed.
    expect(fake.state.loaded.slice(0, 2)).toEqual([
      'orderline://app/migration.html',
      expect.stringMatching(/^file:.*migration\.html$/),
    ]);
    const hidden = fake.state.windows.slice(0, 2);
    expect(hidden.map((win) => [win.options['show'], win.destroyed])).toEqual([
      [false, true],
      [false, true],
    ]);
  });

  it('quits with a sentence, and opens no empty desk, when the old data cannot be moved', async () => {
    fake.state.pageAnswer = () => {
      throw new Error('The page crashed');
    };
    await startMain();
    expect(fake.state.messageBoxes).toEqual([
      expect.objectContaining({ message: 'Orderline could not move this desk’s data to its new place' }),
    ]);
    expect(fake.state.quit).toHaveBeenCalled();
    expect(fake.state.loaded).not.toContain('orderline://app/index.html');
    expect(fake.state.handlers.size).toBe(0);
  });

  it('opens one hardened window with the CSP header, every bridge handler and the menu', async () => {
    await startMain();
    const mainWindows = fake.state.windows.filter((win) => !win.destroyed);
    expect(mainWindows).toHaveLength(1);
    expect(mainWindows[0]?.options).toMatchObject({ webPreferences: { sandbox: true } });
    expect(fake.state.cspListener).toBeTypeOf('function');
    expect([...fake.state.handlers].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(fake.state.menu?.template.map((menu) => menu.label)).toContain('&View');
  });

  it('sends a menu command to the window on the menu-command channel', async () => {
    await startMain();
    const view = fake.state.menu?.template.find((menu) => menu.label === '&View');
    view?.submenu?.find((item) => item.label === 'Pack')?.click?.();
    expect(fake.state.windows.at(-1)?.webContents.sent).toEqual([[PUSH_CHANNELS.menuCommand, 'screen.pack']]);
  });

  it('brings the existing window forward when a second copy is started', async () => {
    await startMain();
    const win = fake.state.windows.at(-1);
    const focus = vi.fn();
    Object.assign(win as object, { isMinimized: () => true, restore: vi.fn(), focus });
    fake.app.emit('second-instance');
    expect(focus).toHaveBeenCalled();
    expect(fake.state.windows.filter((open) => !open.destroyed)).toHaveLength(1);
  });
});
