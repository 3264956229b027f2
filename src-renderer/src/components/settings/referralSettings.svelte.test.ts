import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_REFERRAL_SETTINGS, type ReferralSettings } from '$shared/referrals';
import { ReferralSettingsForm } from './referralSettings.svelte';

async function loaded() {
  const save = vi.fn(async (_settings: ReferralSettings) => {});
  const form = new ReferralSettingsForm({
    load: async () => ({ settings: DEFAULT_REFERRAL_SETTINGS, currency: 'GBP' }),
    save,
  });
  await form.load();
  return { form, save };
}

describe('the referral settings form', () => {
  it('shows the store’s offer with the reward in pounds', async () => {
    const { form } = await loaded();
    expect([form.active, form.welcomePercent, form.rewardKind, form.rewardAmount]).toEqual([
      true,
      '10',
      'discount',
      '5.00',
    ]);
  });

  it('saves a new offer in minor units and says what it is', async () => {
    const { form, save } = await loaded();
    form.welcomePercent = '15%';
    form.rewardKind = 'credit';
    form.rewardAmount = '7.50';
    expect(await form.save()).toBe(true);
    expect(save).toHaveBeenCalledWith({
      active: true,
      welcomePercent: 15,
      rewardKind: 'credit',
      rewardAmount: 750,
    });
    expect(form.notice).toBe(
      'Saved: new customers get 15% off their first order; referrers get £7.50 in store credit',
    );
  });

  it('names bad input, keeps it and saves nothing', async () => {
    const { form, save } = await loaded();
    form.welcomePercent = '80';
    expect(await form.save()).toBe(false);
    expect(form.problems).toEqual(['The welcome discount cannot be more than 50%']);
    form.welcomePercent = 'ten';
    form.rewardAmount = 'abc';
    expect(await form.save()).toBe(false);
    expect(form.problems[0]).toBe('Welcome discount: type a percentage such as 10');
    expect(form.problems[1]).toMatch(/^Reward: /);
    expect([form.welcomePercent, form.rewardAmount]).toEqual(['ten', 'abc']);
    expect(save).not.toHaveBeenCalled();
  });
});
