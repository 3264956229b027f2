import { describe, expect, it, vi } from 'vitest';
import { LoyaltyRulesSchema } from '$shared/balances';
import { parseRecord } from '$shared/validation';
import { LoyaltySettings, type LoyaltyDeps } from './loyaltySettings.svelte';

function deps(over: Partial<LoyaltyDeps> = {}): LoyaltyDeps {
  return {
    load: async () => ({ enabled: true, pointsPerUnit: 2, pointValue: 1 }),
    save: vi.fn(async (input: unknown) => parseRecord(LoyaltyRulesSchema, input, 'The loyalty rules')),
    decide: () => ({ verdict: 'allow' }),
    ...over,
  };
}

describe('LoyaltySettings', () => {
  it('loads the saved rules and saves them as whole numbers', async () => {
    const d = deps();
    const form = new LoyaltySettings(d);
    await form.load();
    expect(form.pointsPerUnit).toBe('2');
    form.pointValue = ' 5 ';
    expect(await form.save()).toBe(true);
    expect(d.save).toHaveBeenCalledWith({ enabled: true, pointsPerUnit: 2, pointValue: 5 });
    expect(form.notice?.text).toBe(
      'Customers earn 2 points per unit spent; a point is worth 5 minor units at the till',
    );
  });

  it('says what is wrong with a fraction and keeps what was typed', async () => {
    const form = new LoyaltySettings(deps());
    form.pointsPerUnit = '1.5';
    expect(await form.save()).toBe(false);
    expect(form.notice?.ok).toBe(false);
    expect(form.notice?.text).toMatch(/Points per unit spent/);
    expect(form.pointsPerUnit).toBe('1.5');
  });

  it('refuses a seller with the permission sentence', async () => {
    const d = deps({ decide: () => ({ verdict: 'deny', message: 'Sellers cannot change settings' }) });
    const form = new LoyaltySettings(d);
    expect(await form.save()).toBe(false);
    expect(form.notice).toEqual({ ok: false, text: 'Sellers cannot change settings' });
    expect(d.save).not.toHaveBeenCalled();
  });
});
