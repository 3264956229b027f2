import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_OPEN_TEXT_BYTES } from './bridgeSchemas';
import { IPC_CHANNELS } from './ipcChannels';
import { registerIpcHandlers } from './ipcHandlers';

// Small fakes for the Electron APIs the handlers reach: ipcMain collects handlers, BrowserWindow
// records the hidden print windows, dialog answers with whatever a test queues up.
const fake = vi.hoisted(() => {
  type PrintCallback = (success: boolean, reason: string) => void;
  const printWindows: {
    loadedUrl?: string;
    options: { webPreferences?: Record<string, unknown> };
    destroyed: boolean;
    printOptions?: Record<string, unknown>;
    pdfOptions?: Record<string, unknown>;
  }[] = [];
  const state = {
    handlers: new Map<string, (event: unknown, payload?: unknown) => Promise<unknown>>(),
    printResult: { success: true, reason: '' },
    saveChoice: { canceled: true, filePath: '' } as { canceled: boolean; filePath?: string },
    openChoice: { canceled: true, filePaths: [] as string[] },
    printWindows,
  };
  class BrowserWindow {
    record: (typeof printWindows)[number];
    webContents: Record<string, unknown>;
    constructor(options: { webPreferences?: Record<string, unknown> }) {
      this.record = { options, destroyed: false };
      printWindows.push(this.record);
      const record = this.record;
      this.webContents = {
        getURL: () => record.loadedUrl ?? '',
        on: () => undefined,
        setWindowOpenHandler: () => undefined,
        session: { setPermissionRequestHandler: () => undefined, setPermissionCheckHandler: () => undefined },
        print: (options: Record<string, unknown>, callback: PrintCallback) => {
          record.printOptions = options;
          callback(state.printResult.success, state.printResult.reason);
        },
        printToPDF: async (options: Record<string, unknown>) => {
          record.pdfOptions = options;
          return Buffer.from('%PDF-1.7 fake');
        },
      };
    }
    async loadURL(url: string) {
      this.record.loadedUrl = url;
    }
    destroy() {
      this.record.destroyed = true;
    }
    static fromWebContents = () => null;
  }
  return {
    state,
    BrowserWindow,
    showSaveDialog: vi.fn(async () => state.saveChoice),
    showOpenDialog: vi.fn(async (_options: unknown) => state.openChoice),
    onBeforeRequest: vi.fn(),
  };
});

vi.mock('electron', () => ({
  app: { getVersion: () => '1.4.2' },
  BrowserWindow: fake.BrowserWindow,
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, payload?: unknown) => Promise<unknown>) =>
      fake.state.handlers.set(channel, handler),
  },
  dialog: { showSaveDialog: fake.showSaveDialog, showOpenDialog: fake.showOpenDialog },
  session: { fromPartition: () => ({ webRequest: { onBeforeRequest: fake.onBeforeRequest } }) },
  shell: { openExternal: vi.fn() },
}));

const APP_URL = 'file:///app/out/renderer/index.html';
const log = { error: vi.fn(), warn: vi.fn(), info: vi.fn(), debug: vi.fn() };
const updates = {
  setBusy: vi.fn(),
  restartToUpdate: vi.fn(() => ({ ok: false as const, message: 'A sale is open.' })),
};
const PRINTERS = [
  { name: 'EPSON_TM_T88', displayName: 'Epson TM-T88', description: '', options: { 'is-default': 'true' } },
  { name: 'Zebra_ZD420', displayName: 'Zebra ZD420', description: '', options: {} },
];

function appEvent(frameUrl = `${APP_URL}#/checkout`) {
  return { senderFrame: { url: frameUrl }, sender: { getPrintersAsync: async () => PRINTERS } };
}

async function invoke(channel: string, payload?: unknown, event = appEvent()) {
  const handler = fake.state.handlers.get(channel);
  if (!handler) throw new Error(`No handler on ${channel}`);
  return handler(event, payload);
}

let folder: string;
beforeEach(async () => {
  fake.state.handlers.clear();
  fake.state.printWindows.length = 0;
  fake.state.printResult = { success: true, reason: '' };
  fake.state.saveChoice = { canceled: true, filePath: '' };
  fake.state.openChoice = { canceled: true, filePaths: [] };
  fake.showOpenDialog.mockClear();
  vi.clearAllMocks();
  registerIpcHandlers(APP_URL, { updates, log });
  folder = await mkdtemp(join(tmpdir(), 'orderline-ipc-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('registerIpcHandlers', () => {
  it('listens on exactly one named channel per bridge method', () => {
    expect([...fake.state.handlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).sort());
  });

  it('refuses requests from any page but the app', async () => {
    await expect(
      invoke(IPC_CHANNELS.appVersion, undefined, appEvent('https://evil.example/')),
    ).rejects.toThrow(/refused a orderline:app-version request from https:\/\/evil\.example/);
    await expect(
      invoke(
        IPC_CHANNELS.saveFile,
        { suggestedName: 'a.csv', data: 'x' },
        appEvent('file:///tmp/other.html'),
      ),
    ).rejects.toThrow(/refused/);
    expect(fake.showSaveDialog).not.toHaveBeenCalled();
    expect(log.warn.mock.calls).toEqual([
      ["Refused orderline:app-version from https://evil.example: not the app's own page"],
      ["Refused orderline:save-file from a file: page: not the app's own page"],
    ]);
  });

  it('logs a refused payload by field and problem, never with what was sent', async () => {
    const secret = 'Ada Lovelace, 12 Analytical Row';
    await expect(
      invoke(IPC_CHANNELS.saveFile, { suggestedName: `${secret}/x.csv`, data: secret, note: secret }),
    ).rejects.toThrow(/refused/);
    expect(log.warn).toHaveBeenCalledWith(
      'Refused orderline:save-file: suggestedName: custom; payload: unexpected note',
    );
    await expect(
      invoke(IPC_CHANNELS.saveFile, { suggestedName: `${secret}/x.csv`, data: 7 }),
    ).rejects.toThrow();
    expect(log.warn).toHaveBeenLastCalledWith(
      'Refused orderline:save-file: suggestedName: custom; data: invalid_union',
    );
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain('Ada');
  });

  it('passes a checked busy report to the updater and relays its restart answer', async () => {
    await invoke(IPC_CHANNELS.setBusy, { busy: true });
    expect(updates.setBusy).toHaveBeenCalledWith(true);
    await expect(invoke(IPC_CHANNELS.setBusy, { busy: 'yes' })).rejects.toThrow(
      'The busy report was refused: Busy must be true or false.',
    );
    await expect(invoke(IPC_CHANNELS.setBusy, true)).rejects.toThrow('A busy report must be an object');
    expect(updates.setBusy).toHaveBeenCalledTimes(1);
    expect(await invoke(IPC_CHANNELS.restartToUpdate)).toEqual({ ok: false, message: 'A sale is open.' });
  });

  it('answers the app version and the printers with their default flag', async () => {
    expect(await invoke(IPC_CHANNELS.appVersion)).toBe('1.4.2');
    expect(await invoke(IPC_CHANNELS.listPrinters)).toEqual([
      { name: 'EPSON_TM_T88', isDefault: true },
      { name: 'Zebra_ZD420', isDefault: false },
    ]);
  });
});

describe('print', () => {
  it.each([
    [undefined, 'A print request must be an object'],
    [{ pageSize: 'A4' }, 'Print view HTML is missing'],
    [{ html: '<p>Hi</p>', pageSize: 'A5' }, 'Page size must be one of receipt80mm, A4, Letter, label4x6'],
    [{ html: '<p>Hi</p>', pageSize: 'A4', copies: 3 }, 'Unexpected field copies'],
    [{ html: '<p>Hi</p>', pageSize: 'A4', silent: 'yes' }, 'Silent must be true or false'],
  ])('refuses %j with a readable reason', async (payload, reason) => {
    await expect(invoke(IPC_CHANNELS.print, payload)).rejects.toThrow(
      `The print request was refused: ${reason}`,
    );
    expect(fake.state.printWindows).toHaveLength(0);
  });

  it('prints the HTML in a hidden, script-less window on the chosen printer, then closes it', async () => {
    const html = '<!doctype html><p>Receipt 42 – £9.99</p>';
    const result = await invoke(IPC_CHANNELS.print, {
      html,
      pageSize: 'receipt80mm',
      printer: 'EPSON_TM_T88',
      silent: true,
    });
    expect(result).toEqual({ ok: true });
    const [view] = fake.state.printWindows;
    expect(view?.options).toMatchObject({
      show: false,
      webPreferences: { javascript: false, sandbox: true, contextIsolation: true },
    });
    expect(view?.options.webPreferences).not.toHaveProperty('preload');
    const base64 = view?.loadedUrl?.replace('data:text/html;charset=utf-8;base64,', '') ?? '';
    expect(Buffer.from(base64, 'base64').toString('utf8')).toBe(html);
    expect(view?.printOptions).toMatchObject({
      silent: true,
      deviceName: 'EPSON_TM_T88',
      pageSize: { width: 80000, height: 297000 },
      margins: { marginType: 'none' },
    });
    expect(view?.destroyed).toBe(true);
  });

  it('lets the print view load nothing from the network, only its own data: URL', async () => {
    await invoke(IPC_CHANNELS.print, { html: '<img src="https://tracker.example/p.gif">', pageSize: 'A4' });
    const [listener] = fake.onBeforeRequest.mock.calls[0] as [
      (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ];
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      listener({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('https://tracker.example/p.gif')).toBe(true);
    expect(cancelled('file:///etc/passwd')).toBe(true);
    expect(cancelled('data:text/html;base64,PHA+')).toBe(false);
  });

  it('reports a printer that is not connected without opening a print window', async () => {
    const result = await invoke(IPC_CHANNELS.print, { html: '<p>x</p>', pageSize: 'A4', printer: 'Gone' });
    expect(result).toEqual({ ok: false, message: expect.stringContaining('"Gone" is not connected') });
    expect(fake.state.printWindows).toHaveLength(0);
  });

  it('turns a cancelled dialog into a plain message and still closes the window', async () => {
    fake.state.printResult = { success: false, reason: 'Print job canceled' };
    expect(await invoke(IPC_CHANNELS.print, { html: '<p>x</p>', pageSize: 'Letter' })).toEqual({
      ok: false,
      message: 'Printing was cancelled.',
    });
    expect(fake.state.printWindows[0]?.destroyed).toBe(true);
  });
});

describe('printToPdf', () => {
  it('refuses printer options, which a PDF does not take', async () => {
    await expect(
      invoke(IPC_CHANNELS.printToPdf, { html: '<p>x</p>', pageSize: 'A4', printer: 'EPSON_TM_T88' }),
    ).rejects.toThrow('The PDF request was refused: Unexpected field printer.');
  });

  it('returns the PDF as plain bytes, with the label measured in inches', async () => {
    const pdf = await invoke(IPC_CHANNELS.printToPdf, { html: '<p>label</p>', pageSize: 'label4x6' });
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(pdf)).toBe(false);
    expect(Buffer.from(pdf as Uint8Array).toString()).toBe('%PDF-1.7 fake');
    expect(fake.state.printWindows[0]?.pdfOptions).toMatchObject({ pageSize: { width: 4, height: 6 } });
  });
});

describe('saveFile', () => {
  it.each([
    [{ suggestedName: '../../.bashrc', data: 'x' }, 'Suggested name must be a file name without a folder'],
    [{ suggestedName: 'orders.csv' }, 'Data is missing'],
    [{ suggestedName: 'orders.csv', data: 42 }, 'Data must be text or bytes'],
  ])('refuses %j with a readable reason', async (payload, reason) => {
    await expect(invoke(IPC_CHANNELS.saveFile, payload)).rejects.toThrow(
      `The save request was refused: ${reason}`,
    );
  });

  it('writes text or bytes where the user chose', async () => {
    const target = join(folder, 'orders.csv');
    fake.state.saveChoice = { canceled: false, filePath: target };
    expect(
      await invoke(IPC_CHANNELS.saveFile, { suggestedName: 'orders.csv', data: 'id,total\n1,9.99\n' }),
    ).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('id,total\n1,9.99\n');
    expect(fake.showSaveDialog).toHaveBeenLastCalledWith({ defaultPath: 'orders.csv' });

    await invoke(IPC_CHANNELS.saveFile, { suggestedName: 'x.pdf', data: new Uint8Array([37, 80, 68, 70]) });
    expect(await readFile(target, 'utf8')).toBe('%PDF');
  });

  it('answers false and writes nothing when the user cancels', async () => {
    expect(await invoke(IPC_CHANNELS.saveFile, { suggestedName: 'orders.csv', data: 'x' })).toBe(false);
  });
});

describe('openTextFile', () => {
  it('refuses accept entries that are neither extensions nor MIME types', async () => {
    await expect(invoke(IPC_CHANNELS.openTextFile, { accept: ['.csv', '*.exe;rm'] })).rejects.toThrow(
      'The open-file request was refused: Accepted type "*.exe;rm" is neither an extension',
    );
  });

  it('filters the dialog by the accepted types and returns the text without a byte-order mark', async () => {
    const source = join(folder, 'customers.csv');
    await writeFile(source, '\uFEFFname,phone\nAda,0123\n');
    fake.state.openChoice = { canceled: false, filePaths: [source] };
    expect(await invoke(IPC_CHANNELS.openTextFile, { accept: ['.csv', 'text/plain'] })).toEqual({
      name: 'customers.csv',
      text: 'name,phone\nAda,0123\n',
    });
    expect(fake.showOpenDialog.mock.calls[0]?.[0]).toMatchObject({
      properties: ['openFile'],
      filters: [{ extensions: ['csv', 'txt'] }, { extensions: ['*'] }],
    });
  });

  it('refuses a file above the size limit with its size and the limit', async () => {
    const source = join(folder, 'huge.csv');
    await writeFile(source, Buffer.alloc(MAX_OPEN_TEXT_BYTES + 1, 'a'));
    fake.state.openChoice = { canceled: false, filePaths: [source] };
    await expect(invoke(IPC_CHANNELS.openTextFile, { accept: [] })).rejects.toThrow(
      /huge\.csv is 104\.9 MB; Orderline opens text files up to 104\.9 MB/,
    );
  });

  it('answers null when the user cancels', async () => {
    expect(await invoke(IPC_CHANNELS.openTextFile, { accept: ['.csv'] })).toBeNull();
  });
});

describe('keepDailyBackup', () => {
  const backup = '{"format":"orderline-backup","formatVersion":1}';

  it('writes the day’s backup into the backups folder', async () => {
    fake.state.handlers.clear();
    registerIpcHandlers(APP_URL, { updates, log, backupsFolder: join(folder, 'backups') });
    expect(await invoke(IPC_CHANNELS.keepDailyBackup, { backup })).toEqual({ ok: true });
    const files = await readdir(join(folder, 'backups'));
    expect(files).toEqual([expect.stringMatching(/^orderline-daily-\d{4}-\d{2}-\d{2}\.json$/)]);
    expect(await readFile(join(folder, 'backups', files[0]!), 'utf8')).toBe(backup);
  });

  it('refuses anything that is not an Orderline backup, and says when the app keeps none', async () => {
    await expect(invoke(IPC_CHANNELS.keepDailyBackup, { backup: 'rm -rf /' })).rejects.toThrow(
      /The daily backup was refused: Backup is not an Orderline backup/,
    );
    await expect(invoke(IPC_CHANNELS.keepDailyBackup, { backup, path: '/etc' })).rejects.toThrow(
      /Unexpected field path/,
    );
    expect(await invoke(IPC_CHANNELS.keepDailyBackup, { backup })).toEqual({
      ok: false,
      message: 'This app has no folder for daily backups',
    });
  });
});
