// What one benchmark case is: the way the app does it, the naive way it is compared with in
// the same run, and a check that both give the same answer, so a broken query never looks fast.

export type BenchCase = {
  name: string;
  /** One call; `i` grows with every call so a case can cycle through its inputs. */
  run: (i: number) => unknown;
  /** A whole store per call: timed three times with no warm-up instead of the usual plan. */
  heavy?: boolean;
  /** Operations per call, for work too quick to time one at a time. */
  batch?: number;
  /** Reports throughput in this unit, `perOp` of them per operation (events/s, rows/s). */
  throughput?: { unit: string; perOp: number };
  baseline?: { name: string; run: (i: number) => unknown; batch?: number };
  /** Throws a sentence saying what differs when the app's answer and the baseline's disagree. */
  check?: () => Promise<void> | void;
  /** What a person should feel as instant, shown for information only: timing never fails a run. */
  target?: string;
};

/** Throws when the two id lists differ, naming the case and the first difference. */
export function sameIds(
  what: string,
  app: readonly string[],
  naive: readonly string[],
  ordered = true,
): void {
  const a = ordered ? app : [...app].sort();
  const b = ordered ? naive : [...naive].sort();
  const at = a.findIndex((id, k) => id !== b[k]);
  if (a.length !== b.length || at !== -1)
    throw new Error(
      `${what}: the app's query returned ${a.length} rows and the naive scan ${b.length}` +
        (at === -1 ? '' : `; they first differ at row ${at + 1} (${a[at]} vs ${b[at]})`) +
        '. The indexed query or its baseline is wrong; fix it before trusting the timings.',
    );
}
