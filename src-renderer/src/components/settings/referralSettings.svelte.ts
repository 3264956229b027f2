// Settings › Referrals: whether referral codes are on, the new customer's welcome discount and the
// referrer's reward (a discount on their next order or store credit), saved as `store.referrals`
// so every desk and the server price and reward alike. Bad input is named and kept.
import { formatMoney, minorUnitExponent, money, parseMoney } from '$shared/money';
import { ReferralSettingsSchema, type ReferralSettings, type RewardKind } from '$shared/referrals';
import { DEFAULT_STORE_PROFILE } from '$shared/storeProfile';

export interface ReferralSettingsDeps {
  load: () => Promise<{ settings: ReferralSettings; currency: string }>;
  save: (settings: ReferralSettings) => Promise<void>;
}

export class ReferralSettingsForm {
  active = $state(true);
  welcomePercent = $state('');
  rewardKind = $state<RewardKind>('discount');
  rewardAmount = $state('');
  currency = $state(DEFAULT_STORE_PROFILE.currency);
  problems = $state<string[]>([]);
  notice = $state('');
  loaded = $state(false);

  constructor(private readonly deps: ReferralSettingsDeps) {}

  async load(): Promise<void> {
    const { settings, currency } = await this.deps.load();
    this.currency = currency;
    this.active = settings.active;
    this.welcomePercent = String(settings.welcomePercent);
    this.rewardKind = settings.rewardKind;
    const exponent = minorUnitExponent(currency);
    this.rewardAmount = (settings.rewardAmount / 10 ** exponent).toFixed(exponent);
    this.loaded = true;
  }

  async save(): Promise<boolean> {
    this.notice = '';
    const problems: string[] = [];
    const percent = Number(this.welcomePercent.trim().replace(/%$/, ''));
    if (this.welcomePercent.trim() === '' || Number.isNaN(percent)) {
      problems.push('Welcome discount: type a percentage such as 10');
    }
    const amount = parseMoney(this.rewardAmount, this.currency);
    if (!amount.ok) problems.push(`Reward: ${amount.message}`);
    if (problems.length) {
      this.problems = problems;
      return false;
    }
    const parsed = ReferralSettingsSchema.safeParse({
      active: this.active,
      welcomePercent: percent,
      rewardKind: this.rewardKind,
      rewardAmount: amount.ok ? amount.value.amount : 0,
    });
    if (!parsed.success) {
      this.problems = parsed.error.issues.map((i) => i.message);
      return false;
    }
    await this.deps.save(parsed.data);
    this.problems = [];
    this.notice = parsed.data.active
      ? `Saved: new customers get ${parsed.data.welcomePercent}% off their first order; referrers get ${formatMoney(money(parsed.data.rewardAmount, this.currency))} ${parsed.data.rewardKind === 'discount' ? 'off their next order' : 'in store credit'}`
      : 'Saved: referral codes are switched off';
    return true;
  }
}
