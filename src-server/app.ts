// The sync server's HTTP face: health and readiness, enrollment, push and pull. It keeps no state
// between requests except the enrollment rate limit, so many copies can serve one database.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  OUTDATED_CLIENT_MESSAGE,
  checkProtocolVersion,
  parseEnrollRequest,
  parsePullRequest,
  parsePushRequest,
  type ErrorResponse,
} from '../src-shared/syncProtocol';
import { applyPush } from './applyPush';
import { pullChanges } from './changeLog';
import type { Sql } from './db';
import { authenticate, enrollDevice, type Device } from './deviceAuth';
import { RateLimiter, type RateLimitOptions } from './rateLimit';

export interface ServerOptions {
  sql: Sql;
  logger?: FastifyServerOptions['logger'];
  /** Largest push body in bytes (default 1 MiB). */
  pushBodyLimit?: number;
  /** Per client address, per server copy (default: a burst of 5, then 5 a minute). */
  enrollRateLimit?: RateLimitOptions;
  /** Behind a load balancer, trust X-Forwarded-For so each desk is limited by its own address. */
  trustProxy?: boolean;
}

const MiB = 1024 * 1024;

function fail(reply: FastifyReply, status: number, error: string, issues?: string[]): FastifyReply {
  const body: ErrorResponse = issues ? { error, issues } : { error };
  return reply.code(status).send(body);
}

/** The version check every synced request starts with; returns whether the reply was sent. */
function refuseOtherVersion(reply: FastifyReply, body: unknown): boolean {
  const version = checkProtocolVersion(body);
  if (version === 'outdated') {
    fail(reply, 426, OUTDATED_CLIENT_MESSAGE);
    return true;
  }
  if (version === 'newer') {
    fail(reply, 400, 'This desk speaks a newer sync protocol than the server; update the Orderline server');
    return true;
  }
  return false;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const { sql } = options;
  const pushBodyLimit = options.pushBodyLimit ?? MiB;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 64 * 1024,
  });
  const enrollLimiter = new RateLimiter(options.enrollRateLimit ?? { capacity: 5, refillPerMinute: 5 });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return fail(reply, 413, 'The request is too large for the server; send fewer changes per push');
    }
    if (status >= 400 && status < 500)
      return fail(reply, status, `The request could not be read: ${error.message}`);
    request.log.error({ err: error }, 'request failed');
    return fail(
      reply,
      500,
      'The server could not finish this request; nothing is lost, and it can be sent again',
    );
  });
  app.setNotFoundHandler((request, reply) =>
    fail(reply, 404, `There is no ${request.method} ${request.url} on this server`),
  );

  async function deviceOf(authorization: string | undefined, reply: FastifyReply): Promise<Device | null> {
    const auth = await authenticate(sql, authorization);
    if (auth.ok) return auth.device;
    fail(reply, 401, auth.reason);
    return null;
  }

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async (request, reply) => {
    try {
      await sql.query('SELECT 1');
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      return fail(reply, 503, 'The server cannot reach its database');
    }
  });

  app.post('/v1/enroll', async (request, reply) => {
    const wait = enrollLimiter.take(request.ip);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      return fail(reply, 429, `Too many enrollment attempts from this address; try again in ${wait} seconds`);
    }
    const parsed = parseEnrollRequest(request.body);
    if (!parsed.ok) return fail(reply, 400, 'The enrollment request was not understood', parsed.issues);
    const result = await enrollDevice(sql, parsed.value.code, parsed.value.deviceName);
    if (!result.ok) return fail(reply, 403, result.reason);
    request.log.info(
      { deviceId: result.enrolled.deviceId, storeId: result.enrolled.storeId },
      'desk enrolled',
    );
    return result.enrolled;
  });

  app.post('/v1/push', { bodyLimit: pushBodyLimit }, async (request, reply) => {
    const device = await deviceOf(request.headers.authorization, reply);
    if (!device || refuseOtherVersion(reply, request.body)) return reply;
    const parsed = parsePushRequest(request.body);
    if (!parsed.ok)
      return fail(reply, 400, 'The push was not understood; nothing was applied', parsed.issues);
    if (parsed.value.deviceId !== device.id) {
      return fail(
        reply,
        403,
        'The push names a different desk than the token it carries; enroll this desk again',
      );
    }
    const results = await applyPush(sql, device, parsed.value.mutations);
    const count = (status: string) => results.filter((r) => r.status === status).length;
    request.log.info(
      {
        deviceId: device.id,
        applied: count('applied'),
        rejected: count('rejected'),
        duplicate: count('duplicate'),
      },
      'push',
    );
    return { results };
  });

  app.post('/v1/pull', async (request, reply) => {
    const device = await deviceOf(request.headers.authorization, reply);
    if (!device || refuseOtherVersion(reply, request.body)) return reply;
    const parsed = parsePullRequest(request.body);
    if (!parsed.ok) return fail(reply, 400, 'The pull was not understood', parsed.issues);
    return pullChanges(sql, device.storeId, parsed.value.cursor, parsed.value.limit);
  });

  return app;
}
