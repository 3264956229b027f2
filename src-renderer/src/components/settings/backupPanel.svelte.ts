// Settings › Backup and restore (and the welcome screen's restore): save the whole desk to a file,
// or restore such a file onto an empty desk, with progress and a sentence when it is refused.
import { backupFileName } from '$shared/backupFile';
import { createBackup, restoreBackup, restoreBlocker } from '$db/backup';
import type { OrderlineDb } from '$db/database';

export interface BackupDeps {
  db: OrderlineDb;
  saveFile: (name: string, data: string) => Promise<boolean>;
  openFile: () => Promise<{ name: string; text: string } | null>;
  appVersion: () => Promise<string>;
  /** Starts the app again on the restored store (a reload in the window). */
  restart: () => void;
}

/** Opened from the File ▸ Backup… menu: the Backup panel takes focus when it is shown. */
export const backupRequest = $state({ open: false });

const count = (counts: Record<string, number>, table: string) => (counts[table] ?? 0).toLocaleString('en');

export class BackupPanel {
  busy = $state<'backup' | 'restore' | null>(null);
  progress = $state(0);
  message = $state('');
  error = $state('');

  constructor(private readonly deps: BackupDeps) {}

  async #run(kind: 'backup' | 'restore', work: () => Promise<string>): Promise<void> {
    if (this.busy) return;
    this.busy = kind;
    this.progress = 0;
    this.error = '';
    this.message = '';
    try {
      this.message = await work();
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.busy = null;
    }
  }

  /** Saves every table of the desk, unsent changes included, to a file the user picks. */
  backUp(): Promise<void> {
    return this.#run('backup', async () => {
      const { text, file } = await createBackup(this.deps.db, await this.deps.appVersion());
      const name = backupFileName(file.createdAt, file.storeName);
      if (!(await this.deps.saveFile(name, text))) return 'Backup cancelled; nothing was saved.';
      const c = file.counts;
      return `Backed up ${count(c, 'products')} products, ${count(c, 'customers')} customers, ${count(c, 'orders')} orders and ${count(c, 'outbox')} changes waiting to sync as ${name}.`;
    });
  }

  /** Restores a backup file onto this desk, when it is empty; then the app starts on it. */
  restore(): Promise<void> {
    return this.#run('restore', async () => {
      const blocker = await restoreBlocker(this.deps.db);
      if (blocker) throw new Error(blocker);
      const file = await this.deps.openFile();
      if (!file) return 'Restore cancelled; nothing was changed.';
      const backup = await restoreBackup(this.deps.db, file.text, (f) => (this.progress = f));
      this.deps.restart();
      const c = backup.counts;
      return `Restored ${count(c, 'products')} products, ${count(c, 'customers')} customers and ${count(c, 'orders')} orders from ${file.name}.`;
    });
  }
}
