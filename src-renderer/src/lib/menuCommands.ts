// What each native menu command asks the app to do. The desktop menu sends commands over the
// bridge; the app shell runs the action the same way it runs a keyboard shortcut.
import type { MenuCommand } from '$shared/bridge';
import type { ShortcutAction } from './shortcuts';

export type MenuAction = ShortcutAction | { kind: 'export' } | { kind: 'backup' };

// A Record, so a command added to MENU_COMMANDS fails to compile until it has an action here.
const ACTIONS: Record<MenuCommand, MenuAction> = {
  'screen.sell': { kind: 'screen', screen: 'sell' },
  'screen.orders': { kind: 'screen', screen: 'orders' },
  'screen.pack': { kind: 'screen', screen: 'pack' },
  'screen.ship': { kind: 'screen', screen: 'ship' },
  'screen.catalog': { kind: 'screen', screen: 'catalog' },
  'screen.customers': { kind: 'screen', screen: 'customers' },
  'screen.reports': { kind: 'screen', screen: 'reports' },
  'screen.settings': { kind: 'screen', screen: 'settings' },
  'screen.stock': { kind: 'screen', screen: 'stock' },
  'edit.find': { kind: 'search' },
  'file.export': { kind: 'export' },
  'file.backup': { kind: 'backup' },
  'help.shortcuts': { kind: 'help' },
};

export function menuAction(command: MenuCommand): MenuAction {
  return ACTIONS[command];
}
