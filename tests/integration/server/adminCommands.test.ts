// `npm run server` and `npm run server:admin` on one PGlite folder, as real processes: the admin
// commands ask the running server (its loopback admin endpoint), a second server on the folder is
// refused with a sentence, and with no server running the commands open the folder themselves.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from '../../../src-server/adminRoutes';
import { buildServer } from '../../../src-server/app';
import { runningServer } from '../../../src-server/dataLock';
import { START_TIMEOUT, startTestServer, type TestServer } from './testServer';

const dataDir = mkdtempSync(join(tmpdir(), 'orderline-admin-'));
const env = { ...process.env, ORDERLINE_DATA_DIR: dataDir, DATABASE_URL: '' };
const cli = ['node_modules/.bin/tsx', 'src-server/cli.ts'];

type Ran = { code: number | null; stdout: string; stderr: string };

function run(args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cli[0]!, [...cli.slice(1), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `serve` and resolves with its port once it logs that it is ready. */
function serve(extra: string[] = []): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const args = [...cli.slice(1), 'serve', '--port', '0', '--host', '127.0.0.1', ...extra];
    const child = spawn(cli[0]!, args, { env });
    let log = '';
    let port = 0;
    child.stdout.on('data', (d: Buffer) => {
      log += d.toString();
      port ||= Number(/listening at https?:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1] ?? 0);
      if (port && log.includes('Orderline sync server ready')) resolve({ child, port });
    });
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited (${code}) before it was ready:\n${log}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

let server: { child: ChildProcess; port: number } | undefined;

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version']);
    return true;
  } catch {
    return false;
  }
}

/** A certificate for 127.0.0.1, as a store's own server on its network might have. */
function selfSignedCertificate(): { dir: string; cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'orderline-admin-tls-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]),
    { stdio: 'ignore' },
  );
  return { dir, cert, key };
}

function httpsPost(port: number, certFile: string, path: string, body: unknown) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        ca: readFileSync(certFile),
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

afterAll(async () => {
  if (server) await stop(server.child);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('admin commands and the server on one PGlite folder', () => {
  it('hands out a code the running server knows, refuses a second server, and works alone once it stops', async () => {
    server = await serve();
    const created = await run(['create-store', 'Main Street']);
    expect(created.stderr).toBe('');
    const storeId = /created with id (\S+)/.exec(created.stdout)?.[1];
    expect(storeId).toBeDefined();
    const issued = await run(['enroll-code', storeId!]);
    const code = /Enrollment code: (\S+)/.exec(issued.stdout)?.[1];
    expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    const enrolled = await fetch(`http://127.0.0.1:${server.port}/v1/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'Till 1' }),
    });
    expect(enrolled.status).toBe(200);
    expect(((await enrolled.json()) as { deskCode: string }).deskCode).toBe('D1');

    const second = await run(['serve', '--port', '0', '--host', '127.0.0.1']);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      /Another Orderline server process \(\d+\) is using the data folder .*; two processes must never write one database/,
    );

    // The admin endpoint is a loopback listener of its own, not a route on the desks' port.
    const onDesksPort = await fetch(`http://127.0.0.1:${server.port}/admin/create-store`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer guessed' },
      body: JSON.stringify({ name: 'Forged' }),
    });
    expect(onDesksPort.status).toBe(404);
    const admin = runningServer(dataDir);
    expect(admin?.port).not.toBe(server.port);
    const forged = await fetch(`http://127.0.0.1:${admin?.port}/admin/create-store`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer guessed' },
      body: JSON.stringify({ name: 'Forged' }),
    });
    expect(forged.status).toBe(401);

    await stop(server.child);
    server = undefined;
    const alone = await run(['create-store', 'Side Street']);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toMatch(/Store “Side Street” created with id/);
  }, 240_000);
});

describe.skipIf(!hasOpenssl())('admin commands with the server on https', () => {
  it('hands out a code the server knows when it serves https with --cert and --key', async () => {
    const tls = selfSignedCertificate();
    server = await serve(['--cert', tls.cert, '--key', tls.key]);
    const created = await run(['create-store', 'Secure Street']);
    expect(created.stderr).toBe('');
    const storeId = /created with id (\S+)/.exec(created.stdout)?.[1];
    const issued = await run(['enroll-code', storeId!]);
    expect(issued.stderr).toBe('');
    const code = /Enrollment code: (\S+)/.exec(issued.stdout)?.[1];
    const answer = await httpsPost(server.port, tls.cert, '/v1/enroll', { code, deviceName: 'Till 1' });
    expect(answer.status).toBe(200);
    expect((JSON.parse(answer.body) as { storeId: string }).storeId).toBe(storeId);
    await stop(server.child);
    server = undefined;
    rmSync(tls.dir, { recursive: true, force: true });
  }, 240_000);
});

describe('the admin endpoint', () => {
  let test: TestServer;
  let app: FastifyInstance;
  beforeAll(async () => {
    test = await startTestServer();
    // Behind a proxy (trustProxy), as a server copy would be: the forwarded address is a claim.
    app = buildServer({ sql: test.db, trustProxy: true });
    registerAdminRoutes(app, test.db, 'the-token');
    await app.ready();
  }, START_TIMEOUT);
  afterAll(async () => {
    await app?.close();
    await test?.close();
  });

  it('is not there for a connection from another machine, whatever X-Forwarded-For says', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/admin/create-store',
      remoteAddress: '192.0.2.7',
      headers: { authorization: 'Bearer the-token', 'x-forwarded-for': '127.0.0.1' },
      payload: { name: 'From outside' },
    });
    expect(response.statusCode).toBe(404);
    expect(await test.db.query("SELECT 1 FROM stores WHERE name = 'From outside'")).toEqual([]);
  });

  it('creates a store for a loopback connection with the token, and refuses one without it', async () => {
    const ask = (token: string) =>
      app.inject({
        method: 'POST',
        url: '/admin/create-store',
        remoteAddress: '127.0.0.1',
        headers: { authorization: `Bearer ${token}` },
        payload: { name: 'Loopback Lane' },
      });
    expect((await ask('wrong')).statusCode).toBe(401);
    const made = await ask('the-token');
    expect(made.statusCode).toBe(200);
    expect(made.json()).toMatchObject({ name: 'Loopback Lane' });
  });
});
