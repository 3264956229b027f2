import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '$shared/bridge';
import { SCREENS } from '$shared/screens';
import { appMenuTemplate, installAppMenu, sendMenuCommand, type AppMenuOptions } from './appMenu';
import { PUSH_CHANNELS } from './ipcChannels';

const electron = vi.hoisted(() => ({
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
  setApplicationMenu: vi.fn(),
}));
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: electron.buildFromTemplate, setApplicationMenu: electron.setApplicationMenu },
}));

let sent: MenuCommand[];
let options: AppMenuOptions;
beforeEach(() => {
  vi.clearAllMocks();
  sent = [];
  options = {
    appName: 'Orderline',
    isPackaged: true,
    platform: 'win32',
    send: (command) => sent.push(command),
    updateReadyVersion: null,
    restartToUpdate: vi.fn(),
    showLogFiles: vi.fn(),
  };
});

const submenu = (template: MenuItemConstructorOptions[], label: string) => {
  const menu = template.find((item) => item.label === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`No ${label} menu`);
  return menu.submenu;
};
const item = (items: MenuItemConstructorOptions[], label: string) => {
  const found = items.find((entry) => entry.label === label);
  if (!found) throw new Error(`No item ${label}`);
  return found;
};
const click = (entry: MenuItemConstructorOptions) => (entry.click as () => void)();

describe('appMenuTemplate', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux', () => {
    const template = appMenuTemplate(options);
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual([
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      '&Help',
    ]);
    expect(submenu(template, '&File').at(-1)).toEqual({ role: 'quit' });
    expect(submenu(template, '&Help').at(-1)).toMatchObject({ role: 'about' });
  });

  it('opens each screen from View with the same Alt+digit as the app', () => {
    const view = submenu(appMenuTemplate(options), '&View');
    for (const screen of SCREENS) {
      const entry = item(view, screen.label);
      expect(entry.accelerator).toBe(`Alt+${screen.shortcut}`);
      click(entry);
    }
    expect(sent).toEqual(SCREENS.map((screen) => `screen.${screen.id}`));
  });

  it('sends export, backup, find and keyboard shortcuts as commands', () => {
    const template = appMenuTemplate(options);
    click(item(submenu(template, '&File'), 'Export…'));
    click(item(submenu(template, '&File'), 'Backup…'));
    click(item(submenu(template, '&Edit'), 'Find…'));
    click(item(submenu(template, '&Help'), 'Keyboard Shortcuts'));
    expect(sent).toEqual(['file.export', 'file.backup', 'edit.find', 'help.shortcuts']);
    for (const command of sent) expect(MENU_COMMANDS).toContain(command);
  });

  it('offers reload and developer tools only in development builds', () => {
    const roles = (template: MenuItemConstructorOptions[]) =>
      submenu(template, '&View').map((entry) => entry.role);
    expect(roles(appMenuTemplate(options))).not.toContain('toggleDevTools');
    expect(roles(appMenuTemplate(options))).not.toContain('reload');
    expect(roles(appMenuTemplate({ ...options, isPackaged: false }))).toEqual(
      expect.arrayContaining(['reload', 'forceReload', 'toggleDevTools']),
    );
  });

  it('enables Restart to Update only once an update is downloaded', () => {
    const waiting = item(submenu(appMenuTemplate(options), '&Help'), 'Restart to Update');
    expect(waiting.enabled).toBe(false);
    const ready = item(
      submenu(appMenuTemplate({ ...options, updateReadyVersion: '1.5.0' }), '&Help'),
      'Restart to Update (1.5.0)',
    );
    expect(ready.enabled).toBe(true);
    click(ready);
    expect(options.restartToUpdate).toHaveBeenCalledTimes(1);
  });

  it('follows macOS conventions: an app menu first, Close in File, About in the app menu', () => {
    const template = appMenuTemplate({ ...options, platform: 'darwin' });
    expect(template[0]).toEqual({ role: 'appMenu' });
    expect(submenu(template, '&File').at(-1)).toEqual({ role: 'close' });
    expect(submenu(template, '&Help').map((entry) => entry.role)).not.toContain('about');
  });
});

describe('installAppMenu', () => {
  it('makes the built template the application menu', () => {
    installAppMenu(options);
    const [template] = electron.buildFromTemplate.mock.calls[0] as [MenuItemConstructorOptions[]];
    expect(template.map((menu) => menu.label ?? menu.role)).toEqual(
      appMenuTemplate(options).map((menu) => menu.label ?? menu.role),
    );
    expect(electron.setApplicationMenu).toHaveBeenCalledWith(
      electron.buildFromTemplate.mock.results[0]?.value,
    );
  });
});

describe('sendMenuCommand', () => {
  it('sends a known command on the one menu-command channel', () => {
    const contents = { send: vi.fn() };
    sendMenuCommand(contents as never, 'screen.pack');
    expect(contents.send).toHaveBeenCalledWith(PUSH_CHANNELS.menuCommand, 'screen.pack');
  });

  it('refuses a command the window does not know instead of sending it', () => {
    const contents = { send: vi.fn() };
    expect(() => sendMenuCommand(contents as never, 'file.format-disk' as MenuCommand)).toThrow(
      'The menu command was refused: Menu command "file.format-disk" is not one the window knows.',
    );
    expect(contents.send).not.toHaveBeenCalled();
  });
});
