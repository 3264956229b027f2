// The one narrow API the Electron preload exposes to the window as `window.orderline`.
// The renderer falls back to browser APIs when it is absent (plain browser, e2e tests).

export type PrintPageSize = 'receipt80mm' | 'A4' | 'Letter' | 'label4x6';

export interface PrintRequest {
  /** Complete HTML document of the print view. */
  html: string;
  pageSize: PrintPageSize;
  /** Printer name as the OS knows it; absent = the system default. */
  printer?: string;
  silent?: boolean;
}

/** What the native menu asks the window to do. One screen command per screen, in navigation order. */
export const MENU_COMMANDS = [
  'screen.sell',
  'screen.orders',
  'screen.pack',
  'screen.ship',
  'screen.catalog',
  'screen.customers',
  'screen.reports',
  'screen.settings',
  'screen.stock',
  'edit.find',
  'file.export',
  'file.backup',
  'help.shortcuts',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** An update that is downloaded and installs on the next restart. */
export interface UpdateReady {
  version: string;
}

export type Outcome = { ok: true } | { ok: false; message: string };

export interface OrderlineBridge {
  /** 'electron' inside the desktop app, 'browser' for the fallback. */
  readonly platform: 'electron' | 'browser';
  appVersion(): Promise<string>;
  listPrinters(): Promise<{ name: string; isDefault: boolean }[]>;
  print(request: PrintRequest): Promise<Outcome>;
  /** Returns the PDF bytes of the print view. */
  printToPdf(request: Omit<PrintRequest, 'printer' | 'silent'>): Promise<Uint8Array>;
  /** Saves text or bytes to a file the user picks; false when they cancel. */
  saveFile(suggestedName: string, data: string | Uint8Array): Promise<boolean>;
  /** Lets the user pick a file and returns its text, or null when they cancel. */
  openTextFile(accept: string[]): Promise<{ name: string; text: string } | null>;
  /** Keeps today's backup of the whole desk in the app's data folder (the newest 7 days are kept);
   * the browser build has no data folder and says so. */
  keepDailyBackup(backup: string): Promise<Outcome>;
  /** Tells the desktop app a sale or checkout is open (true) or closed (false); no update restarts it meanwhile. */
  setBusy(busy: boolean): Promise<void>;
  /** Installs a downloaded update now; refused with a sentence while a sale is open or when none is ready. */
  restartToUpdate(): Promise<Outcome>;
  /** Calls `listener` for each native menu command; returns the function that stops listening. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Calls `listener` when an update is downloaded and waiting; returns the function that stops listening. */
  onUpdateReady(listener: (update: UpdateReady) => void): () => void;
}
