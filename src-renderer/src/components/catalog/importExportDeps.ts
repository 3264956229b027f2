// The import and export panel wired to the real desk: the window's database, the CSV worker, the
// bridge's file calls, the signed-in person and the store's settings.
import { getDb } from '$db/database';
import { loadBarcodePrefix, loadStoreProfile, storeCountry } from '$db/storeSettings';
import { bridge } from '$lib/bridge';
import type { FromWorker, ImportWorker, ToWorker } from '$lib/csvImportMessages';
import { importSteps } from '$lib/csvImportSteps';
import { currentDesk } from '$lib/sale';
import { staffSession } from '$lib/staffSession.svelte';
import type { ImportExportDeps } from './importExport.svelte';

/** Runs the worker's steps on this thread, for a window that cannot start a worker. */
function inProcessWorker(): ImportWorker {
  const run = importSteps(
    (reply) => worker.onmessage?.({ data: reply }),
    () => getDb(),
  );
  const worker: ImportWorker = {
    onmessage: null,
    postMessage: (message) => {
      setTimeout(() => void run(message), 0);
    },
    terminate: () => (worker.onmessage = null),
  };
  return worker;
}

/**
 * The CSV worker; if it cannot start (a window that refuses module workers), the same steps run on
 * this thread instead, replaying what was already sent, so an import never hangs on a dead worker.
 */
function makeWorker(): ImportWorker {
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../lib/csvImport.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return inProcessWorker();
  }
  const sent: ToWorker[] = [];
  let answered = false;
  let fallback: ImportWorker | null = null;
  const facade: ImportWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (message) => {
      if (fallback) return fallback.postMessage(message);
      if (!answered) sent.push(message);
      worker.postMessage(message);
    },
    terminate: () => {
      worker.terminate();
      fallback?.terminate();
    },
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    answered = true;
    facade.onmessage?.({ data: event.data });
  };
  worker.onerror = (event) => {
    if (answered) return facade.onerror?.({ message: event.message });
    event.preventDefault();
    worker.terminate();
    fallback = inProcessWorker();
    fallback.onmessage = (reply) => facade.onmessage?.(reply);
    for (const message of sent) fallback.postMessage(message);
  };
  return facade;
}

/** The store's currency and country (Settings › Store and the shipping origin, else the defaults) and
 * its prefix for the barcodes it makes. */
async function storeBasics(): Promise<{ currency: string; country: string; barcodePrefix: string }> {
  const db = getDb();
  const [profile, country, barcodePrefix] = await Promise.all([
    loadStoreProfile(db),
    storeCountry(db),
    loadBarcodePrefix(db),
  ]);
  return { currency: profile.currency, country, barcodePrefix };
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
