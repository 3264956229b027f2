// A token bucket per client address, kept in this process's memory. With several server copies
// each has its own buckets, so the real limit is this one times the number of copies.
export interface RateLimitOptions {
  /** Attempts allowed in a burst. */
  capacity: number;
  /** Attempts given back per minute. */
  refillPerMinute: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one attempt for `key`; returns 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    const perMs = this.options.refillPerMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.options.capacity, at: now };
    const tokens = Math.min(this.options.capacity, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.ceil((1 - tokens) / perMs / 1000);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > 10_000) this.forgetFull(now, perMs);
    return 0;
  }

  // Buckets that have refilled are the same as no bucket: drop them so memory stays bounded.
  private forgetFull(now: number, perMs: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * perMs >= this.options.capacity) this.buckets.delete(key);
    }
  }
}
