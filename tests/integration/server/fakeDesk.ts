// A desk as the server sees it: enrolled with a code, holding a token, pushing outbox entries made
// exactly the way the desk makes them (newOrderRow, applyOrderEvent, outboxEntry) and pulling pages.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../../src-server/db';
import { createEnrollmentCode, createStore } from '../../../src-server/storeAdmin';
import { withCheckDigit } from '$shared/barcodes';
import { newId, orderNumber } from '$shared/ids';
import { applyOrderEvent, type OrderDetails, type Who } from '$shared/orderRow';
import type { Order, OutboxEntry, Product, StockMovement, Variant } from '$shared/records';
import {
  EnrollResponseSchema,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
  type EnrollResponse,
  type PullResponse,
  type PushResponse,
} from '$shared/syncProtocol';
import { outboxEntry } from '$db/outbox';
import { newOrderRow } from '$db/writeOrderChange';

export type Mutation = Pick<OutboxEntry, 'id' | 'kind' | 'table' | 'recordId' | 'payload'> & {
  fields?: string[];
  dependsOn?: string;
  changedBy?: string;
};

let barcodeCounter = 0;
const now = () => new Date().toISOString();

export function productRows(name = 'Blue Mug'): { product: Product; variant: Variant } {
  const at = now();
  const product: Product = {
    id: newId(),
    name,
    category: 'Kitchen',
    taxClass: 'standard',
    options: [],
    allowBackorder: false,
    active: true,
    searchWords: name.toLowerCase().split(' '),
    createdAt: at,
    updatedAt: at,
  };
  barcodeCounter += 1;
  const serial = `${Date.now() % 1_000_000}${barcodeCounter}`.padStart(8, '0').slice(-8);
  const variant: Variant = {
    id: newId(),
    productId: product.id,
    sku: `MUG-${serial}`,
    barcode: withCheckDigit(`4006${serial}`),
    attributes: {},
    price: { amount: 1250, currency: 'EUR' },
    weightGrams: 350,
    bin: 'A-03-2',
    createdAt: at,
    updatedAt: at,
  };
  return { product, variant };
}

export class FakeDesk {
  private sequence = 0;

  constructor(
    readonly app: FastifyInstance,
    readonly enrolled: EnrollResponse,
    readonly deskCode: string,
  ) {}

  get deviceId(): string {
    return this.enrolled.deviceId;
  }

  async post(url: string, body: unknown, token = this.enrolled.token) {
    return this.app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${token}` },
      payload: body as object,
    });
  }

  async push(mutations: Mutation[]): Promise<PushResponse['results']> {
    const response = await this.post('/v1/push', {
      protocolVersion: PROTOCOL_VERSION,
      deviceId: this.deviceId,
      mutations,
    });
    if (response.statusCode !== 200)
      throw new Error(`push answered ${response.statusCode}: ${response.body}`);
    // Parsed with the protocol's own schema: the answer must be what the desk's client expects.
    return PushResponseSchema.parse(response.json()).results;
  }

  async pull(cursor: number, limit?: number): Promise<PullResponse> {
    const response = await this.post('/v1/pull', { protocolVersion: PROTOCOL_VERSION, cursor, limit });
    if (response.statusCode !== 200)
      throw new Error(`pull answered ${response.statusCode}: ${response.body}`);
    return PullResponseSchema.parse(response.json());
  }

  /** Every change after `cursor`, page by page, as a desk catching up would read them. */
  async pullAll(cursor = 0, limit = 100): Promise<PullResponse['changes']> {
    const changes: PullResponse['changes'] = [];
    for (;;) {
      const page = await this.pull(cursor, limit);
      changes.push(...page.changes);
      cursor = page.cursor;
      if (!page.hasMore) return changes;
    }
  }

  put<R extends { id: string }>(table: OutboxEntry['table'], record: R, fields?: string[]): Mutation {
    return { ...outboxEntry('record.put', table, record.id, record), ...(fields ? { fields } : {}) };
  }

  newOrder(): { order: Order; mutation: Mutation } {
    this.sequence += 1;
    // Numbered with the code the server gave this desk at enrollment, as a real desk does.
    const number = orderNumber(this.enrolled.deskCode, this.sequence);
    const order = newOrderRow(
      { channel: 'phone', currency: 'EUR' },
      number,
      { deskId: this.deviceId },
      now(),
    );
    return { order, mutation: this.put('orders', order) };
  }

  /** The event as the desk would judge and queue it; throws if the desk itself would refuse it. */
  change(
    order: Order,
    event: unknown,
    who: Omit<Who, 'deskId'> = {},
    details?: OrderDetails,
  ): { order: Order; mutation: Mutation } {
    const applied = applyOrderEvent(
      order,
      { event, at: now(), ...(details ? { details } : {}) },
      { deskId: this.deviceId, ...who },
    );
    if (!applied.ok) throw new Error(`The desk refused ${JSON.stringify(event)}: ${applied.reason}`);
    return {
      order: applied.order,
      mutation: outboxEntry('order.event', 'orderEvents', applied.event.id, applied.event),
    };
  }

  movement(variantId: string, kind: StockMovement['kind'], quantity: number): Mutation {
    const movement: StockMovement = {
      id: newId(),
      variantId,
      kind,
      quantity,
      deskId: this.deviceId,
      createdAt: now(),
      ...(kind === 'adjust' ? { reason: 'Stock count' } : {}),
    };
    return outboxEntry('stock.movement', 'stockMovements', movement.id, movement);
  }
}

export async function enroll(app: FastifyInstance, code: string, deviceName: string) {
  return app.inject({ method: 'POST', url: '/v1/enroll', payload: { code, deviceName } });
}

/** A new store, or desks added to one: each desk enrolled through the real endpoint. */
export async function enrolledDesk(
  app: FastifyInstance,
  db: Database,
  deskCode: string,
  storeId?: string,
): Promise<FakeDesk> {
  const store = storeId ?? (await createStore(db, `Store of ${deskCode}`)).id;
  const { code } = await createEnrollmentCode(db, store);
  const response = await enroll(app, code, `Desk ${deskCode}`);
  if (response.statusCode !== 200)
    throw new Error(`enroll answered ${response.statusCode}: ${response.body}`);
  return new FakeDesk(app, EnrollResponseSchema.parse(response.json()), deskCode);
}
