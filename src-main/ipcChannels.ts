// The named IPC channels behind window.orderline: one per bridge method, nothing generic.
// Shared by the preload (which invokes them) and the main process (which handles them).

export const IPC_CHANNELS = {
  appVersion: 'orderline:app-version',
  listPrinters: 'orderline:list-printers',
  print: 'orderline:print',
  printToPdf: 'orderline:print-to-pdf',
  saveFile: 'orderline:save-file',
  openTextFile: 'orderline:open-text-file',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];
