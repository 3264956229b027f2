// The named IPC channels behind window.orderline: one per bridge method, nothing generic.
// Shared by the preload (which invokes or listens) and the main process (which handles or sends).

export const IPC_CHANNELS = {
  appVersion: 'orderline:app-version',
  listPrinters: 'orderline:list-printers',
  print: 'orderline:print',
  printToPdf: 'orderline:print-to-pdf',
  saveFile: 'orderline:save-file',
  openTextFile: 'orderline:open-text-file',
  keepDailyBackup: 'orderline:keep-daily-backup',
  setBusy: 'orderline:set-busy',
  restartToUpdate: 'orderline:restart-to-update',
} as const;

export type IpcChannel = (typeof IPC_CHANNELS)[keyof typeof IPC_CHANNELS];

/** Channels the main process sends on and the window only listens to. */
export const PUSH_CHANNELS = {
  menuCommand: 'orderline:menu-command',
  updateReady: 'orderline:update-ready',
} as const;

export type PushChannel = (typeof PUSH_CHANNELS)[keyof typeof PUSH_CHANNELS];
