// The desktop bridge (window.orderline from the Electron preload), or a browser fallback so the
// same renderer runs in a plain browser: print through a print view, files through download/upload,
// and no native menu or updates (a browser build is updated by reloading it).
import type { OrderlineBridge, PrintRequest } from '$shared/bridge';

declare global {
  interface Window {
    orderline?: OrderlineBridge;
  }
}

function printInIframe(request: PrintRequest): Promise<{ ok: true } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.srcdoc = request.html;
    frame.onload = () => {
      try {
        // The frame's own print() prints the frame; it is not focused, so keys (Escape, Tab, the
        // shortcuts) keep reaching the page while and after the print view is open.
        frame.contentWindow?.print();
        resolve({ ok: true });
      } catch (error) {
        resolve({ ok: false, message: `The browser could not print: ${String(error)}` });
      } finally {
        setTimeout(() => frame.remove(), 1000);
      }
    };
    document.body.append(frame);
  });
}

function download(name: string, data: string | Uint8Array): void {
  const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part]));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function pickTextFile(accept: string[]): Promise<{ name: string; text: string } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.join(',');
    input.onchange = async () => {
      const file = input.files?.[0];
      resolve(file ? { name: file.name, text: await file.text() } : null);
    };
    input.oncancel = () => resolve(null);
    input.click();
  });
}

export const browserBridge: OrderlineBridge = {
  platform: 'browser',
  appVersion: async () => import.meta.env.VITE_APP_VERSION ?? 'browser build',
  listPrinters: async () => [],
  print: printInIframe,
  printToPdf: async () => {
    throw new Error('Saving as PDF needs the desktop app; in the browser, print and choose "Save as PDF"');
  },
  saveFile: async (name, data) => {
    download(name, data);
    return true;
  },
  openTextFile: pickTextFile,
  keepDailyBackup: async () => ({
    ok: false,
    message: 'The browser version keeps no daily backups; use Settings › Backup to save one',
  }),
  setBusy: async () => undefined,
  restartToUpdate: async () => ({
    ok: false,
    message: 'The browser version updates when the page is reloaded; there is nothing to install.',
  }),
  // A browser has no OS-protected storage to offer: the token stays in IndexedDB (sync/tokenVault.ts).
  keepDeviceToken: async () => ({
    ok: false,
    message: 'In a browser the device token is kept in this browser’s storage, not encrypted by the computer',
  }),
  deviceToken: async () => null,
  onMenuCommand: () => () => undefined,
  onUpdateReady: () => () => undefined,
};

export const bridge: OrderlineBridge =
  typeof window !== 'undefined' && window.orderline ? window.orderline : browserBridge;
