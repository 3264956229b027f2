import { describe, expect, it } from 'vitest';
import { smokeTestProfile } from './smokeTest';

describe('smokeTestProfile', () => {
  it('is null for a normal start', () => {
    expect(smokeTestProfile(['/opt/Orderline/orderline', '--no-sandbox'])).toBeNull();
  });

  it('takes the test profile folder from the switch', () => {
    expect(smokeTestProfile(['orderline', '--orderline-smoke-test=/tmp/smoke-profile'])).toBe(
      '/tmp/smoke-profile',
    );
  });

  it('refuses a relative folder rather than write a profile somewhere unexpected', () => {
    expect(() => smokeTestProfile(['orderline', '--orderline-smoke-test=profile'])).toThrow(
      'needs an absolute folder',
    );
  });
});
