// The CSV import worker: reads and checks files off the main thread, so the desk keeps answering
// keys and scans while 100,000 rows are parsed. Cancel terminates it.
import type { ToWorker } from './csvImportMessages';
import { importSteps } from './csvImportSteps';

const run = importSteps((message) => self.postMessage(message));
self.onmessage = (event: MessageEvent<ToWorker>) => run(event.data);
