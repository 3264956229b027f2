import { describe, expect, it } from 'vitest';
import { money } from '$shared/money';
import {
  age,
  clock,
  count,
  day,
  minor,
  priceRange,
  setDateFormat,
  signedMoney,
  storeToday,
  when,
} from './format';

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

  it('signs a difference of money, with a true minus, and none on zero', () => {
    expect(signedMoney({ amount: 250, currency: 'GBP' })).toBe('+£2.50');
    expect(signedMoney({ amount: -50, currency: 'GBP' })).toBe('−£0.50');
    expect(signedMoney({ amount: 0, currency: 'EUR' })).toBe('€0.00');
  });

  it('shows dates in the store’s locale and time zone, and a calendar date as that same day', () => {
    setDateFormat('en-GB', 'Pacific/Auckland');
    // 11:30 UTC on 14 March is 00:30 on the 15th in Auckland.
    expect(day('2026-03-14T11:30:00Z')).toBe('15 Mar 2026');
    expect(when('2026-03-14T11:30:00Z')).toBe('15 Mar 2026, 00:30');
    expect(clock('2026-03-14T11:30:00Z')).toBe('00:30');
    expect(count(12345)).toBe('12,345');
    expect(day('2026-03-17')).toBe('17 Mar 2026');
    setDateFormat('en-US', 'America/New_York');
    expect(day('2026-03-17')).toBe('Mar 17, 2026');
    setDateFormat('de-DE', 'Europe/Berlin');
    expect(count(12345)).toBe('12.345');
    setDateFormat('en-US', 'America/New_York');
    expect(day('2026-03-14T03:00:00Z')).toBe('Mar 13, 2026');
    expect(clock('2026-03-14T03:00:00Z')).toBe('11:00 PM'); // EDT, UTC−4
  });

  it('counts today in the store’s time zone, not UTC', () => {
    const lateEvening = Date.parse('2026-03-14T23:30:00Z');
    setDateFormat('en-NZ', 'Pacific/Auckland');
    expect(storeToday(lateEvening)).toBe('2026-03-15');
    setDateFormat('en-US', 'America/New_York');
    expect(storeToday(Date.parse('2026-03-15T03:00:00Z'))).toBe('2026-03-14');
    setDateFormat('en-GB', 'UTC');
    expect(storeToday(lateEvening)).toBe('2026-03-14');
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
