// The server's command line: `serve` runs it; the rest are the administrator's tools.
//   serve [--port 8787] [--host 0.0.0.0] [--trust-proxy] [--cert FILE --key FILE]
//   create-store NAME | enroll-code STORE_ID [--hours 24] | revoke-device DEVICE_ID
// The database is DATABASE_URL when set, else PGlite in ORDERLINE_DATA_DIR (.orderline-data/server).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createTransport } from 'nodemailer';
import { buildServer } from './app';
import { databaseFromEnv, type Database } from './db';
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

async function serve(db: Database, values: ServeFlags) {
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
  });
  // Every copy may send: rows are claimed, so copies share the work without sending twice.
  const mailer = smtp.config
    ? new Mailer(db, createTransport(smtp.config.transport), {
        from: smtp.config.from,
        maxAttempts: smtp.config.maxAttempts,
        log: app.log,
      })
    : null;
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await mailer?.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port, host: values.host ?? '0.0.0.0' });
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
  const db = databaseFromEnv();
  await migrate(db);
  if (command === 'serve') return serve(db, values);
  try {
    if (!argument) throw new Error(`${command} needs an argument\n${USAGE}`);
    if (command === 'create-store') {
      const store = await createStore(db, argument);
      console.log(`Store “${store.name}” created with id ${store.id}`);
    } else if (command === 'enroll-code') {
      const hours = Number(values.hours ?? 24);
      if (!(hours > 0)) throw new Error(`--hours must be a positive number, not ${values.hours}`);
      const code = await createEnrollmentCode(db, argument, hours);
      console.log(`Enrollment code: ${code.code} (one use, valid until ${code.expiresAt})`);
    } else {
      const revoked = await revokeDevice(db, argument);
      console.log(revoked ? `Desk ${argument} is revoked` : `No active desk has the id ${argument}`);
      if (!revoked) process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
