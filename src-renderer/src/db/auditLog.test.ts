// The audit log keeps validated entries and lists them newest first, filtered by kind, person and time.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '$shared/ids';
import { ValidationError } from '$shared/validation';
import { auditedBy, listAudit, recordAudit } from './auditLog';
import { OrderlineDb } from './database';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

const sam = newId();
const mia = newId();

describe('the audit log', () => {
  it('lists entries newest first and filters by kind, person and time', async () => {
    await recordAudit(db, {
      kind: 'sign_in',
      deskId: 'D1',
      staffId: sam,
      staffName: 'Sam',
      summary: 'Sam signed in',
      at: '2026-11-23T09:00:00.000Z',
    });
    await recordAudit(db, {
      kind: 'refund',
      deskId: 'D1',
      staffId: sam,
      staffName: 'Sam',
      approvedById: mia,
      approvedByName: 'Mia',
      summary: 'Refunded £5.00 in cash: damaged',
      at: '2026-11-23T10:00:00.000Z',
    });
    await recordAudit(db, {
      kind: 'sign_in',
      deskId: 'D1',
      staffId: mia,
      staffName: 'Mia',
      summary: 'Mia signed in',
      at: '2026-11-23T11:00:00.000Z',
    });

    expect((await listAudit(db)).map((e) => e.summary)).toEqual([
      'Mia signed in',
      'Refunded £5.00 in cash: damaged',
      'Sam signed in',
    ]);
    expect((await listAudit(db, { kind: 'sign_in' })).map((e) => e.staffName)).toEqual(['Mia', 'Sam']);
    expect((await listAudit(db, { staffId: sam })).map((e) => e.kind)).toEqual(['refund', 'sign_in']);
    const morning = await listAudit(db, { from: '2026-11-23T09:30:00.000Z', to: '2026-11-23T10:30:00.000Z' });
    expect(morning.map((e) => e.approvedByName)).toEqual(['Mia']);
  });

  it('refuses an entry without a summary and writes nothing', async () => {
    await expect(recordAudit(db, { kind: 'refund', deskId: 'D1', summary: '  ' })).rejects.toThrow(
      ValidationError,
    );
    expect(await db.auditLog.count()).toBe(0);
  });
});

describe('auditedBy', () => {
  it('names the desk, the person and the approving manager, and leaves out what is unknown', () => {
    expect(auditedBy({ deskId: 'D1' })).toEqual({ deskId: 'D1' });
    expect(auditedBy({ deskId: 'D1', staffId: sam, staffName: 'Sam' }, null)).toEqual({
      deskId: 'D1',
      staffId: sam,
      staffName: 'Sam',
    });
    expect(
      auditedBy({ deskId: 'D1', staffId: sam, staffName: 'Sam' }, { staffId: mia, staffName: 'Mia' }),
    ).toEqual({
      deskId: 'D1',
      staffId: sam,
      staffName: 'Sam',
      approvedById: mia,
      approvedByName: 'Mia',
    });
  });
});
