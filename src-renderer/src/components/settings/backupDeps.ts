// The backup panel wired to the window's database and the bridge's file calls.
import { getDb } from '$db/database';
import { bridge } from '$lib/bridge';
import type { BackupDeps } from './backupPanel.svelte';

export function backupDeps(): BackupDeps {
  return {
    db: getDb(),
    saveFile: (name, data) => bridge.saveFile(name, data),
    openFile: () => bridge.openTextFile(['.json', 'application/json']),
    appVersion: () => bridge.appVersion(),
    restart: () => location.reload(),
  };
}
