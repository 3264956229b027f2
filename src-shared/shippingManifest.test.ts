// Manifest days are the desk's local calendar days.
import { describe, expect, it } from 'vitest';
import { dayOf, dayRange } from './shippingManifest';

describe('manifest days', () => {
  it('bounds a local day from its midnight to the next', () => {
    const { from, to } = dayRange('2026-11-23');
    expect(from).toBe(new Date(2026, 10, 23).toISOString());
    expect(to).toBe(new Date(2026, 10, 24).toISOString());
    expect(dayOf(new Date(2026, 10, 23, 23, 59))).toBe('2026-11-23');
    expect(dayOf(new Date(2026, 10, 24, 0, 0).toISOString())).toBe('2026-11-24');
  });

  it('refuses a day that is not written as one or not in the calendar', () => {
    expect(() => dayRange('23/11/2026')).toThrow('give it as year-month-day');
    expect(() => dayRange('2026-02-29')).toThrow('2026-02-29 is not a date in the calendar');
  });
});
