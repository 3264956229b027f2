import { describe, expect, it } from 'vitest';
import { mergeFields } from './recordPut';

describe('mergeFields (last writer wins per field)', () => {
  const stored = { id: 'c1', name: 'Ada', phone: '555 0100', notes: 'VIP' };

  it('writes only the listed fields over the stored record', () => {
    expect(mergeFields(stored, { id: 'c1', name: 'Ada L.', phone: 'stale copy' }, ['name'])).toEqual({
      ...stored,
      name: 'Ada L.',
    });
  });

  it('removes a listed field the edit cleared', () => {
    expect(mergeFields(stored, { id: 'c1', name: 'Ada' }, ['notes'])).toEqual({
      id: 'c1',
      name: 'Ada',
      phone: '555 0100',
    });
  });

  it('counts every field carried as changed when no list is given, and keeps the others', () => {
    expect(mergeFields(stored, { id: 'c1', phone: '555 0199' }, undefined)).toEqual({
      ...stored,
      phone: '555 0199',
    });
  });

  it('takes a new record as pushed', () => {
    expect(mergeFields(undefined, stored, ['name'])).toEqual(stored);
  });
});
