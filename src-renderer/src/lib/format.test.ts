import { describe, expect, it } from 'vitest';
import { money } from '../../../src-shared/money';
import { age, minor, priceRange } from './format';

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

describe('age', () => {
  it('says how long ago as a seller would', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(age('2026-12-07T11:59:40Z', now)).toBe('just now');
    expect(age('2026-12-07T11:48:00Z', now)).toBe('12 min ago');
    expect(age('2026-12-07T09:00:00Z', now)).toBe('3 h ago');
    expect(age('2026-12-05T09:00:00Z', now)).toBe('2 days ago');
  });
});
