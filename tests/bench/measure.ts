// Times one benchmark case: a few warm-up calls, then repeated calls until the iteration count
// or the time budget runs out, summarised as median, p95, operations per second and heap used.

export type Stats = {
  iterations: number;
  medianMs: number;
  p95Ms: number;
  opsPerSec: number;
  heapUsedMb: number;
};

export type MeasureOptions = {
  /** Calls to time, at most. */
  iterations: number;
  /** Stop early once this much time was spent timing, if at least `minIterations` were done. */
  budgetMs: number;
  minIterations: number;
  /** Untimed calls first, so the JIT and any lazy setup do not count against the first sample. */
  warmup: number;
};

/** Nearest-rank percentile of samples sorted ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * Calls `fn(i)` with a growing `i`, so a case can cycle through its inputs. A call that runs
 * `batch` operations (for work too quick for the timer) is reported per operation.
 */
export async function measure(
  fn: (i: number) => unknown,
  options: MeasureOptions,
  batch = 1,
): Promise<Stats> {
  let i = 0;
  for (let w = 0; w < options.warmup; w++) await fn(i++);
  const samples: number[] = [];
  let spent = 0;
  while (
    samples.length < options.iterations &&
    (spent < options.budgetMs || samples.length < options.minIterations)
  ) {
    const start = performance.now();
    await fn(i++);
    const ms = (performance.now() - start) / batch;
    samples.push(ms);
    spent += ms * batch;
  }
  samples.sort((a, b) => a - b);
  const medianMs = percentile(samples, 50);
  return {
    iterations: samples.length,
    medianMs,
    p95Ms: percentile(samples, 95),
    opsPerSec: 1000 / medianMs,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
  };
}
