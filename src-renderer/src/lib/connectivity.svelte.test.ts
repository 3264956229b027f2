import { describe, expect, it } from 'vitest';
import { Connectivity } from './connectivity.svelte';

describe('Connectivity', () => {
  it('flips with online and offline events and stops listening when told', () => {
    const target = new EventTarget() as unknown as Window;
    const connectivity = new Connectivity(true);
    const stop = connectivity.follow(target);
    target.dispatchEvent(new Event('offline'));
    expect(connectivity.online).toBe(false);
    target.dispatchEvent(new Event('online'));
    expect(connectivity.online).toBe(true);
    stop();
    target.dispatchEvent(new Event('offline'));
    expect(connectivity.online).toBe(true);
  });
});
