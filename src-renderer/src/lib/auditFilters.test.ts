// The audit log's filters: local days become inclusive ISO bounds, a backwards range is refused
// with a sentence, and blank filters mean "everything".
import { describe, expect, it } from 'vitest';
import { auditFilterFrom } from './auditFilters';

describe('auditFilterFrom', () => {
  it('turns blank filters into no filter at all', () => {
    expect(auditFilterFrom({ kind: '', staffId: '', fromDay: '', toDay: '' })).toEqual({
      ok: true,
      filter: {},
    });
  });

  it('covers whole local days, both ends included', () => {
    const result = auditFilterFrom({
      kind: 'refund',
      staffId: 's1',
      fromDay: '2026-11-20',
      toDay: '2026-11-23',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.filter.kind).toBe('refund');
    expect(result.filter.staffId).toBe('s1');
    expect(new Date(result.filter.from!).getTime()).toBe(new Date(2026, 10, 20).getTime());
    expect(new Date(result.filter.to!).getTime()).toBe(new Date(2026, 10, 24).getTime() - 1);
  });

  it('refuses a From date after the To date, and an unknown kind means every kind', () => {
    expect(auditFilterFrom({ kind: '', staffId: '', fromDay: '2026-11-24', toDay: '2026-11-23' })).toEqual({
      ok: false,
      message: 'The From date is after the To date; swap them to see that range',
    });
    expect(auditFilterFrom({ kind: 'nonsense', staffId: '', fromDay: '', toDay: '' })).toEqual({
      ok: true,
      filter: {},
    });
  });
});
