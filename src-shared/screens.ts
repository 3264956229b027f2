// The app's screens in navigation order, with their routes and keyboard shortcuts (Alt+digit).
// Shared: the window's navigation and the desktop menu (src-main) both list them.

export interface ScreenInfo {
  id: 'sell' | 'orders' | 'pack' | 'ship' | 'catalog' | 'customers' | 'reports' | 'settings' | 'stock';
  label: string;
  /** Alt + this key opens the screen. */
  shortcut: string;
}

export const SCREENS: readonly ScreenInfo[] = [
  { id: 'sell', label: 'Sell', shortcut: '1' },
  { id: 'orders', label: 'Orders', shortcut: '2' },
  { id: 'pack', label: 'Pack', shortcut: '3' },
  { id: 'ship', label: 'Ship', shortcut: '4' },
  { id: 'catalog', label: 'Catalog', shortcut: '5' },
  { id: 'customers', label: 'Customers', shortcut: '6' },
  { id: 'reports', label: 'Reports', shortcut: '7' },
  { id: 'settings', label: 'Settings', shortcut: '8' },
  { id: 'stock', label: 'Stock', shortcut: '9' },
];

export type ScreenId = ScreenInfo['id'];

export function screenForShortcut(key: string): ScreenInfo | undefined {
  return SCREENS.find((screen) => screen.shortcut === key);
}
