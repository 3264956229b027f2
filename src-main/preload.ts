// Exposes window.orderline: the bridge methods, each invoking its own named channel, and nothing
// else. Payloads are checked in the main process, which trusts nothing from the window.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isMenuCommand, type OrderlineBridge, type UpdateReady } from '$shared/bridge';
import { IPC_CHANNELS, PUSH_CHANNELS, type PushChannel } from './ipcChannels';

const isUpdateReady = (value: unknown): value is UpdateReady =>
  typeof value === 'object' && value !== null && typeof (value as { version?: unknown }).version === 'string';

/**
 * Listens on one push channel, hands the window only a checked payload (never the IPC event, which
 * would expose ipcRenderer), and returns the function that stops listening.
 */
function listen<T>(
  channel: PushChannel,
  accept: (value: unknown) => value is T,
  listener: (value: T) => void,
) {
  const onMessage = (_event: IpcRendererEvent, payload: unknown) => {
    if (accept(payload)) listener(payload);
  };
  ipcRenderer.on(channel, onMessage);
  return () => {
    ipcRenderer.removeListener(channel, onMessage);
  };
}

const bridge = {
  platform: 'electron',
  appVersion: () => ipcRenderer.invoke(IPC_CHANNELS.appVersion),
  listPrinters: () => ipcRenderer.invoke(IPC_CHANNELS.listPrinters),
  print: (request) => ipcRenderer.invoke(IPC_CHANNELS.print, request),
  printToPdf: (request) => ipcRenderer.invoke(IPC_CHANNELS.printToPdf, request),
  saveFile: (suggestedName, data) => ipcRenderer.invoke(IPC_CHANNELS.saveFile, { suggestedName, data }),
  openTextFile: (accept) => ipcRenderer.invoke(IPC_CHANNELS.openTextFile, { accept }),
  keepDailyBackup: (backup) => ipcRenderer.invoke(IPC_CHANNELS.keepDailyBackup, { backup }),
  setBusy: (busy) => ipcRenderer.invoke(IPC_CHANNELS.setBusy, { busy }),
  restartToUpdate: () => ipcRenderer.invoke(IPC_CHANNELS.restartToUpdate),
  keepDeviceToken: (token) => ipcRenderer.invoke(IPC_CHANNELS.keepDeviceToken, { token }),
  deviceToken: (ref) => ipcRenderer.invoke(IPC_CHANNELS.deviceToken, { ref }),
  onMenuCommand: (listener) => listen(PUSH_CHANNELS.menuCommand, isMenuCommand, listener),
  onUpdateReady: (listener) => listen(PUSH_CHANNELS.updateReady, isUpdateReady, listener),
} satisfies OrderlineBridge;

contextBridge.exposeInMainWorld('orderline', bridge);
