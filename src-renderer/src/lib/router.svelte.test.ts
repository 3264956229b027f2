import { describe, expect, it } from 'vitest';
import { Router, parseHash, routeHash } from './router.svelte';

describe('hash routes', () => {
  it('reads a screen and a record id from the hash', () => {
    expect(parseHash('#/orders/0190-abc')).toEqual({ screen: 'orders', id: '0190-abc' });
    expect(parseHash('#/pack')).toEqual({ screen: 'pack', id: null });
  });

  it('falls back to the catalog for an unknown or empty hash', () => {
    expect(parseHash('#/nowhere')).toEqual({ screen: 'catalog', id: null });
    expect(parseHash('')).toEqual({ screen: 'catalog', id: null });
  });

  it('round-trips ids that need escaping', () => {
    const route = { screen: 'catalog' as const, id: 'a b/c' };
    expect(parseHash(routeHash(route))).toEqual(route);
  });
});

describe('Router', () => {
  it('writes the hash when it navigates and follows the hash when it changes', () => {
    const location = { hash: '#/sell' };
    const router = new Router(location);
    expect(router.route.screen).toBe('sell');
    router.go('orders', 'x1');
    expect(location.hash).toBe('#/orders/x1');
    location.hash = '#/settings';
    router.sync();
    expect(router.route).toEqual({ screen: 'settings', id: null });
  });
});
