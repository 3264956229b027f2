// The administrator's commands as HTTP on the running server, for `npm run server:admin` while
// `npm run server` runs: the process that owns the database does the work. They are served on a
// listener of their own, plain http on 127.0.0.1 (whether the desks' port is http or https, the
// admin command reaches it the same way, and nothing outside the machine can), answered only on a
// loopback connection (the socket's own address, never X-Forwarded-For) with the token the server
// wrote in its data folder at start.
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Sql } from './db';
import { createEnrollmentCode, createStore, revokeDevice } from './storeAdmin';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function text(body: unknown, field: string): string {
  const value = (body as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string' || !value.trim()) throw new AdminInputError(`${field} is missing`);
  return value.trim();
}

class AdminInputError extends Error {}

export function registerAdminRoutes(app: FastifyInstance, sql: Sql, token: string): void {
  const refuse = (reply: FastifyReply, status: number, error: string) => reply.code(status).send({ error });

  app.register(async (admin) => {
    admin.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      // The socket's address: X-Forwarded-For is the client's word, and trustProxy would believe it.
      if (!LOOPBACK.has(request.raw.socket.remoteAddress ?? '')) {
        return refuse(reply, 404, `There is no ${request.method} ${request.url} on this server`);
      }
      const given = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
      if (!sameToken(given, token)) {
        return refuse(
          reply,
          401,
          'The admin token is not this server’s; run the admin command on the server machine',
        );
      }
    });
    admin.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
      const status = error instanceof AdminInputError ? 400 : (error.statusCode ?? 400);
      return refuse(reply, status, error.message);
    });
    admin.post('/admin/create-store', async (request) => createStore(sql, text(request.body, 'name')));
    admin.post('/admin/enroll-code', async (request) => {
      const hours = (request.body as { hours?: unknown } | null)?.hours ?? 24;
      if (typeof hours !== 'number' || !(hours > 0))
        throw new AdminInputError(`hours must be a positive number, not ${String(hours)}`);
      return createEnrollmentCode(sql, text(request.body, 'storeId'), hours);
    });
    admin.post('/admin/revoke-device', async (request) => ({
      revoked: await revokeDevice(sql, text(request.body, 'deviceId')),
    }));
  });
}

/** The admin endpoint on its own loopback listener (any free port); resolves once it listens. */
export async function startAdminEndpoint(
  sql: Sql,
  token: string,
): Promise<{ port: number; close: () => Promise<void> }> {
  const admin = Fastify({ logger: false }) as unknown as FastifyInstance;
  registerAdminRoutes(admin, sql, token);
  await admin.listen({ port: 0, host: '127.0.0.1' });
  return { port: (admin.server.address() as AddressInfo).port, close: () => admin.close() };
}
