// The packaged-app smoke test's switch: `--orderline-smoke-test=<folder>` starts Orderline with its
// profile in that folder (never the desk's real data) and prints one ready line on stdout once the
// window has loaded, which tests/smoke/packaged.spec.ts waits for.
import { isAbsolute } from 'node:path';

export const SMOKE_TEST_SWITCH = '--orderline-smoke-test';
export const SMOKE_READY_LINE = 'ORDERLINE_SMOKE_READY';

/** The smoke test's profile folder, or null when Orderline was started normally. */
export function smokeTestProfile(argv: readonly string[]): string | null {
  const prefix = `${SMOKE_TEST_SWITCH}=`;
  const value = argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  if (value === undefined) return null;
  if (!isAbsolute(value)) {
    throw new Error(`${SMOKE_TEST_SWITCH} needs an absolute folder for the test profile, not "${value}"`);
  }
  return value;
}
