// Prints and renders PDFs of print views in a hidden, sandboxed window that runs no script and
// reaches no network: the HTML comes from the window and is treated as untrusted.
import { BrowserWindow, session, type Session, type WebContents } from 'electron';
import type { PrintRequest } from '$shared/bridge';
import { pdfPageOptions, printPageOptions } from './printPageSizes';
import { hardenWindow, secureWebPreferences } from './windowHardening';

// In-memory session (no "persist:" prefix): print views leave no cookies or cache behind and
// share nothing with the app's own storage.
const PRINT_PARTITION = 'orderline-print-views';
const lockedSessions = new WeakSet<Session>();

function printSession(): Session {
  const printViews = session.fromPartition(PRINT_PARTITION);
  if (!lockedSessions.has(printViews)) {
    // The view arrives as a data: URL; any other request (a remote image, a tracking pixel) is cut.
    printViews.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !details.url.startsWith('data:') });
    });
    lockedSessions.add(printViews);
  }
  return printViews;
}

/**
 * Loads the HTML in a hidden window, hands its contents to `use`, and always closes the window.
 * A data: URL rather than a temp file: nothing is written to disk, and the page gets an opaque
 * origin that can read no file and no app storage.
 */
export async function withPrintView<T>(html: string, use: (contents: WebContents) => Promise<T>): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { ...secureWebPreferences(), javascript: false, session: printSession() },
  });
  try {
    hardenWindow(win);
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
    return await use(win.webContents);
  } finally {
    win.destroy();
  }
}

export type PrintOutcome = { ok: true } | { ok: false; message: string };

function failureMessage(reason: string): string {
  if (/cancel/i.test(reason)) return 'Printing was cancelled.';
  return `The printer did not print (${reason || 'no reason given'}). Check that it is on and has paper, then try again.`;
}

export async function printHtml(request: PrintRequest, printers: readonly string[]): Promise<PrintOutcome> {
  if (request.printer && !printers.includes(request.printer)) {
    return {
      ok: false,
      message: `The printer "${request.printer}" is not connected to this computer. Switch it on, or choose another printer in Settings.`,
    };
  }
  return withPrintView(
    request.html,
    (contents) =>
      new Promise<PrintOutcome>((resolve) => {
        contents.print(
          {
            silent: request.silent ?? false,
            printBackground: true,
            ...(request.printer ? { deviceName: request.printer } : {}),
            ...printPageOptions(request.pageSize),
          },
          (success, reason) =>
            resolve(success ? { ok: true } : { ok: false, message: failureMessage(reason) }),
        );
      }),
  );
}

export async function htmlToPdf(request: Pick<PrintRequest, 'html' | 'pageSize'>): Promise<Uint8Array> {
  const pdf = await withPrintView(request.html, (contents) =>
    contents.printToPDF({ printBackground: true, ...pdfPageOptions(request.pageSize) }),
  );
  // A copy, not a view: a Buffer may sit in a shared pool that IPC would otherwise send whole.
  return new Uint8Array(pdf);
}
