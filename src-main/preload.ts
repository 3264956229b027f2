// Exposes window.orderline: the bridge methods, each invoking its own named channel, and nothing
// else. Payloads are checked in the main process, which trusts nothing from the window.
import { contextBridge, ipcRenderer } from 'electron';
import type { OrderlineBridge } from '../src-shared/bridge';
import { IPC_CHANNELS } from './ipcChannels';

const bridge = {
  platform: 'electron',
  appVersion: () => ipcRenderer.invoke(IPC_CHANNELS.appVersion),
  listPrinters: () => ipcRenderer.invoke(IPC_CHANNELS.listPrinters),
  print: (request) => ipcRenderer.invoke(IPC_CHANNELS.print, request),
  printToPdf: (request) => ipcRenderer.invoke(IPC_CHANNELS.printToPdf, request),
  saveFile: (suggestedName, data) => ipcRenderer.invoke(IPC_CHANNELS.saveFile, { suggestedName, data }),
  openTextFile: (accept) => ipcRenderer.invoke(IPC_CHANNELS.openTextFile, { accept }),
} satisfies OrderlineBridge;

contextBridge.exposeInMainWorld('orderline', bridge);
