// The main-process side of window.orderline: one handler per bridge method on its named channel.
// Each checks that the app's own page is asking, parses the payload, then calls the OS layer.
// Refusals are logged by channel and field names only, never with the payload.
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent, type PrinterInfo } from 'electron';
import {
  dailyBackupRequestSchema,
  openTextFileRequestSchema,
  parsePayload,
  PayloadRefusedError,
  pdfRequestSchema,
  printRequestSchema,
  saveFileRequestSchema,
  setBusyRequestSchema,
} from './bridgeSchemas';
import { isSameApp } from './appUrl';
import { writeDailyBackup } from './dailyBackups';
import { openTextFile, saveFile } from './fileDialogs';
import { IPC_CHANNELS, type IpcChannel } from './ipcChannels';
import type { AppLog } from './logging';
import { htmlToPdf, printHtml } from './printView';
import type { UpdateService } from './updates';

type Handler = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

// Chromium reports the default printer in the platform options, under a name that varies.
function isDefaultPrinter(printer: PrinterInfo): boolean {
  const options = (printer.options ?? {}) as Record<string, unknown>;
  const flag = options['is-default'] ?? options['printer-is-default'];
  return flag === true || flag === 'true' || flag === '1';
}

// Only the origin goes to the log: a path, query or hash could name a customer or an order.
function originOf(url: string): string {
  if (!URL.canParse(url)) return 'an unknown page';
  const { origin, protocol } = new URL(url);
  return origin === 'null' ? `a ${protocol} page` : origin;
}

export interface IpcServices {
  updates: Pick<UpdateService, 'setBusy' | 'restartToUpdate'>;
  log: AppLog;
  /** Where daily backups go (<userData>/backups); without it the window is told none are kept. */
  backupsFolder?: string;
}

/** Registers every bridge handler. `appUrl` is what the main window loads; other senders are refused. */
export function registerIpcHandlers(appUrl: string, { updates, log, backupsFolder }: IpcServices): void {
  const handle = (channel: IpcChannel, run: Handler) => {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      // An iframe or a page the window was tricked into loading must not reach the OS.
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isSameApp(senderUrl, appUrl)) {
        log.warn(`Refused ${channel} from ${originOf(senderUrl)}: not the app's own page`);
        throw new Error(`Orderline refused a ${channel} request from ${senderUrl || 'an unknown page'}.`);
      }
      try {
        return await run(event, payload);
      } catch (error) {
        if (error instanceof PayloadRefusedError) log.warn(`Refused ${channel}: ${error.fields}`);
        throw error;
      }
    });
  };

  handle(IPC_CHANNELS.appVersion, async () => app.getVersion());

  handle(IPC_CHANNELS.listPrinters, async (event) => {
    const printers = await event.sender.getPrintersAsync();
    return printers.map((printer) => ({ name: printer.name, isDefault: isDefaultPrinter(printer) }));
  });

  handle(IPC_CHANNELS.print, async (event, payload) => {
    const request = parsePayload(printRequestSchema, payload, 'The print request');
    const printers = request.printer ? (await event.sender.getPrintersAsync()).map((p) => p.name) : [];
    return printHtml(request, printers);
  });

  handle(IPC_CHANNELS.printToPdf, async (_event, payload) =>
    htmlToPdf(parsePayload(pdfRequestSchema, payload, 'The PDF request')),
  );

  handle(IPC_CHANNELS.saveFile, async (event, payload) => {
    const request = parsePayload(saveFileRequestSchema, payload, 'The save request');
    return saveFile(BrowserWindow.fromWebContents(event.sender), request);
  });

  handle(IPC_CHANNELS.openTextFile, async (event, payload) => {
    const request = parsePayload(openTextFileRequestSchema, payload, 'The open-file request');
    return openTextFile(BrowserWindow.fromWebContents(event.sender), request);
  });

  handle(IPC_CHANNELS.keepDailyBackup, async (_event, payload) => {
    const { backup } = parsePayload(dailyBackupRequestSchema, payload, 'The daily backup');
    if (!backupsFolder) return { ok: false, message: 'This app has no folder for daily backups' };
    try {
      const { file, removed } = await writeDailyBackup(backupsFolder, backup);
      log.info(`Daily backup written to ${file}${removed.length ? `; removed ${removed.join(', ')}` : ''}`);
      return { ok: true };
    } catch (error) {
      log.error((error as Error).message);
      return { ok: false, message: (error as Error).message };
    }
  });

  handle(IPC_CHANNELS.setBusy, async (_event, payload) => {
    updates.setBusy(parsePayload(setBusyRequestSchema, payload, 'The busy report').busy);
  });

  handle(IPC_CHANNELS.restartToUpdate, async () => updates.restartToUpdate());
}
