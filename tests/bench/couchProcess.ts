// The PouchDB comparison's server, run by `startCouchServer` as a process of its own.
import { serveCouch } from './couchServer';

const logPath = process.argv[2];
if (!logPath) throw new Error('Usage: couchProcess.ts LOG_FILE');
const { port } = await serveCouch(logPath);
console.log(`couch listening on ${port}`);
process.once('SIGTERM', () => process.exit(0));
