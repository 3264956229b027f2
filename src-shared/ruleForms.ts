// The store rules editors' forms (text as typed) turned into the stored rules and back: tax rates,
// shipping zones and methods, promo codes. Every problem is a sentence keyed by the field it is about;
// the stored schemas (storeRules.ts, promotions.ts) check the result once more when it is saved.
import { minorUnitExponent, parseMoney } from './money';
import { normalizeCode, type Promo } from './promotions';
import type { Fee, ShippingMethod, ShippingRules, ShippingZone, ZoneRate } from './shippingRules';
import type { TaxSettings } from './storeRules';
import type { TaxRule } from './tax';

export type FormProblems = Record<string, string>;
export type FormResult<T> = { ok: true; value: T } | { ok: false; problems: FormProblems };

const decimal = (minor: number, currency: string) => {
  const digits = minorUnitExponent(currency);
  return (minor / 10 ** digits).toFixed(digits);
};

/** "GB, ie  fr" → ["GB", "IE", "FR"], or the first thing that is not a country code. */
export function parseCountries(
  typed: string,
): { ok: true; value: string[] } | { ok: false; message: string } {
  const codes = typed
    .split(/[\s,;]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  const bad = codes.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad) return { ok: false, message: `“${bad}” is not a two-letter country code such as GB, IE or US` };
  return { ok: true, value: [...new Set(codes)] };
}

function percent(typed: string, what: string): { ok: true; value: number } | { ok: false; message: string } {
  const text = typed.trim().replace(/%$/, '').replace(',', '.').trim();
  if (text === '') return { ok: false, message: `Enter the ${what} (0 if none)` };
  if (!/^\d+(\.\d{1,4})?$/.test(text))
    return { ok: false, message: `${what} must be a percentage such as 20 or 5.5, not “${typed.trim()}”` };
  const value = Number(text);
  if (value > 100) return { ok: false, message: `${what} cannot be more than 100%` };
  return { ok: true, value };
}

function wholeDays(
  typed: string,
  what: string,
): { ok: true; value: number } | { ok: false; message: string } {
  const text = typed.trim();
  if (!/^\d+$/.test(text)) return { ok: false, message: `${what} must be a whole number of business days` };
  const value = Number(text);
  if (value > 90) return { ok: false, message: `${what} above 90 days is not believable` };
  return { ok: true, value };
}

// ---- Tax ---------------------------------------------------------------------------------------

export type TaxRuleForm = {
  country: string;
  region: string;
  name: string;
  standard: string;
  reduced: string;
};
export type TaxForm = { basis: 'inclusive' | 'exclusive'; zone: string; rules: TaxRuleForm[] };

export function taxToForm(tax: TaxSettings): TaxForm {
  return {
    basis: tax.basis,
    zone: tax.zone.join(', '),
    rules: tax.rules.map((r) => ({
      country: r.country,
      region: r.region ?? '',
      name: r.name,
      standard: String(r.standard),
      reduced: String(r.reduced),
    })),
  };
}

export function taxFromForm(form: TaxForm, previous: readonly TaxRule[] = []): FormResult<TaxSettings> {
  const problems: FormProblems = {};
  const zone = parseCountries(form.zone);
  if (!zone.ok) problems['zone'] = zone.message;
  else if (zone.value.length === 0)
    problems['zone'] = 'Name at least one country where the store charges tax, such as GB';
  const seen = new Map<string, number>();
  const rules: TaxRule[] = [];
  form.rules.forEach((row, i) => {
    const at = (f: string) => `rules.${i}.${f}`;
    const country = row.country.trim().toUpperCase();
    const region = row.region.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country))
      problems[at('country')] = `Rate ${i + 1}: the country must be a two-letter code such as GB`;
    if (region && !/^[A-Z0-9]{1,3}$/.test(region))
      problems[at('region')] = `Rate ${i + 1}: the region must be a code such as CA, or empty`;
    if (!row.name.trim())
      problems[at('name')] = `Rate ${i + 1}: name the tax as receipts show it, such as VAT`;
    const standard = percent(row.standard, 'Standard rate');
    const reduced = percent(row.reduced, 'Reduced rate');
    if (!standard.ok) problems[at('standard')] = `Rate ${i + 1}: ${standard.message}`;
    if (!reduced.ok) problems[at('reduced')] = `Rate ${i + 1}: ${reduced.message}`;
    const key = `${country}/${region}`;
    if (seen.has(key))
      problems[at('country')] =
        `Rates ${seen.get(key)! + 1} and ${i + 1} are both for ${country}${region ? ` ${region}` : ''}; keep one`;
    seen.set(key, i);
    if (standard.ok && reduced.ok) {
      // A region's spelled-out name (e.g. "California") survives an edit of its rate.
      const regionName = previous.find(
        (p) => p.country === country && (p.region ?? '') === region,
      )?.regionName;
      rules.push({
        country,
        ...(region ? { region } : {}),
        ...(regionName ? { regionName } : {}),
        name: row.name.trim(),
        standard: standard.value,
        reduced: reduced.value,
      });
    }
  });
  if (zone.ok) {
    const uncovered = zone.value.filter((c) => !rules.some((r) => r.country === c));
    if (uncovered.length && !problems['zone'])
      problems['zone'] =
        `The tax area includes ${uncovered.join(', ')} but there is no rate for ${uncovered.length === 1 ? 'it' : 'them'}; add one`;
  }
  if (Object.keys(problems).length || !zone.ok) return { ok: false, problems };
  return { ok: true, value: { basis: form.basis, zone: zone.value, rules } };
}

// ---- Shipping ----------------------------------------------------------------------------------

export type ZoneForm = { id: string; name: string; kind: ShippingZone['kind']; countries: string };
export type RateForm = {
  zone: string;
  kind: Fee['kind'];
  amount: string;
  first: string;
  additional: string;
  /** One band a line: "up to grams, price", e.g. "1000, 3.95". */
  bands: string;
  freeFrom: string;
};
export type MethodForm = {
  id: string;
  name: string;
  carrier: string;
  dispatchDays: string;
  minDays: string;
  maxDays: string;
  maxWeight: string;
  rates: RateForm[];
};
export type ShippingForm = { origin: string; zones: ZoneForm[]; methods: MethodForm[] };

export function emptyRateForm(zone = ''): RateForm {
  return { zone, kind: 'flat', amount: '', first: '', additional: '', bands: '', freeFrom: '' };
}

export function shippingToForm(rules: ShippingRules): ShippingForm {
  const c = rules.currency;
  return {
    origin: rules.origin,
    zones: rules.zones.map((z) => ({
      id: z.id,
      name: z.name,
      kind: z.kind,
      countries: z.kind === 'countries' ? z.countries.join(', ') : '',
    })),
    methods: rules.methods.map((m) => ({
      id: m.id,
      name: m.name,
      carrier: m.carrier,
      dispatchDays: String(m.dispatchDays),
      minDays: String(m.transitDays.min),
      maxDays: String(m.transitDays.max),
      maxWeight: m.maxWeightGrams === undefined ? '' : String(m.maxWeightGrams),
      rates: m.rates.map((r) => ({
        ...emptyRateForm(r.zone),
        kind: r.fee.kind,
        amount: r.fee.kind === 'flat' ? decimal(r.fee.amount, c) : '',
        first: r.fee.kind === 'per_item' ? decimal(r.fee.first, c) : '',
        additional: r.fee.kind === 'per_item' ? decimal(r.fee.additional, c) : '',
        bands:
          r.fee.kind === 'weight_bands'
            ? r.fee.bands.map((b) => `${b.upToGrams}, ${decimal(b.amount, c)}`).join('\n')
            : '',
        freeFrom: r.freeFrom === undefined ? '' : decimal(r.freeFrom, c),
      })),
    })),
  };
}

/** A stable id from a name, unique among `taken`: "Royal Mail 24" → "royal-mail-24". */
export function slugId(name: string, taken: readonly string[]): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'item';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

function money(
  typed: string,
  currency: string,
  what: string,
  problems: FormProblems,
  key: string,
): number | undefined {
  const parsed = parseMoney(typed, currency);
  if (parsed.ok) return parsed.value.amount;
  problems[key] = `${what}: ${parsed.message}`;
  return undefined;
}

function parseBands(
  typed: string,
  currency: string,
  what: string,
): { ok: true; value: { upToGrams: number; amount: number }[] } | { ok: false; message: string } {
  const lines = typed
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0)
    return {
      ok: false,
      message: `${what}: add at least one band, one a line, such as “1000, 3.95” (up to 1000 g for 3.95)`,
    };
  const bands: { upToGrams: number; amount: number }[] = [];
  for (const [i, line] of lines.entries()) {
    const match = /^(\d+)\s*(?:g)?\s*[,;:=\s]\s*(.+)$/i.exec(line);
    if (!match)
      return {
        ok: false,
        message: `${what}, line ${i + 1}: write “grams, price”, such as “1000, 3.95”, not “${line}”`,
      };
    const price = parseMoney(match[2]!, currency);
    if (!price.ok) return { ok: false, message: `${what}, line ${i + 1}: ${price.message}` };
    const grams = Number(match[1]);
    if (grams < 1) return { ok: false, message: `${what}, line ${i + 1}: the weight must be at least 1 g` };
    const before = bands.at(-1);
    if (before && grams <= before.upToGrams)
      return {
        ok: false,
        message: `${what}, line ${i + 1}: list bands from light to heavy (${grams} g is not above ${before.upToGrams} g)`,
      };
    bands.push({ upToGrams: grams, amount: price.value.amount });
  }
  return { ok: true, value: bands };
}

export function shippingFromForm(
  form: ShippingForm,
  currency: string,
  noDelivery: readonly string[],
): FormResult<ShippingRules> {
  const problems: FormProblems = {};
  const zones: ShippingZone[] = [];
  const zoneIds: string[] = [];
  form.zones.forEach((row, i) => {
    const at = (f: string) => `zones.${i}.${f}`;
    const name = row.name.trim();
    if (!name) problems[at('name')] = `Zone ${i + 1}: give it a name, such as Europe`;
    const id = row.id || slugId(name, zoneIds);
    zoneIds.push(id);
    if (row.kind === 'countries') {
      const countries = parseCountries(row.countries);
      if (!countries.ok) problems[at('countries')] = `Zone ${i + 1}: ${countries.message}`;
      else if (countries.value.length === 0)
        problems[at('countries')] = `Zone ${i + 1}: list its countries, such as FR, DE, IE`;
      else zones.push({ id, name, kind: 'countries', countries: countries.value });
    } else zones.push({ id, name, kind: row.kind });
  });
  for (const kind of ['domestic', 'rest_of_world'] as const) {
    const which = form.zones.flatMap((z, i) => (z.kind === kind ? [i] : []));
    if (which.length > 1)
      problems[`zones.${which[1]}.kind`] =
        `Zones ${which[0]! + 1} and ${which[1]! + 1} are both ${kind === 'domestic' ? 'the home country' : 'the rest of the world'}; keep one`;
  }
  if (form.zones.length === 0) problems['zones'] = 'Add at least one zone the store ships to';

  const methods: ShippingMethod[] = [];
  const methodIds: string[] = [];
  form.methods.forEach((row, i) => {
    const at = (f: string) => `methods.${i}.${f}`;
    const label = `Method ${i + 1}`;
    const name = row.name.trim();
    if (!name) problems[at('name')] = `${label}: give it a name, such as Royal Mail Tracked 48`;
    if (!row.carrier.trim()) problems[at('carrier')] = `${label}: choose the carrier that takes the parcels`;
    const dispatch = wholeDays(row.dispatchDays, 'Dispatch days');
    if (!dispatch.ok) problems[at('dispatchDays')] = `${label}: ${dispatch.message}`;
    const min = wholeDays(row.minDays, 'Fastest delivery');
    const max = wholeDays(row.maxDays, 'Slowest delivery');
    if (!min.ok) problems[at('minDays')] = `${label}: ${min.message}`;
    if (!max.ok) problems[at('maxDays')] = `${label}: ${max.message}`;
    if (min.ok && max.ok && min.value > max.value)
      problems[at('maxDays')] =
        `${label}: the slowest delivery (${max.value} days) cannot be faster than the fastest (${min.value})`;
    let maxWeightGrams: number | undefined;
    if (row.maxWeight.trim()) {
      if (!/^\d+$/.test(row.maxWeight.trim()) || Number(row.maxWeight) < 1)
        problems[at('maxWeight')] = `${label}: the heaviest parcel must be a whole number of grams`;
      else maxWeightGrams = Number(row.maxWeight);
    }
    if (row.rates.length === 0) problems[at('rates')] = `${label}: give it a price in at least one zone`;
    const rates: ZoneRate[] = [];
    const pricedZones = new Set<string>();
    row.rates.forEach((rate, r) => {
      const rk = (f: string) => `methods.${i}.rates.${r}.${f}`;
      const zoneIndex = form.zones.findIndex((z, zi) => (z.id || zoneIds[zi]) === rate.zone);
      if (zoneIndex < 0) problems[rk('zone')] = `${label}: choose the zone this price is for`;
      else if (pricedZones.has(rate.zone))
        problems[rk('zone')] = `${label}: it has two prices for ${form.zones[zoneIndex]!.name}; keep one`;
      pricedZones.add(rate.zone);
      let fee: Fee | undefined;
      if (rate.kind === 'flat') {
        const amount = money(rate.amount, currency, `${label}, fee`, problems, rk('amount'));
        if (amount !== undefined) fee = { kind: 'flat', amount };
      } else if (rate.kind === 'per_item') {
        const first = money(rate.first, currency, `${label}, first item`, problems, rk('first'));
        const additional = money(
          rate.additional,
          currency,
          `${label}, each extra item`,
          problems,
          rk('additional'),
        );
        if (first !== undefined && additional !== undefined) fee = { kind: 'per_item', first, additional };
      } else {
        const bands = parseBands(rate.bands, currency, `${label}, weight bands`);
        if (bands.ok) fee = { kind: 'weight_bands', bands: bands.value };
        else problems[rk('bands')] = bands.message;
      }
      const freeFrom = rate.freeFrom.trim()
        ? money(rate.freeFrom, currency, `${label}, free over`, problems, rk('freeFrom'))
        : undefined;
      if (fee && zoneIndex >= 0)
        rates.push({ zone: rate.zone, fee, ...(freeFrom !== undefined ? { freeFrom } : {}) });
    });
    const id = row.id || slugId(name, methodIds);
    methodIds.push(id);
    if (dispatch.ok && min.ok && max.ok)
      methods.push({
        id,
        name,
        carrier: row.carrier.trim(),
        rates,
        dispatchDays: dispatch.value,
        transitDays: { min: min.value, max: max.value },
        ...(maxWeightGrams !== undefined ? { maxWeightGrams } : {}),
      });
  });
  const names = form.methods.map((m) => m.name.trim().toLowerCase());
  names.forEach((n, i) => {
    if (n && names.indexOf(n) !== i)
      problems[`methods.${i}.name`] =
        `Two methods are called ${form.methods[i]!.name.trim()}; name them apart`;
  });
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { origin: form.origin, currency, zones, methods, noDelivery: [...noDelivery] } };
}

// ---- Promo codes -------------------------------------------------------------------------------

export type PromoForm = {
  id: string;
  code: string;
  description: string;
  kind: 'percent' | 'fixed';
  percent: string;
  amount: string;
  minSpend: string;
  startsOn: string;
  expiresOn: string;
  oncePerCustomer: boolean;
  usageLimit: string;
  active: boolean;
};

export function emptyPromoForm(id: string): PromoForm {
  return {
    id,
    code: '',
    description: '',
    kind: 'percent',
    percent: '',
    amount: '',
    minSpend: '',
    startsOn: '',
    expiresOn: '',
    oncePerCustomer: false,
    usageLimit: '',
    active: true,
  };
}

export function promoToForm(promo: Promo): PromoForm {
  return {
    ...emptyPromoForm(promo.id),
    code: promo.code,
    description: promo.description ?? '',
    kind: promo.kind,
    percent: promo.kind === 'percent' ? String(promo.percent) : '',
    amount: promo.kind === 'fixed' ? decimal(promo.amount.amount, promo.amount.currency) : '',
    minSpend: promo.minSpend ? decimal(promo.minSpend.amount, promo.minSpend.currency) : '',
    startsOn: promo.startsOn ?? '',
    expiresOn: promo.expiresOn ?? '',
    oncePerCustomer: promo.oncePerCustomer,
    usageLimit: promo.usageLimit === undefined ? '' : String(promo.usageLimit),
    active: promo.active,
  };
}

/** The promo as typed; the stored schema (PromoSchema) checks it again when it is saved. */
export function promoFromForm(form: PromoForm, currency: string): FormResult<Promo> {
  const problems: FormProblems = {};
  const code = normalizeCode(form.code);
  if (!/^[A-Z0-9][A-Z0-9_-]{2,31}$/.test(code))
    problems['code'] = code
      ? `Code “${code}” must be 3–32 letters, digits, dashes or underscores (e.g. SPRING10)`
      : 'Enter the code customers will type, such as SPRING10';
  let off:
    | { kind: 'percent'; percent: number }
    | { kind: 'fixed'; amount: { amount: number; currency: string } }
    | undefined;
  if (form.kind === 'percent') {
    const value = percent(form.percent, 'Percent off');
    if (!value.ok) problems['percent'] = value.message;
    else if (value.value <= 0) problems['percent'] = 'Percent off must be more than 0';
    else off = { kind: 'percent', percent: value.value };
  } else {
    const value = parseMoney(form.amount, currency);
    if (!value.ok) problems['amount'] = `Amount off: ${value.message}`;
    else if (value.value.amount <= 0) problems['amount'] = 'Amount off must be more than zero';
    else off = { kind: 'fixed', amount: value.value };
  }
  let minSpend: { amount: number; currency: string } | undefined;
  if (form.minSpend.trim()) {
    const value = parseMoney(form.minSpend, currency);
    if (value.ok) minSpend = value.value;
    else problems['minSpend'] = `Minimum spend: ${value.message}`;
  }
  const date = (typed: string, key: string, what: string) => {
    const text = typed.trim();
    if (!text) return undefined;
    const time = Date.parse(`${text}T00:00:00Z`);
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(text) ||
      Number.isNaN(time) ||
      new Date(time).toISOString().slice(0, 10) !== text
    ) {
      problems[key] = `${what} must be a date written as YYYY-MM-DD`;
      return undefined;
    }
    return text;
  };
  const startsOn = date(form.startsOn, 'startsOn', 'Starts on');
  const expiresOn = date(form.expiresOn, 'expiresOn', 'Expires on');
  if (startsOn && expiresOn && expiresOn < startsOn)
    problems['expiresOn'] = 'The code cannot expire before it starts';
  let usageLimit: number | undefined;
  if (form.usageLimit.trim()) {
    if (!/^\d+$/.test(form.usageLimit.trim()) || Number(form.usageLimit) < 1)
      problems['usageLimit'] = 'Usage limit must be a whole number of uses, 1 or more (empty for no limit)';
    else usageLimit = Number(form.usageLimit);
  }
  if (Object.keys(problems).length || !off) return { ok: false, problems };
  return {
    ok: true,
    value: {
      id: form.id,
      code,
      ...(form.description.trim() ? { description: form.description.trim() } : {}),
      ...off,
      ...(minSpend ? { minSpend } : {}),
      ...(startsOn ? { startsOn } : {}),
      ...(expiresOn ? { expiresOn } : {}),
      oncePerCustomer: form.oncePerCustomer,
      ...(usageLimit !== undefined ? { usageLimit } : {}),
      active: form.active,
    } as Promo,
  };
}
