// Settings › Loyalty points: whether customers earn points, how many per unit of money spent and
// what a point is worth at the till (store.loyalty, shared by every desk). Owners and managers.
import { DEFAULT_LOYALTY, type LoyaltyRules } from '$shared/balances';
import type { Decision } from '$shared/permissions';

export type LoyaltyDeps = {
  load(): Promise<LoyaltyRules>;
  save(input: unknown): Promise<LoyaltyRules>;
  decide(action: 'manage_settings'): Decision;
};

export class LoyaltySettings {
  enabled = $state(DEFAULT_LOYALTY.enabled);
  pointsPerUnit = $state(String(DEFAULT_LOYALTY.pointsPerUnit));
  pointValue = $state(String(DEFAULT_LOYALTY.pointValue));
  notice = $state<{ ok: boolean; text: string } | null>(null);

  constructor(private readonly deps: LoyaltyDeps) {}

  async load(): Promise<void> {
    const rules = await this.deps.load();
    this.enabled = rules.enabled;
    this.pointsPerUnit = String(rules.pointsPerUnit);
    this.pointValue = String(rules.pointValue);
  }

  async save(): Promise<boolean> {
    const decision = this.deps.decide('manage_settings');
    if (decision.verdict !== 'allow') {
      this.notice = { ok: false, text: decision.message };
      return false;
    }
    const whole = (typed: string) => (/^\s*\d+\s*$/.test(typed) ? Number(typed) : typed);
    try {
      const rules = await this.deps.save({
        enabled: this.enabled,
        pointsPerUnit: whole(this.pointsPerUnit),
        pointValue: whole(this.pointValue),
      });
      this.notice = {
        ok: true,
        text: rules.enabled
          ? `Customers earn ${rules.pointsPerUnit} point${rules.pointsPerUnit === 1 ? '' : 's'} per unit spent; a point is worth ${rules.pointValue} minor unit${rules.pointValue === 1 ? '' : 's'} at the till`
          : 'Customers no longer earn points (points already earned can still be spent)',
      };
      return true;
    } catch (failure) {
      this.notice = { ok: false, text: failure instanceof Error ? failure.message : String(failure) };
      return false;
    }
  }
}
