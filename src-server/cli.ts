// The server's command line: `serve` runs it; the rest are the administrator's tools.
//   serve [--port 8787] [--host 0.0.0.0] [--trust-proxy]
//   create-store NAME | enroll-code STORE_ID [--hours 24] | revoke-device DEVICE_ID
// The database is DATABASE_URL when set, else PGlite in ORDERLINE_DATA_DIR (.orderline-data/server).
// PGlite's folder has one owner: the serving process locks it, and the admin commands ask that
// process (its loopback admin endpoint) instead of opening the folder a second time.
import { mkdirSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createTransport } from 'nodemailer';
import { buildServer } from './app';
import { startAdminEndpoint } from './adminRoutes';
import { lockDataDir, runningServer, type AdminAccess, type DataLock } from './dataLock';
import { DEFAULT_DATA_DIR, databaseFromEnv, type Database } from './db';
import { Mailer } from './mailer';
import { migrate } from './migrations';
import { parseAllowedOrigins } from './origins';
import { smtpConfigFromEnv } from './smtpConfig';
import { createEnrollmentCode, createStore, revokeDevice } from './storeAdmin';

const USAGE = `Usage: orderline-server <command>
  serve [--port 8787] [--host 0.0.0.0] [--trust-proxy]   run the sync server (--port 0: any free port)
        [--cert FILE --key FILE]                           serve https with this PEM certificate and key
  create-store NAME                                        open a store; prints its id
  enroll-code STORE_ID [--hours 24]                        print a one-time code for a desk
  revoke-device DEVICE_ID                                  stop a desk from syncing`;

type ServeFlags = { port?: string; host?: string; 'trust-proxy'?: boolean; cert?: string; key?: string };

/** The certificate and key from --cert/--key or ORDERLINE_TLS_CERT/ORDERLINE_TLS_KEY (both or neither). */
function tlsFiles(values: ServeFlags): { cert: Buffer; key: Buffer } | undefined {
  const certFile = values.cert ?? process.env.ORDERLINE_TLS_CERT;
  const keyFile = values.key ?? process.env.ORDERLINE_TLS_KEY;
  if (!certFile && !keyFile) return undefined;
  if (!certFile || !keyFile)
    throw new Error('https needs both a certificate and its key: --cert FILE --key FILE');
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (error) {
      throw new Error(`The TLS ${what} ${file} could not be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
  };
  return { cert: read(certFile, 'certificate'), key: read(keyFile, 'key') };
}

async function serve(db: Database, values: ServeFlags, lock: DataLock | null) {
  // 0 asks for any free port (tests); the port taken is in the log and the admin file.
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Port ${values.port} is not a port number`);
  const smtp = smtpConfigFromEnv();
  if (!smtp.ok) throw new Error(smtp.error);
  const allowedOrigins = parseAllowedOrigins(process.env.ORDERLINE_ALLOWED_ORIGINS);
  if (!Array.isArray(allowedOrigins)) throw new Error(allowedOrigins.error);
  const https = tlsFiles(values);
  const app = buildServer({
    sql: db,
    logger: true,
    trustProxy: values['trust-proxy'] ?? false,
    allowedOrigins,
    ...(https ? { https } : {}),
    // Customers open feedback links from their e-mail: without a public address, the one it listens on.
    publicUrl: () => process.env.ORDERLINE_PUBLIC_URL?.trim() || listening(),
  });
  // Every copy may send: rows are claimed, so copies share the work without sending twice.
  const mailer = smtp.config
    ? new Mailer(db, createTransport(smtp.config.transport), {
        from: smtp.config.from,
        maxAttempts: smtp.config.maxAttempts,
        log: app.log,
      })
    : null;
  let admin: { port: number; close: () => Promise<void> } | null = null;
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await mailer?.stop();
    await admin?.close();
    await app.close();
    await db.close();
    lock?.release();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  const listening = () => {
    const bound = app.server.address();
    if (!bound || typeof bound !== 'object') return undefined;
    const host = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
    return `${https ? 'https' : 'http'}://${host}:${bound.port}`;
  };
  await app.listen({ port, host: values.host ?? '0.0.0.0' });
  if (lock) {
    admin = await startAdminEndpoint(db, lock.adminToken);
    lock.publishAdmin(admin.port);
  }
  mailer?.start();
  const address = app.server.address();
  app.log.info(
    {
      database: db.kind,
      // The port it really listens on (with --port 0, the one the system chose).
      port: typeof address === 'object' && address ? address.port : port,
      tls: https ? 'on' : 'off (plain http: put it behind a TLS proxy, or give --cert and --key)',
      allowedOrigins,
      email: smtp.config ? 'smtp' : 'off (set SMTP_URL or SMTP_HOST and SMTP_FROM)',
      feedbackLinks: process.env.ORDERLINE_PUBLIC_URL?.trim() || `${listening()} (set ORDERLINE_PUBLIC_URL)`,
    },
    'Orderline sync server ready',
  );
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      hours: { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      cert: { type: 'string' },
      key: { type: 'string' },
    },
  });
  const [command, argument] = positionals;
  if (!command || !['serve', 'create-store', 'enroll-code', 'revoke-device'].includes(command)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (command !== 'serve' && !argument) throw new Error(`${command} needs an argument\n${USAGE}`);
  const dataDir = process.env.DATABASE_URL ? null : (process.env.ORDERLINE_DATA_DIR ?? DEFAULT_DATA_DIR);
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const running = dataDir && command !== 'serve' ? runningServer(dataDir) : null;
  if (running) return adminViaServer(running, command, argument ?? '', values.hours);
  // Throws, with a sentence, when another process already holds the folder.
  const lock = dataDir ? lockDataDir(dataDir) : null;
  const db = databaseFromEnv();
  try {
    await migrate(db);
  } catch (error) {
    lock?.release();
    throw error;
  }
  if (command === 'serve') return serve(db, values, lock);
  try {
    await adminDirect(db, command, argument ?? '', values.hours);
  } finally {
    await db.close();
    lock?.release();
  }
}

async function adminDirect(db: Database, command: string, argument: string, hoursText: string | undefined) {
  if (command === 'create-store') {
    const store = await createStore(db, argument);
    console.log(`Store “${store.name}” created with id ${store.id}`);
  } else if (command === 'enroll-code') {
    const code = await createEnrollmentCode(db, argument, hoursOf(hoursText));
    console.log(`Enrollment code: ${code.code} (one use, valid until ${code.expiresAt})`);
  } else {
    const revoked = await revokeDevice(db, argument);
    console.log(revoked ? `Desk ${argument} is revoked` : `No active desk has the id ${argument}`);
    if (!revoked) process.exitCode = 1;
  }
}

function hoursOf(text: string | undefined): number {
  const hours = Number(text ?? 24);
  if (!(hours > 0)) throw new Error(`--hours must be a positive number, not ${text}`);
  return hours;
}

/** The same commands, asked of the server that owns the database. */
async function adminViaServer(
  access: AdminAccess,
  command: string,
  argument: string,
  hoursText: string | undefined,
): Promise<void> {
  const body =
    command === 'create-store'
      ? { name: argument }
      : command === 'enroll-code'
        ? { storeId: argument, hours: hoursOf(hoursText) }
        : { deviceId: argument };
  const response = await fetch(`http://127.0.0.1:${access.port}/admin/${command}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${access.token}` },
    body: JSON.stringify(body),
  }).catch((error: unknown) => {
    throw new Error(
      `The running Orderline server did not answer on port ${access.port} (${error instanceof Error ? error.message : String(error)}); is it still starting?`,
    );
  });
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) throw new Error(String(answer.error ?? `The server answered ${response.status}`));
  if (command === 'create-store')
    console.log(`Store “${String(answer.name)}” created with id ${String(answer.id)}`);
  else if (command === 'enroll-code') {
    console.log(`Enrollment code: ${String(answer.code)} (one use, valid until ${String(answer.expiresAt)})`);
  } else {
    console.log(answer.revoked ? `Desk ${argument} is revoked` : `No active desk has the id ${argument}`);
    if (!answer.revoked) process.exitCode = 1;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
