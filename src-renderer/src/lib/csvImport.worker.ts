// The CSV import worker: reads, checks and writes files off the main thread, so the desk keeps
// answering keys and scans while 100,000 rows are parsed and stored. It opens the desk's database
// itself (Dexie tells the window's live queries what changed), with relaxed durability: the import
// is one transaction, whole or not at all, and one lost to a power cut at the moment it commits is
// imported again; the window's own connection stays strict for payments.
import { OrderlineDb } from '$db/database';
import type { ToWorker } from './csvImportMessages';
import { importSteps } from './csvImportSteps';

let db: OrderlineDb | null = null;
const run = importSteps(
  (message) => self.postMessage(message),
  (name) => (db ??= new OrderlineDb(name, 'relaxed')),
);
self.onmessage = (event: MessageEvent<ToWorker>) => void run(event.data);
