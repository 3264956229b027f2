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

export interface OrderlineBridge {
  /** 'electron' inside the desktop app, 'browser' for the fallback. */
  readonly platform: 'electron' | 'browser';
  appVersion(): Promise<string>;
  listPrinters(): Promise<{ name: string; isDefault: boolean }[]>;
  print(request: PrintRequest): Promise<{ ok: true } | { ok: false; message: string }>;
  /** Returns the PDF bytes of the print view. */
  printToPdf(request: Omit<PrintRequest, 'printer' | 'silent'>): Promise<Uint8Array>;
  /** Saves text or bytes to a file the user picks; false when they cancel. */
  saveFile(suggestedName: string, data: string | Uint8Array): Promise<boolean>;
  /** Lets the user pick a file and returns its text, or null when they cancel. */
  openTextFile(accept: string[]): Promise<{ name: string; text: string } | null>;
}
