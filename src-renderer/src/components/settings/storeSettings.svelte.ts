// Settings › Store: the state and steps of the store profile, tax, shipping, carrier and promo
// code editors. Each loads what is stored (or the defaults), turns the form into rules with
// src-shared/ruleForms, and saves through db/storeSettings (one transaction with its outbox entry).
// Only people who may change settings get this far; the rest are told who can.
import { newId } from '$shared/ids';
import type { Decision } from '$shared/permissions';
import { checkInStorePrefix } from '$shared/productForm';
import type { Promo } from '$shared/promotions';
import {
  emptyPromoForm,
  emptyRateForm,
  promoFromForm,
  promoToForm,
  shippingFromForm,
  shippingToForm,
  taxFromForm,
  taxToForm,
  type FormProblems,
  type PromoForm,
  type ShippingForm,
  type TaxForm,
} from '$shared/ruleForms';
import type { ShippingRules } from '$shared/shippingRules';
import { DEFAULT_STORE_PROFILE, type StoreProfile } from '$shared/storeProfile';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import type { TaxRule } from '$shared/tax';
import type { OrderlineDb } from '$db/database';
import {
  BARCODE_PREFIX_KEY,
  loadBarcodePrefix,
  loadCarriers,
  loadPromos,
  loadStoreProfile,
  loadStoreRules,
  putStoreSetting,
  saveCarriers,
  savePromo,
  saveShippingRules,
  saveStoreProfile,
  saveTaxSettings,
} from '$db/storeSettings';

type Session = { decide(action: 'manage_settings'): Decision };
export type Notice = { ok: boolean; text: string } | null;

const message = (failure: unknown) => (failure instanceof Error ? failure.message : String(failure));

/** The shared part: who may save, and a notice after each try. */
export abstract class SettingsPart {
  notice = $state<Notice>(null);
  problems = $state<FormProblems>({});
  busy = $state(false);
  loaded = $state(false);

  constructor(
    protected readonly db: OrderlineDb,
    private readonly session: Session,
  ) {}

  refusal(): string | null {
    const decision = this.session.decide('manage_settings');
    return decision.verdict === 'allow' ? null : decision.message;
  }

  protected async attempt(work: () => Promise<string>): Promise<boolean> {
    if (this.busy) return false;
    const refused = this.refusal();
    if (refused) {
      this.notice = { ok: false, text: refused };
      return false;
    }
    this.busy = true;
    try {
      this.notice = { ok: true, text: await work() };
      return true;
    } catch (failure) {
      this.notice = { ok: false, text: message(failure) };
      return false;
    } finally {
      this.busy = false;
    }
  }

  protected refuse(problems: FormProblems, what: string): false {
    this.problems = problems;
    const count = Object.keys(problems).length;
    this.notice = {
      ok: false,
      text: `${what} not saved: ${Object.values(problems).slice(0, 3).join('; ')}${count > 3 ? '; …' : ''}`,
    };
    return false;
  }
}

export class ProfileEditor extends SettingsPart {
  form = $state<StoreProfile>({ ...DEFAULT_STORE_PROFILE });
  barcodePrefix = $state('');

  async load(): Promise<void> {
    this.form = { ...(await loadStoreProfile(this.db)) };
    this.barcodePrefix = await loadBarcodePrefix(this.db);
    this.loaded = true;
  }

  save(): Promise<boolean> {
    this.problems = {};
    const prefixProblem = checkInStorePrefix(this.barcodePrefix.trim());
    if (prefixProblem)
      return Promise.resolve(this.refuse({ barcodePrefix: prefixProblem }, 'Store settings'));
    return this.attempt(async () => {
      const saved = await saveStoreProfile(this.db, this.form);
      await putStoreSetting(this.db, BARCODE_PREFIX_KEY, this.barcodePrefix.trim());
      this.form = { ...saved };
      return `Store settings saved: ${saved.name}, ${saved.currency}, ${saved.timeZone}`;
    });
  }
}

export class TaxEditor extends SettingsPart {
  form = $state<TaxForm>({ basis: 'inclusive', zone: '', rules: [] });
  private stored: readonly TaxRule[] = [];

  async load(): Promise<void> {
    const { tax } = await loadStoreRules(this.db);
    this.stored = tax.rules;
    this.form = taxToForm(tax);
    this.loaded = true;
  }

  addRate(): void {
    this.form.rules.push({ country: '', region: '', name: '', standard: '', reduced: '0' });
  }

  removeRate(index: number): void {
    this.form.rules.splice(index, 1);
    this.problems = {};
  }

  save(): Promise<boolean> {
    const checked = taxFromForm(this.form, this.stored);
    if (!checked.ok) return Promise.resolve(this.refuse(checked.problems, 'Tax rates'));
    this.problems = {};
    return this.attempt(async () => {
      const saved = await saveTaxSettings(this.db, checked.value);
      this.stored = saved.rules;
      return `Tax rates saved (${saved.rules.length} rates, prices ${saved.basis === 'inclusive' ? 'include' : 'exclude'} tax). New carts use them; carts already open keep their prices.`;
    });
  }
}

export class ShippingEditor extends SettingsPart {
  form = $state<ShippingForm>({ origin: DEFAULT_SHIPPING_RULES.origin, zones: [], methods: [] });
  carriers = $state<string[]>([]);
  currency = $state(DEFAULT_STORE_PROFILE.currency);
  private noDelivery: readonly string[] = [];

  async load(): Promise<void> {
    const [{ shipping, carriers }, profile] = await Promise.all([
      loadStoreRules(this.db),
      loadStoreProfile(this.db),
    ]);
    this.noDelivery = shipping.noDelivery;
    this.form = shippingToForm(shipping);
    this.carriers = [...carriers];
    this.currency = profile.currency;
    this.loaded = true;
  }

  /** The zones a price can be for: their id and name as typed now. */
  zoneChoices(): { id: string; name: string }[] {
    return this.form.zones.map((z, i) => ({ id: z.id, name: z.name.trim() || `Zone ${i + 1}` }));
  }

  addZone(): void {
    const taken = this.form.zones.map((z) => z.id);
    let n = this.form.zones.length + 1;
    while (taken.includes(`zone-${n}`)) n++;
    this.form.zones.push({ id: `zone-${n}`, name: '', kind: 'countries', countries: '' });
  }

  removeZone(index: number): void {
    const zone = this.form.zones[index];
    if (!zone) return;
    const users = this.form.methods.filter((m) => m.rates.some((r) => r.zone === zone.id)).map((m) => m.name);
    if (users.length) {
      this.notice = {
        ok: false,
        text: `${zone.name || 'This zone'} still has prices in ${users.join(', ')}; remove those first`,
      };
      return;
    }
    this.form.zones.splice(index, 1);
  }

  addMethod(): void {
    this.form.methods.push({
      id: '',
      name: '',
      carrier: this.carriers[0] ?? '',
      dispatchDays: '1',
      minDays: '1',
      maxDays: '3',
      maxWeight: '',
      rates: [emptyRateForm(this.form.zones[0]?.id ?? '')],
    });
  }

  removeMethod(index: number): void {
    this.form.methods.splice(index, 1);
    this.problems = {};
  }

  addRate(methodIndex: number): void {
    const method = this.form.methods[methodIndex];
    if (!method) return;
    const free = this.form.zones.find((z) => !method.rates.some((r) => r.zone === z.id));
    method.rates.push(emptyRateForm(free?.id ?? this.form.zones[0]?.id ?? ''));
  }

  removeRate(methodIndex: number, rateIndex: number): void {
    this.form.methods[methodIndex]?.rates.splice(rateIndex, 1);
  }

  save(): Promise<boolean> {
    const checked = shippingFromForm(this.form, this.currency, this.noDelivery);
    if (!checked.ok) return Promise.resolve(this.refuse(checked.problems, 'Shipping rules'));
    this.problems = {};
    return this.attempt(async () => {
      const saved: ShippingRules = await saveShippingRules(this.db, checked.value);
      this.form = shippingToForm(saved);
      return `Shipping rules saved (${saved.methods.length} methods in ${saved.zones.length} zones). New carts use them; carts already open keep their prices.`;
    });
  }
}

export class CarrierEditor extends SettingsPart {
  carriers = $state<string[]>([]);
  typed = $state('');

  async load(): Promise<void> {
    this.carriers = await loadCarriers(this.db);
    this.loaded = true;
  }

  add(): Promise<boolean> {
    const name = this.typed.trim();
    if (!name)
      return Promise.resolve(this.refuse({ typed: 'Type the carrier’s name, such as Evri' }, 'Carrier'));
    const listed = this.carriers.find((c) => c.toLowerCase() === name.toLowerCase());
    if (listed) return Promise.resolve(this.refuse({ typed: `${listed} is already listed` }, 'Carrier'));
    this.problems = {};
    return this.attempt(async () => {
      this.carriers = await saveCarriers(this.db, [...this.carriers, name]);
      this.typed = '';
      return `${name} added to the store’s carriers`;
    });
  }

  remove(name: string): Promise<boolean> {
    return this.attempt(async () => {
      this.carriers = await saveCarriers(
        this.db,
        this.carriers.filter((c) => c !== name),
      );
      return `${name} removed from the store’s carriers`;
    });
  }
}

export class PromoEditor extends SettingsPart {
  promos = $state<Promo[]>([]);
  form = $state<PromoForm>(emptyPromoForm(newId()));
  currency = $state(DEFAULT_STORE_PROFILE.currency);
  readonly editing = $derived(this.promos.some((p) => p.id === this.form.id));

  async load(): Promise<void> {
    const [promos, profile] = await Promise.all([loadPromos(this.db), loadStoreProfile(this.db)]);
    this.promos = promos;
    this.currency = profile.currency;
    this.loaded = true;
  }

  edit(promo: Promo): void {
    this.form = promoToForm(promo);
    this.problems = {};
    this.notice = null;
  }

  startNew(): void {
    this.form = emptyPromoForm(newId());
    this.problems = {};
  }

  save(): Promise<boolean> {
    const checked = promoFromForm(this.form, this.currency);
    if (!checked.ok) return Promise.resolve(this.refuse(checked.problems, 'Promo code'));
    this.problems = {};
    return this.attempt(async () => {
      const saved = await savePromo(this.db, checked.value);
      this.promos = await loadPromos(this.db);
      this.form = emptyPromoForm(newId());
      return `Promo code ${saved.code} saved`;
    });
  }
}
