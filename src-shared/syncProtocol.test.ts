import { describe, expect, it } from 'vitest';
import { newId } from './ids';
import {
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  PullResponseSchema,
  checkProtocolVersion,
  normaliseEnrollCode,
  parseEnrollRequest,
  parsePullRequest,
  isRefused,
  parsePushRequest,
} from './syncProtocol';

function mutation(overrides: Record<string, unknown> = {}) {
  const recordId = newId();
  return {
    id: newId(),
    kind: 'stock.movement',
    table: 'stockMovements',
    recordId,
    payload: { id: recordId },
    ...overrides,
  };
}

const push = (mutations: unknown[]) => ({ protocolVersion: PROTOCOL_VERSION, deviceId: newId(), mutations });

/** The refusal the parser kept for change `index`, or what went wrong if it was not kept as one. */
function refusalOf(body: unknown, index: number): string {
  const parsed = parsePushRequest(body);
  if (!parsed.ok) return `whole push refused: ${parsed.issues.join('; ')}`;
  const entry = parsed.value.mutations[index];
  return entry && isRefused(entry) ? entry.refused : 'not refused';
}

describe('push requests', () => {
  it('accepts outbox entries as the desk stores them, extra outbox fields and all', () => {
    const entry = { ...mutation(), createdAt: new Date().toISOString(), state: 'pending' };
    const parsed = parsePushRequest(push([entry]));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value.mutations[0]).not.toHaveProperty('state');
  });

  it('names the change and field that is wrong, in words, and refuses that change alone', () => {
    const body = push([mutation(), mutation({ kind: 'record.delete' })]);
    expect(refusalOf(body, 0)).toBe('not refused');
    expect(refusalOf(body, 1)).toMatch(/^This change was not understood.*Kind must be one of order\.event/);
  });

  it('refuses the whole push, naming the change, when a change has no id to answer under', () => {
    const parsed = parsePushRequest(push([mutation(), mutation({ id: 'not-an-id', kind: 'record.delete' })]));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.issues.join('\n')).toMatch(/Mutations › #2 › kind must be one of order\.event/);
  });

  it('refuses a change filed under a table that does not match its kind', () => {
    const body = push([mutation({ kind: 'order.event', table: 'stockMovements' })]);
    expect(refusalOf(body, 0)).toContain('must be orderEvents for a order.event change');
  });

  it('files an e-mail to send under emails, and nothing else there', () => {
    expect(parsePushRequest(push([mutation({ kind: 'email.send', table: 'emails' })])).ok).toBe(true);
    const misfiled = push([mutation({ kind: 'email.send', table: 'orders' })]);
    expect(refusalOf(misfiled, 0)).toContain('must be emails for a email.send change');
    expect(refusalOf(push([mutation({ kind: 'record.put', table: 'emails' })]), 0)).toMatch(/must be/);
  });

  it('accepts a new order sent as a record.put (orders are created that way)', () => {
    const recordId = newId();
    const put = mutation({ kind: 'record.put', table: 'orders', recordId, payload: { id: recordId } });
    expect(parsePushRequest(push([put])).ok).toBe(true);
  });

  it('refuses an empty push and one above the batch limit', () => {
    expect(parsePushRequest(push([])).ok).toBe(false);
    const many = Array.from({ length: MAX_PUSH_MUTATIONS + 1 }, () => mutation());
    const parsed = parsePushRequest(push(many));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.join()).toContain(`at most ${MAX_PUSH_MUTATIONS} changes per push`);
  });

  it('refuses a payload that is not a record', () => {
    expect(refusalOf(push([mutation({ payload: 'hello' })]), 0)).toContain('must be the changed record');
  });

  it('refuses, alone, a payload with a NUL, a lone surrogate, deep nesting or too many bytes', () => {
    const nul = mutation({ payload: { id: newId(), name: 'Ada\u0000' } });
    const surrogate = mutation({ payload: { id: newId(), name: 'Ada \ud800' } });
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const nested = mutation({ payload: { id: newId(), deep } });
    const huge = mutation({
      payload: {
        id: newId(),
        note: 'x'.repeat(9_000).repeat(100).slice(0, 9_999),
        more: Array.from({ length: 40 }, () => 'y'.repeat(9_000)),
      },
    });
    const body = push([mutation(), nul, surrogate, nested, huge]);
    expect(refusalOf(body, 0)).toBe('not refused');
    expect(refusalOf(body, 1)).toMatch(/name holds a NUL character/);
    expect(refusalOf(body, 2)).toMatch(/name holds a broken character \(a lone UTF-16 surrogate\)/);
    expect(refusalOf(body, 3)).toMatch(/nested more than 16 levels deep/);
    expect(refusalOf(body, 4)).toMatch(/one change may be at most 256 KB/);
  });

  it('allows a field list only on record.put', () => {
    expect(refusalOf(push([mutation({ fields: ['quantity'] })]), 0)).toMatch(/belong only to a record\.put/);
    const recordId = newId();
    const put = mutation({
      kind: 'record.put',
      table: 'customers',
      recordId,
      payload: { id: recordId, name: 'Ada' },
      fields: ['name'],
    });
    expect(parsePushRequest(push([put])).ok).toBe(true);
  });
});

describe('protocol version', () => {
  it('tells an older desk apart from a newer one and from a request without a version', () => {
    expect(checkProtocolVersion({ protocolVersion: PROTOCOL_VERSION })).toBe('current');
    expect(checkProtocolVersion({ protocolVersion: PROTOCOL_VERSION - 1 })).toBe('outdated');
    expect(checkProtocolVersion({ protocolVersion: PROTOCOL_VERSION + 1 })).toBe('newer');
    expect(checkProtocolVersion({})).toBe('missing');
    expect(checkProtocolVersion('{"protocolVersion":1}')).toBe('missing');
  });
});

describe('pull requests', () => {
  it('fills in a default page size and refuses a negative cursor', () => {
    const parsed = parsePullRequest({ protocolVersion: PROTOCOL_VERSION, cursor: 0 });
    expect(parsed.ok && parsed.value.limit).toBeGreaterThan(0);
    expect(parsePullRequest({ protocolVersion: PROTOCOL_VERSION, cursor: -1 }).ok).toBe(false);
  });

  it('reads a page of changes back the way the server writes it', () => {
    const recordId = newId();
    const page = {
      changes: [{ seq: 7, table: 'customers', recordId, op: 'put', record: { id: recordId } }],
      cursor: 7,
      hasMore: false,
    };
    expect(PullResponseSchema.parse(page)).toEqual(page);
  });
});

describe('enrollment', () => {
  it('takes a code however it was typed', () => {
    expect(normaliseEnrollCode(' abcde-fgh23 ')).toBe('ABCDEFGH23');
    const parsed = parseEnrollRequest({ code: 'abcde fgh23', deviceName: ' Bench 2 ' });
    expect(parsed).toEqual({ ok: true, value: { code: 'ABCDEFGH23', deviceName: 'Bench 2' } });
  });

  it('refuses a code with letters that are never printed (O, I, 0, 1)', () => {
    const parsed = parseEnrollRequest({ code: 'ABCDE-FGHI0', deviceName: 'Bench 2' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.issues.join()).toContain('ten-character code');
  });
});
