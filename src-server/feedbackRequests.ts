// After delivery the server asks the customer for feedback: a link with a random per-order token
// (only its SHA-256 is stored) is e-mailed through the store's e-mail outbox, and answering it once
// records the feedback as a synced record every desk pulls.
import { randomBytes } from 'node:crypto';
import { emailedFeedbackId, type Feedback, type FeedbackAnswer } from '../src-shared/feedback';
import { newId } from '../src-shared/ids';
import { escapeHtml } from '../src-shared/receiptEmail';
import type { Customer, Order } from '../src-shared/records';
import { readStoreProfile, STORE_PROFILE_KEY } from '../src-shared/storeProfile';
import { withStoreLog } from './changeLog';
import type { Sql } from './db';
import type { Device } from './deviceAuth';
import { hashSecret } from './secrets';

/** Where customers reach this server's feedback page (the public address + /feedback/<token>). */
export type FeedbackLink = (token: string) => string | null;

export function feedbackLinkFrom(base: () => string | undefined): FeedbackLink {
  return (token) => {
    const root = base()?.replace(/\/+$/, '');
    return root ? `${root}/feedback/${token}` : null;
  };
}

async function storeName(tx: Sql, storeId: string): Promise<string> {
  const [row] = await tx.query<{ value: unknown }>(
    `SELECT data->'value' AS value FROM records
      WHERE store_id = $1 AND table_name = 'settings' AND data->>'key' = $2`,
    [storeId, STORE_PROFILE_KEY],
  );
  if (row?.value) return readStoreProfile(row.value).name;
  // A store whose desks never named it in Settings: the name it was created with on the server.
  const [store] = await tx.query<{ name: string }>('SELECT name FROM stores WHERE id = $1', [storeId]);
  return store?.name ?? readStoreProfile(undefined).name;
}

export function feedbackEmail(
  order: Pick<Order, 'number'>,
  customerName: string,
  store: string,
  link: string,
) {
  const subject = `How did we do with order ${order.number}?`;
  const text = [
    `Dear ${customerName},`,
    '',
    `Your order ${order.number} from ${store} has been delivered. Would you tell us how we did?`,
    'Three quick questions: how satisfied you are, how likely you are to recommend us, and anything you would like to say.',
    '',
    link,
    '',
    'The link works once. Thank you!',
  ].join('\n');
  const html = `<p>Dear ${escapeHtml(customerName)},</p><p>Your order ${escapeHtml(order.number)} from ${escapeHtml(store)} has been delivered. Would you tell us how we did?</p><p><a href="${escapeHtml(link)}">Answer three quick questions</a></p><p>The link works once. Thank you!</p>`;
  return { subject, text, html };
}

/** Queues the feedback request when this change delivered the order and its customer has an e-mail. */
export async function requestFeedback(
  tx: Sql,
  device: Device,
  before: Order,
  after: Order,
  link: FeedbackLink | undefined,
): Promise<void> {
  if (!link || before.status === 'delivered' || after.status !== 'delivered' || !after.customerId) return;
  const [row] = await tx.query<{ data: Customer }>(
    `SELECT data FROM records WHERE store_id = $1 AND table_name = 'customers' AND id = $2`,
    [device.storeId, after.customerId],
  );
  const email = row?.data.email;
  if (!email) return;
  const token = randomBytes(24).toString('base64url');
  const url = link(token);
  if (!url) return;
  const created = await tx.query(
    `INSERT INTO feedback_requests (store_id, order_id, token_hash) VALUES ($1, $2, $3)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [device.storeId, after.id, hashSecret(token)],
  );
  if (!created.length) return;
  const name = row.data.name;
  const message = {
    id: newId(),
    kind: 'feedback' as const,
    orderId: after.id,
    orderNumber: after.number,
    to: email,
    toName: name,
    ...feedbackEmail(after, name, await storeName(tx, device.storeId), url),
    createdAt: new Date().toISOString(),
  };
  await tx.query(
    `INSERT INTO emails (store_id, id, device_id, kind, order_id, recipient, subject, message)
     VALUES ($1, $2, $3, 'feedback', $4, $5, $6, $7::jsonb)`,
    [device.storeId, message.id, device.id, after.id, email, message.subject, JSON.stringify(message)],
  );
}

export type OpenRequest =
  | { state: 'open'; storeId: string; order: Order; store: string }
  | { state: 'answered' }
  | { state: 'unknown' };

/** The request a link's token opens, without using it up. */
export async function openFeedbackRequest(sql: Sql, token: string): Promise<OpenRequest> {
  const [row] = await sql.query<{ store_id: string; answered: boolean; data: Order }>(
    `SELECT r.store_id::text AS store_id, r.answered_at IS NOT NULL AS answered, o.data
       FROM feedback_requests r JOIN orders o ON o.store_id = r.store_id AND o.id = r.order_id
      WHERE r.token_hash = $1`,
    [hashSecret(token)],
  );
  if (!row) return { state: 'unknown' };
  if (row.answered) return { state: 'answered' };
  return { state: 'open', storeId: row.store_id, order: row.data, store: await storeName(sql, row.store_id) };
}

/** Records the answer and uses the link up, in one transaction; a second answer finds it used. */
export async function answerFeedbackRequest(
  sql: Sql,
  token: string,
  answer: FeedbackAnswer,
): Promise<{ ok: true; storeId: string } | { ok: false; state: 'answered' | 'unknown' }> {
  const [request] = await sql.query<{ store_id: string; order_id: string }>(
    `SELECT store_id::text AS store_id, order_id::text AS order_id FROM feedback_requests WHERE token_hash = $1`,
    [hashSecret(token)],
  );
  if (!request) return { ok: false, state: 'unknown' };
  return withStoreLog(sql, request.store_id, async (tx, log) => {
    // Used up here, under the row's lock: of two answers at once, the second finds it answered.
    const used = await tx.query(
      `UPDATE feedback_requests SET answered_at = now()
        WHERE token_hash = $1 AND answered_at IS NULL RETURNING 1`,
      [hashSecret(token)],
    );
    if (!used.length) return { ok: false, state: 'answered' };
    const [order] = await tx.query<{ data: Order }>(
      'SELECT data FROM orders WHERE store_id = $1 AND id = $2',
      [request.store_id, request.order_id],
    );
    if (!order) return { ok: false, state: 'unknown' };
    const o = order.data;
    const feedback: Feedback = {
      id: emailedFeedbackId(o.id),
      orderId: o.id,
      orderNumber: o.number,
      ...(o.customerId ? { customerId: o.customerId } : {}),
      ...(o.customerName ? { customerName: o.customerName } : {}),
      ...answer,
      source: 'email',
      createdAt: new Date().toISOString(),
    };
    await log.reserve(1);
    const seq = log.nextSeq;
    await tx.query(
      `INSERT INTO records (store_id, table_name, id, data, field_seqs, updated_seq)
       VALUES ($1, 'feedback', $2, $3::jsonb, $4::jsonb, $5)
       ON CONFLICT (store_id, table_name, id) DO NOTHING`,
      [
        request.store_id,
        feedback.id,
        JSON.stringify(feedback),
        JSON.stringify(Object.fromEntries(Object.keys(feedback).map((f) => [f, seq]))),
        seq,
      ],
    );
    await log.append('feedback', feedback.id, feedback);
    return { ok: true, storeId: request.store_id };
  });
}
