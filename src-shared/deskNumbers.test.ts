import { describe, expect, it } from 'vitest';
import { lastNumbersIn } from './deskNumbers';

const order = (number: string, formerNumbers?: string[]) => ({
  table: 'orders',
  record: { number, ...(formerNumbers ? { formerNumbers } : {}) },
});
const quote = (number: string) => ({ table: 'quotes', record: { number } });

describe('the last numbers of a desk’s series', () => {
  it('takes the highest order and quote number carrying this desk’s code', () => {
    const last = lastNumbersIn(
      [order('D2-000007'), order('D2-000041'), order('D2-000012'), quote('Q2-000003'), quote('Q2-000001')],
      'D2',
    );
    expect(last).toEqual({ orders: 41, quotes: 3 });
  });

  it('never counts another desk’s numbers, even one whose code starts alike', () => {
    const last = lastNumbersIn(
      [order('D2-000099'), order('D12-000050'), quote('Q12-000009'), order('D1-000004')],
      'D1',
    );
    expect(last).toEqual({ orders: 4, quotes: 0 });
  });

  it('counts the number a renumbered order was first given', () => {
    expect(lastNumbersIn([order('D1-000030', ['D1-000044'])], 'D1').orders).toBe(44);
  });

  it('reads nothing from records without a number, or another table’s', () => {
    const last = lastNumbersIn(
      [
        { table: 'customers', record: { number: 'D1-000500' } },
        { table: 'orders', record: null },
        { table: 'orders', record: { number: 42 } },
      ],
      'D1',
    );
    expect(last).toEqual({ orders: 0, quotes: 0 });
  });
});
