import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimit';

describe('RateLimiter', () => {
  it('allows a burst, then asks to wait until an attempt has refilled', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 2, refillPerMinute: 6 }, () => now);
    expect([limiter.take('10.0.0.1'), limiter.take('10.0.0.1')]).toEqual([0, 0]);
    expect(limiter.take('10.0.0.1')).toBe(10);
    now += 10_000;
    expect(limiter.take('10.0.0.1')).toBe(0);
  });

  it('keeps one address’s attempts from using up another’s', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerMinute: 1 }, () => 0);
    expect(limiter.take('10.0.0.1')).toBe(0);
    expect(limiter.take('10.0.0.1')).toBeGreaterThan(0);
    expect(limiter.take('10.0.0.2')).toBe(0);
  });
});
