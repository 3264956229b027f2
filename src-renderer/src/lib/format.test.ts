import { describe, expect, it } from 'vitest';
import { money } from '../../../src-shared/money';
import { minor, priceRange } from './format';

describe('on-screen formats', () => {
  it('shows one price when variants agree and a range when they differ', () => {
    expect(priceRange([money(1299, 'GBP'), money(1299, 'GBP')])).toBe('£12.99');
    expect(priceRange([money(2499, 'GBP'), money(1299, 'GBP')])).toBe('£12.99 – £24.99');
    expect(priceRange([])).toBe('—');
  });

  it('formats minor units in the currency’s own decimals', () => {
    expect(minor(123450, 'GBP')).toBe('£1,234.50');
    expect(minor(500, 'JPY')).toBe('¥500');
  });
});
