// The sync server's HTTP face: health and readiness, enrollment, push and pull, setting a store up
// from its first desk, and the stream that tells desks their store changed. It keeps no state
// between requests except the enrollment rate limit and the open streams, so many copies can serve
// one database (they hear each other's commits through LISTEN/NOTIFY, see storeEvents.ts).
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  CreateStoreRequestSchema,
  OUTDATED_CLIENT_MESSAGE,
  checkProtocolVersion,
  parseEnrollRequest,
  parsePullRequest,
  parsePushRequest,
  type ErrorResponse,
} from '../src-shared/syncProtocol';
import { applyPush } from './applyPush';
import { pullChanges } from './changeLog';
import type { Database, Sql } from './db';
import { authenticate, enrollDevice, type Device } from './deviceAuth';
import { DEFAULT_BROWSER_ORIGINS, originChecker } from './origins';
import { RateLimiter, type RateLimitOptions } from './rateLimit';
import { StoreEvents } from './storeEvents';
import { feedbackLinkFrom } from './feedbackRequests';
import { registerFeedbackRoutes } from './feedbackRoutes';
import { claimStoreCreation, storeStatus } from './storeSetup';

export interface ServerOptions {
  /** With `listen` (a Database), copies over one database hear each other's changes. */
  sql: Sql & Partial<Pick<Database, 'listen'>>;
  /** Browser origins allowed besides the desktop app's own (default: this machine's loopback). */
  allowedOrigins?: readonly string[];
  /** Serve https with this certificate and key (PEM); without them, plain http (behind a TLS proxy). */
  https?: { key: string | Buffer; cert: string | Buffer };
  /** How often an idle event stream gets a keep-alive comment (default 20 s), so proxies keep it. */
  keepAliveMs?: number;
  logger?: FastifyServerOptions['logger'];
  /** Largest push body in bytes (default 1 MiB). */
  pushBodyLimit?: number;
  /** Per client address, per server copy (default: a burst of 5, then 5 a minute). */
  enrollRateLimit?: RateLimitOptions;
  /** Behind a load balancer, trust X-Forwarded-For so each desk is limited by its own address. */
  trustProxy?: boolean;
  /** The address customers reach this server at (ORDERLINE_PUBLIC_URL), for feedback links; read
   * when a link is made, so a server on a port chosen at start can name itself. None: no requests. */
  publicUrl?: () => string | undefined;
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
    ...(options.https ? { https: options.https } : {}),
  }) as unknown as FastifyInstance;
  const enrollLimiter = new RateLimiter(options.enrollRateLimit ?? { capacity: 5, refillPerMinute: 5 });
  const events = new StoreEvents(sql);
  const streams = new Set<() => void>();
  app.addHook('onReady', () => events.start());
  // Open event streams would keep close() waiting for ever: end them first.
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
  app.addHook('onClose', () => events.stop());

  const allowedOrigin = originChecker(options.allowedOrigins ?? DEFAULT_BROWSER_ORIGINS);
  // A browser sends Origin; a desk's page from another site is refused here as well as by CORS.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    // The customer's feedback page posts to itself from the server's own address; its link token
    // is its key, so it is not held to the desks' origins.
    const feedbackPage = request.url.startsWith('/feedback/');
    if (origin !== undefined && !allowedOrigin(origin) && request.method !== 'OPTIONS' && !feedbackPage) {
      request.log.warn({ origin }, 'origin refused');
      return fail(
        reply,
        403,
        `This server does not accept requests from ${origin}; add it to ORDERLINE_ALLOWED_ORIGINS on the server`,
      );
    }
  });
  void app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigin(origin)),
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    // Bearer tokens, never cookies: no browser credentials are ever sent or accepted.
    credentials: false,
    maxAge: 600,
  });

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

  const feedbackLink = options.publicUrl ? feedbackLinkFrom(options.publicUrl) : undefined;
  registerFeedbackRoutes(app, sql, (storeId) => events.announce(storeId));

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
    const results = await applyPush(sql, device, parsed.value.mutations, { feedbackLink });
    const count = (status: string) => results.filter((r) => r.status === status).length;
    // After the commits: the other desks pull at once instead of at their next poll.
    if (count('applied') > 0) {
      await events.announce(device.storeId).catch((error: unknown) => {
        request.log.warn({ err: error }, 'could not announce the change; desks will poll');
      });
    }
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

  app.get('/v1/store', async (request, reply) => {
    const device = await deviceOf(request.headers.authorization, reply);
    if (!device) return reply;
    return storeStatus(sql, device);
  });

  app.post('/v1/store/create', async (request, reply) => {
    const device = await deviceOf(request.headers.authorization, reply);
    if (!device || refuseOtherVersion(reply, request.body)) return reply;
    const parsed = CreateStoreRequestSchema.safeParse(request.body);
    if (!parsed.success) return fail(reply, 400, 'The request to create the store was not understood');
    const outcome = await claimStoreCreation(sql, device, parsed.data.orderPrefixes);
    if (!outcome.ok) return fail(reply, 409, outcome.reason);
    request.log.info({ deviceId: device.id, storeId: device.storeId }, 'store created from a desk');
    return { ok: true };
  });

  // Server-Sent Events: "change" whenever the store's log grows, so the desk pulls at once. Read
  // with fetch (EventSource cannot send the Authorization header).
  app.get('/v1/events', async (request, reply) => {
    const device = await deviceOf(request.headers.authorization, reply);
    if (!device) return reply;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.write('retry: 2000\nevent: ready\ndata: {}\n\n');
    const unsubscribe = events.subscribe(device.storeId, () => raw.write('event: change\ndata: {}\n\n'));
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), options.keepAliveMs ?? 20_000);
    const end = () => {
      clearInterval(keepAlive);
      unsubscribe();
      streams.delete(end);
      if (!raw.writableEnded) raw.end();
    };
    streams.add(end);
    request.raw.on('close', end);
  });

  return app;
}
