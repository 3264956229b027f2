import { describe, expect, it } from 'vitest';
import { atDesk, deskName } from './deskDirectory';

const desks = [
  { id: '0193a000-0000-7000-8000-00000000d001', code: 'D1', name: 'Front till' },
  { id: '0193a000-0000-7000-8000-00000000d002', code: 'D2', name: 'D2' },
];

describe('naming a desk for people', () => {
  it('names a known desk by its code and name, never its id', () => {
    expect(atDesk('0193a000-0000-7000-8000-00000000d001', desks)).toBe('at desk D1 (Front till)');
    expect(deskName('0193a000-0000-7000-8000-00000000d002', desks)).toBe('D2');
  });

  it('says “another desk” for a device id it has not heard of, and keeps a plain desk code', () => {
    expect(atDesk('0193a000-0000-7000-8000-00000000dfff', desks)).toBe('at another desk');
    expect(atDesk('D7', desks)).toBe('at desk D7');
  });
});
