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
  };
  class FakeWebContents extends Emitter {
    sent: [string, unknown][] = [];
    session = { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined };
    getURL = () => '';
    setWindowOpenHandler = () => undefined;
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
    loadFile = async () => undefined;
    loadURL = async () => undefined;
    show = () => undefined;
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
  dialog: { showMessageBox: vi.fn() },
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
  // Let app.whenReady() resolve and its then() run.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  vi.resetModules();
  fake.state.gotLock = true;
  fake.state.windows.length = 0;
  fake.state.handlers.clear();
  fake.state.menu = null;
  fake.state.cspListener = null;
  fake.state.quit.mockClear();
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

  it('opens one hardened window with the CSP header, every bridge handler and the menu', async () => {
    await startMain();
    expect(fake.state.windows).toHaveLength(1);
    expect(fake.state.windows[0]?.options).toMatchObject({ webPreferences: { sandbox: true } });
    expect(fake.state.cspListener).toBeTypeOf('function');
    expect([...fake.state.handlers].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
    expect(fake.state.menu?.template.map((menu) => menu.label)).toContain('&View');
  });

  it('sends a menu command to the window on the menu-command channel', async () => {
    await startMain();
    const view = fake.state.menu?.template.find((menu) => menu.label === '&View');
    view?.submenu?.find((item) => item.label === 'Pack')?.click?.();
    expect(fake.state.windows[0]?.webContents.sent).toEqual([[PUSH_CHANNELS.menuCommand, 'screen.pack']]);
  });

  it('brings the existing window forward when a second copy is started', async () => {
    await startMain();
    const [win] = fake.state.windows;
    const focus = vi.fn();
    Object.assign(win as object, { isMinimized: () => true, restore: vi.fn(), focus });
    fake.app.emit('second-instance');
    expect(focus).toHaveBeenCalled();
    expect(fake.state.windows).toHaveLength(1);
  });
});
