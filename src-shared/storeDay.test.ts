import { describe, expect, it } from 'vitest';
import { addCalendarDays, isTimeZone, storeDay } from './storeDay';

describe('storeDay', () => {
  it('gives the store’s date, not UTC’s, just after midnight in the store', () => {
    // 23:30 UTC on 14 July is 00:30 on the 15th in London (BST, UTC+1).
    expect(storeDay('2026-07-14T23:30:00Z', 'Europe/London')).toBe('2026-07-15');
    expect(storeDay('2026-07-14T23:30:00Z', 'UTC')).toBe('2026-07-14');
    // Still the 14th in New York (EDT, UTC−4) until 04:00 UTC on the 15th.
    expect(storeDay('2026-07-15T03:59:59Z', 'America/New_York')).toBe('2026-07-14');
    expect(storeDay('2026-07-15T04:00:00Z', 'America/New_York')).toBe('2026-07-15');
  });

  it('is right on both sides of the spring-forward change (London, 29 March 2026)', () => {
    // Before the change London is UTC+0: midnight is 00:00 UTC.
    expect(storeDay('2026-03-28T23:59:59Z', 'Europe/London')).toBe('2026-03-28');
    expect(storeDay('2026-03-29T00:00:00Z', 'Europe/London')).toBe('2026-03-29');
    // After 01:00 UTC clocks say 02:00; the day ends at 23:00 UTC.
    expect(storeDay('2026-03-29T22:59:59Z', 'Europe/London')).toBe('2026-03-29');
    expect(storeDay('2026-03-29T23:00:00Z', 'Europe/London')).toBe('2026-03-30');
  });

  it('is right on both sides of the fall-back change (London, 25 October 2026)', () => {
    // The night of the change the 25th starts at 23:00 UTC on the 24th (still BST).
    expect(storeDay('2026-10-24T22:59:59Z', 'Europe/London')).toBe('2026-10-24');
    expect(storeDay('2026-10-24T23:00:00Z', 'Europe/London')).toBe('2026-10-25');
    // 01:30 local happens twice; both are the 25th. The 25th ends at 00:00 UTC on the 26th.
    expect(storeDay('2026-10-25T00:30:00Z', 'Europe/London')).toBe('2026-10-25');
    expect(storeDay('2026-10-25T01:30:00Z', 'Europe/London')).toBe('2026-10-25');
    expect(storeDay('2026-10-25T23:59:59Z', 'Europe/London')).toBe('2026-10-25');
    expect(storeDay('2026-10-26T00:00:00Z', 'Europe/London')).toBe('2026-10-26');
  });

  it('handles the US changes (New York, 8 March and 1 November 2026)', () => {
    expect(storeDay('2026-03-08T04:59:59Z', 'America/New_York')).toBe('2026-03-07');
    expect(storeDay('2026-03-08T05:00:00Z', 'America/New_York')).toBe('2026-03-08');
    expect(storeDay('2026-03-09T03:59:59Z', 'America/New_York')).toBe('2026-03-08');
    expect(storeDay('2026-11-02T04:59:59Z', 'America/New_York')).toBe('2026-11-01');
    expect(storeDay('2026-11-02T05:00:00Z', 'America/New_York')).toBe('2026-11-02');
  });

  it('handles southern-hemisphere and half-hour zones', () => {
    // Sydney leaves daylight saving on 5 April 2026 (UTC+11 → UTC+10).
    expect(storeDay('2026-04-04T12:59:59Z', 'Australia/Sydney')).toBe('2026-04-04');
    expect(storeDay('2026-04-04T13:00:00Z', 'Australia/Sydney')).toBe('2026-04-05');
    expect(storeDay('2026-04-05T13:59:59Z', 'Australia/Sydney')).toBe('2026-04-05');
    expect(storeDay('2026-04-05T14:00:00Z', 'Australia/Sydney')).toBe('2026-04-06');
    expect(storeDay('2026-01-01T18:29:59Z', 'Asia/Kolkata')).toBe('2026-01-01');
    expect(storeDay('2026-01-01T18:30:00Z', 'Asia/Kolkata')).toBe('2026-01-02');
  });

  it('refuses an unknown time zone or a date that is not one, with a sentence', () => {
    expect(() => storeDay(new Date(), 'Mars/Olympus')).toThrow('“Mars/Olympus” is not a time zone');
    expect(() => storeDay('yesterday', 'UTC')).toThrow('“yesterday” is not a date and time');
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('')).toBe(false);
  });

  it('adds calendar days across month ends and leap days', () => {
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
