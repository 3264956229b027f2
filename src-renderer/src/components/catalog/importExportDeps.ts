// The import and export panel wired to the real desk: the window's database, the CSV worker, the
// bridge's file calls, the signed-in person and the store's settings.
import { getDb } from '../../db/database';
import { bridge } from '../../lib/bridge';
import type { ImportWorker } from '../../lib/csvImportMessages';
import { importSteps } from '../../lib/csvImportSteps';
import { currentDesk } from '../../lib/sale';
import { staffSession } from '../../lib/staffSession.svelte';
import type { ImportExportDeps } from './importExport.svelte';

/** Runs the worker's steps on this thread, for a window that cannot start a worker. */
function inProcessWorker(): ImportWorker {
  const run = importSteps((reply) => worker.onmessage?.({ data: reply }));
  const worker: ImportWorker = {
    onmessage: null,
    postMessage: (message) => {
      setTimeout(() => run(message), 0);
    },
    terminate: () => (worker.onmessage = null),
  };
  return worker;
}

function makeWorker(): ImportWorker {
  try {
    return new Worker(new URL('../../lib/csvImport.worker.ts', import.meta.url), {
      type: 'module',
    }) as unknown as ImportWorker;
  } catch {
    return inProcessWorker();
  }
}

/** The store's currency and country: the store profile when set, else the desk's defaults. */
async function storeBasics(): Promise<{ currency: string; country: string }> {
  const profile = (await getDb().settings.get('store.profile'))?.value as
    { currency?: unknown; address?: { country?: unknown } } | undefined;
  const currency = typeof profile?.currency === 'string' ? profile.currency : 'GBP';
  const country = typeof profile?.address?.country === 'string' ? profile.address.country : 'GB';
  return { currency, country };
}

export function importExportDeps(): ImportExportDeps {
  const db = getDb();
  return {
    db,
    makeWorker,
    openFile: () => bridge.openTextFile(['.csv', 'text/csv']),
    saveFile: (name, data) => bridge.saveFile(name, data),
    who: async () => staffSession.who(await currentDesk(db), 'Manager'),
    store: storeBasics,
    now: () => new Date(),
  };
}
