// A fault-injecting HTTP proxy between the desks and the real sync server, on loopback in the test's
// own process (in front of one server process, or of two on the same database, each request going
// to either, as behind a load balancer): it drops requests, drops answers after the server committed, sends a request twice,
// delays, holds one back until the next has been answered, and crashes the server in the middle of a
// batch (the server is then started again on the same database). Faults come from a script or from
// a seeded generator, so a failing seed replays the same faults.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src-server/app';
import type { Sql } from '../../../src-server/db';

export const FAULT_KINDS = [
  'dropRequest',
  'dropResponse',
  'duplicate',
  'delay',
  'reorder',
  'restart',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** mulberry32: small, fast and the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

class ServerCrashed extends Error {
  constructor() {
    super('The server process died');
  }
}

/**
 * The database as one server process sees it. Once the process has "died", every query and
 * transaction it starts fails, as they would with the process gone; `crashAfter(n)` lets n more
 * transactions commit first (a crash between pushed batches, each batch one transaction, or between
 * a push and a pull).
 */
class ProcessSql implements Sql {
  dead = false;
  private budget = Infinity;

  constructor(private readonly sql: Sql) {}

  crashAfter(transactions: number): void {
    this.budget = transactions;
  }

  query: Sql['query'] = (text, params) => {
    if (this.dead) return Promise.reject(new ServerCrashed());
    return this.sql.query(text, params);
  };

  transaction: Sql['transaction'] = (work, options) => {
    if (this.budget <= 0) this.dead = true;
    if (this.dead) return Promise.reject(new ServerCrashed());
    this.budget -= 1;
    return this.sql.transaction(work, options);
  };
}

/** The sync server as processes on one database: each restart is a new Fastify app (and port). */
export class RestartableServer {
  private app: FastifyInstance | undefined;
  private process: ProcessSql | undefined;
  url = '';
  restarts = 0;

  constructor(private readonly sql: Sql) {}

  async start(): Promise<void> {
    this.process = new ProcessSql(this.sql);
    this.app = buildServer({
      sql: this.process,
      enrollRateLimit: { capacity: 1000, refillPerMinute: 1000 },
    });
    await this.app.listen({ port: 0, host: '127.0.0.1' });
    this.url = `http://127.0.0.1:${(this.app.server.address() as AddressInfo).port}`;
  }

  get current(): ProcessSql | undefined {
    return this.process;
  }

  /** Kills the running process (whatever it was doing fails) and starts a new one. */
  async restart(): Promise<void> {
    await this.close();
    this.restarts += 1;
    await this.start();
  }

  /** A dead process's connections go with it, busy or idle (close alone waits for keep-alives). */
  async close(): Promise<void> {
    if (this.process) this.process.dead = true;
    const closing = this.app?.close();
    this.app?.server.closeAllConnections();
    await closing;
  }
}

export interface FaultRecord {
  request: number;
  kind: FaultKind;
  path: string;
  /** A held request: let go once request #n was answered, after a while with none, or on healing. */
  letGo?: number | 'timer' | 'heal';
}

export interface FaultProxyOptions {
  seed: number;
  /** Chance that a push or pull meets a fault (0 = none, until a script says otherwise). */
  rate?: number;
  kinds?: readonly FaultKind[];
}

type Forwarded = { status: number; headers: Record<string, string>; body: Buffer };

const FAULTY_PATHS = ['/v1/push', '/v1/pull'];

/** The server's path: without the /desk/CODE a desk's address starts with. */
const upstreamPath = (url: string | undefined) => (url ?? '/').replace(/^\/desk\/[^/]+/, '') || '/';

export class FaultProxy {
  /** One generator per desk (its requests come in under /desk/CODE), so which of a desk's requests
   * meets which fault does not depend on how the desks' requests interleave. */
  private readonly randoms = new Map<string, () => number>();
  rate: number;
  kinds: readonly FaultKind[];
  /** Faults for the next matching requests, in order, before any random ones. */
  readonly script: Array<{ kind: FaultKind; path?: string }> = [];
  /** Every fault met, in order (printed with the seed when a test fails). */
  readonly faults: FaultRecord[] = [];
  url = '';
  private server: Server | undefined;
  private requests = 0;
  private held: Array<(by: FaultRecord['letGo']) => void> = [];
  private readonly restarting = new Map<RestartableServer, Promise<void>>();
  private readonly upstreams: readonly RestartableServer[];
  /** Every push the server answered with its verdicts, in the order the answers came back (for
   * replaying the same work through another path). */
  readonly answeredPushes: Array<{ deviceId: string; body: unknown }> = [];

  constructor(
    upstream: RestartableServer | readonly RestartableServer[],
    readonly options: FaultProxyOptions,
  ) {
    this.upstreams = Array.isArray(upstream) ? upstream : [upstream as RestartableServer];
    this.rate = options.rate ?? 0;
    this.kinds = options.kinds ?? FAULT_KINDS;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.socket?.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Faults off (healing); anything held back is let go. */
  heal(): void {
    this.rate = 0;
    this.script.length = 0;
    this.releaseHeld();
  }

  count(kind: FaultKind): number {
    return this.faults.filter((f) => f.kind === kind).length;
  }

  describe(): string {
    const letGo = (f: FaultRecord) =>
      f.letGo === undefined
        ? ''
        : ` let go ${typeof f.letGo === 'number' ? `after #${f.letGo}` : `by ${f.letGo}`}`;
    return `seed ${this.options.seed}; faults: ${this.faults.map((f) => `#${f.request} ${f.kind} ${f.path}${letGo(f)}`).join(', ') || 'none'}`;
  }

  async close(): Promise<void> {
    this.releaseHeld();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private releaseHeld(): void {
    const held = this.held.splice(0);
    for (const release of held) release('heal');
  }

  /** The address a desk is given: its requests are told apart from other desks' by the path. */
  urlFor(desk: string): string {
    return `${this.url}/desk/${desk}`;
  }

  private randomFor(desk: string): () => number {
    let random = this.randoms.get(desk);
    if (!random) {
      let hash = this.options.seed;
      for (const char of desk) hash = Math.imul(hash ^ char.charCodeAt(0), 0x9e3779b1);
      random = seededRandom(hash);
      this.randoms.set(desk, random);
    }
    return random;
  }

  private pick(path: string, random: () => number): FaultKind | null {
    if (!FAULTY_PATHS.includes(path)) return null;
    const scripted = this.script.findIndex((s) => !s.path || s.path === path);
    if (scripted >= 0) return this.script.splice(scripted, 1)[0]!.kind;
    if (this.rate <= 0 || random() >= this.rate) return null;
    return this.kinds[Math.floor(random() * this.kinds.length)] ?? null;
  }

  /** The server process a request goes to: the one there is, or either of two (per desk, seeded;
   * with one server no number is drawn, so its seeds replay as they always did). */
  private pickUpstream(random: () => number): RestartableServer {
    if (this.upstreams.length === 1) return this.upstreams[0]!;
    return this.upstreams[Math.floor(random() * this.upstreams.length)]!;
  }

  private async forward(upstream: RestartableServer, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
    // A request that comes in while its server restarts waits for it, as behind a load balancer.
    await this.restarting.get(upstream);
    const response = await fetch(`${upstream.url}${upstreamPath(req.url)}`, {
      method: req.method,
      headers: {
        ...(req.headers['content-type'] ? { 'content-type': req.headers['content-type'] } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      },
      ...(req.method === 'GET' || req.method === 'HEAD' ? {} : { body: new Uint8Array(body) }),
    });
    if (response.status === 200 && upstreamPath(req.url).startsWith('/v1/push')) {
      const sent = JSON.parse(body.toString('utf8')) as { deviceId: string };
      this.answeredPushes.push({ deviceId: sent.deviceId, body: sent });
    }
    const headers: Record<string, string> = {};
    const type = response.headers.get('content-type');
    if (type) headers['content-type'] = type;
    return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  private answer(res: ServerResponse, forwarded: Forwarded): void {
    res.writeHead(forwarded.status, forwarded.headers);
    res.end(forwarded.body);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk as Uint8Array);
    const body = Buffer.concat(chunks);
    const desk = /^\/desk\/([^/]+)/.exec(req.url ?? '')?.[1] ?? '';
    const path = new URL(upstreamPath(req.url), 'http://proxy').pathname;
    const random = this.randomFor(desk);
    this.requests += 1;
    const request = this.requests;
    const kind = this.pick(path, random);
    const upstream = this.pickUpstream(random);
    const fault: FaultRecord | undefined = kind
      ? { request, kind, path: desk ? `${desk} ${path}` : path }
      : undefined;
    if (fault) this.faults.push(fault);
    // A request that passes lets go of one held back before it: the two arrive out of order.
    const releaseEarlier = () => {
      const earlier = this.held.shift();
      earlier?.(request);
    };

    switch (kind) {
      case null: {
        const forwarded = await this.forward(upstream, req, body).finally(releaseEarlier);
        return this.answer(res, forwarded);
      }
      case 'dropRequest':
        res.socket?.destroy();
        return;
      case 'dropResponse':
        // The server has done the work (and committed) by the time its answer is thrown away.
        await this.forward(upstream, req, body);
        res.socket?.destroy();
        return;
      case 'duplicate': {
        const [first] = await Promise.all([
          this.forward(upstream, req, body),
          this.forward(upstream, req, body),
        ]);
        return this.answer(res, first);
      }
      case 'delay':
        await sleep(5 + Math.floor(random() * 60));
        return this.answer(res, await this.forward(upstream, req, body));
      case 'reorder': {
        // Held until the next request has been answered, or a while when none comes.
        await new Promise<void>((resolve) => {
          const release = (by: FaultRecord['letGo']) => {
            fault!.letGo ??= by;
            resolve();
          };
          this.held.push(release);
          setTimeout(() => {
            this.held = this.held.filter((r) => r !== release);
            release('timer');
          }, 150);
        });
        return this.answer(res, await this.forward(upstream, req, body));
      }
      case 'restart': {
        // The process dies after committing some of this batch's changes; its answer never leaves.
        upstream.current?.crashAfter(Math.floor(random() * 3));
        await this.forward(upstream, req, body).catch(() => undefined);
        res.socket?.destroy();
        let restarting = this.restarting.get(upstream);
        if (!restarting) {
          restarting = upstream.restart().finally(() => this.restarting.delete(upstream));
          this.restarting.set(upstream, restarting);
        }
        await restarting;
        return;
      }
    }
  }
}
