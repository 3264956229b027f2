// The native menu bar: File, Edit, View (one item per screen, Alt+1…8 as in the app), Window, Help.
// Items that need the app send one typed command to the window over the menu-command channel.
import { Menu, type MenuItemConstructorOptions, type WebContents } from 'electron';
import type { MenuCommand } from '$shared/bridge';
import { SCREENS } from '$shared/screens';
import { menuCommandSchema, parsePayload } from './bridgeSchemas';
import { PUSH_CHANNELS } from './ipcChannels';

export interface AppMenuOptions {
  appName: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** Sends a command to the main window. */
  send: (command: MenuCommand) => void;
  /** The downloaded update waiting to be installed, or null. */
  updateReadyVersion: string | null;
  restartToUpdate: () => void;
  showLogFiles: () => void;
}

/** Sends a menu command to the window, checked against the commands the window understands. */
export function sendMenuCommand(contents: WebContents, command: MenuCommand): void {
  contents.send(PUSH_CHANNELS.menuCommand, parsePayload(menuCommandSchema, command, 'The menu command'));
}

export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => options.send(name),
  });

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('Export…', 'file.export', 'CmdOrCtrl+Shift+E'),
      command('Backup…', 'file.backup', 'CmdOrCtrl+Shift+B'),
      { type: 'separator' },
      // On macOS Quit lives in the app menu and File closes the window, as in every Mac app.
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      command('Find…', 'edit.find', 'CmdOrCtrl+K'),
    ],
  };

  // Reload and developer tools would let anyone at a till poke at the store; only development has them.
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }];

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      ...SCREENS.map((screen) => command(screen.label, `screen.${screen.id}`, `Alt+${screen.shortcut}`)),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...developer,
    ],
  };

  const { updateReadyVersion } = options;
  const help: MenuItemConstructorOptions = {
    label: '&Help',
    role: 'help',
    submenu: [
      command('Keyboard Shortcuts', 'help.shortcuts', 'F1'),
      { type: 'separator' },
      {
        label: updateReadyVersion ? `Restart to Update (${updateReadyVersion})` : 'Restart to Update',
        enabled: updateReadyVersion !== null,
        click: () => options.restartToUpdate(),
      },
      { label: 'Show Log Files', click: () => options.showLogFiles() },
      ...(isMac
        ? []
        : [{ type: 'separator' } as const, { role: 'about' as const, label: `About ${options.appName}` }]),
    ],
  };

  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, { role: 'windowMenu' }, help];
}

/** Builds the menu bar and makes it the app's menu; call again when the update state changes. */
export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
