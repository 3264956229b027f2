// The customer form's state and steps, without the DOM: a copy of the customer being edited (or a
// new one with one empty shipping address), addresses added and removed, and Save: the phone put in
// E.164, the country rules applied to the addresses the seller touched, the source asked for, the
// campaign code checked, then saveCustomer; every refusal lands on its field and in the summary.
// CustomerForm.svelte draws it and moves the focus.
import {
  DEFAULT_SOURCES,
  normaliseCampaignCode,
  offeredSources,
  type AcquisitionSourceEntry,
} from '$shared/acquisitionSources';
import { checkAddress } from '$shared/addressFormats';
import { newId } from '$shared/ids';
import { toE164 } from '$shared/phoneNumbers';
import { CampaignCode, type Address, type Customer } from '$shared/records';
import { DEFAULT_SHIPPING_RULES } from '$shared/storeRules';
import { ValidationError } from '$shared/validation';
import { loadSources } from '$db/acquisitionSources';
import { storeCountry } from '$db/storeSettings';
import { saveCustomer, type CustomerInput } from '$db/customerWrites';
import type { OrderlineDb } from '$db/database';
import { toDraft, type AddressDraft, type AddressField } from '../common/addressDraft';

export type CustomerField =
  'name' | 'company' | 'email' | 'phone' | 'notes' | 'acquisitionSource' | 'campaignCode';

const emptyAddress = (kind: Address['kind'], country: string): AddressDraft => ({
  id: newId(),
  kind,
  name: '',
  company: '',
  line1: '',
  line2: '',
  city: '',
  region: '',
  postalCode: '',
  country,
});

const blank = (a: AddressDraft) =>
  !a.line1.trim() && !a.line2.trim() && !a.city.trim() && !a.postalCode.trim();
const optional = (text: string) => (text.trim() ? text.trim() : undefined);

// saveCustomer's sentences name their field first ("E-mail address is not valid…").
const FIELD_OF: [RegExp, CustomerField][] = [
  [/^Customer name\b/, 'name'],
  [/^Company\b/, 'company'],
  [/^E-mail\b/, 'email'],
  [/^Phone\b/, 'phone'],
  [/^Notes\b/, 'notes'],
  [/^Acquisition source\b/, 'acquisitionSource'],
  [/^campaign code\b/i, 'campaignCode'],
];

export class CustomerFormState {
  readonly #db: OrderlineDb;
  #defaultCountry: string;
  /** Whether the caller named the country new addresses start in; if not, it is the store's own. */
  readonly #countryGiven: boolean;
  /** The customer being edited, as it was; absent for a new one. The form edits a copy. */
  readonly start: Customer | undefined;
  readonly isNew: boolean;
  // Addresses as stored: country rules are applied to what the seller changes, so an old
  // address that predates a rule does not block editing the customer's phone number.
  readonly #stored: Map<string, string>;
  // An address's own phone (a recipient's number) is kept; new addresses take the customer's.
  readonly #storedPhones: Map<string, string | undefined>;

  name = $state('');
  company = $state('');
  email = $state('');
  phone = $state('');
  isBusiness = $state(false);
  notes = $state('');
  acquisitionSource = $state('');
  campaignCode = $state('');
  addresses = $state<AddressDraft[]>([]);
  /** The store's own list of sources (Settings › Where customers come from). */
  sources = $state<AcquisitionSourceEntry[]>([...DEFAULT_SOURCES]);

  problems = $state<Partial<Record<CustomerField, string>>>({});
  addressProblems = $state<Record<string, Partial<Record<AddressField, string>>>>({});
  summary = $state<string[]>([]);
  saving = $state(false);

  readonly shippingCount = $derived(this.addresses.filter((a) => a.kind === 'shipping').length);

  constructor(db: OrderlineDb, customer: Customer | undefined, defaultCountry?: string) {
    this.#db = db;
    this.#countryGiven = defaultCountry !== undefined;
    this.#defaultCountry = defaultCountry ?? DEFAULT_SHIPPING_RULES.origin;
    this.start = customer;
    this.isNew = !customer;
    this.name = customer?.name ?? '';
    this.company = customer?.company ?? '';
    this.email = customer?.email ?? '';
    this.phone = customer?.phone ?? '';
    this.isBusiness = customer?.isBusiness ?? false;
    this.notes = customer?.notes ?? '';
    this.acquisitionSource = customer?.acquisitionSource ?? '';
    this.campaignCode = customer?.campaignCode ?? '';
    this.addresses = customer
      ? customer.addresses.map(toDraft)
      : [emptyAddress('shipping', this.#defaultCountry)];
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read-only: what was stored, never changed
    this.#stored = new Map((customer?.addresses ?? []).map((a) => [a.id, JSON.stringify(toDraft(a))]));
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read-only: what was stored, never changed
    this.#storedPhones = new Map((customer?.addresses ?? []).map((a) => [a.id, a.phone]));
  }

  /** Reads the store's list of sources and, unless the caller named one, the store's country: a new
   *  customer's untouched address moves to it. */
  async load(): Promise<void> {
    const [sources, country] = await Promise.all([
      loadSources(this.#db),
      this.#countryGiven ? undefined : storeCountry(this.#db),
    ]);
    this.sources = sources;
    if (!country || country === this.#defaultCountry) return;
    const before = this.#defaultCountry;
    this.#defaultCountry = country;
    if (!this.isNew) return;
    for (const a of this.addresses) if (blank(a) && a.country === before) a.country = country;
  }

  /** The sources offered, keeping the customer's own even when the store has since archived it. */
  get offered(): AcquisitionSourceEntry[] {
    return offeredSources(this.sources, this.start?.acquisitionSource);
  }

  addAddress(kind: Address['kind']): void {
    this.addresses.push(emptyAddress(kind, this.addresses.at(-1)?.country ?? this.#defaultCountry));
  }

  removeAddress(id: string): void {
    this.addresses = this.addresses.filter((a) => a.id !== id);
    delete this.addressProblems[id];
  }

  /** "Shipping address", or "Billing address 2" when there are several of its kind. */
  legendFor(address: AddressDraft): string {
    const same = this.addresses.filter((a) => a.kind === address.kind);
    const kind = address.kind === 'shipping' ? 'Shipping' : 'Billing';
    return same.length > 1
      ? `${kind} address ${same.findIndex((a) => a.id === address.id) + 1}`
      : `${kind} address`;
  }

  /** Checks and saves; the customer as stored, or null with the problems on their fields and in the summary. */
  async save(): Promise<Customer | null> {
    if (this.saving) return null;
    this.problems = {};
    this.summary = [];
    const problems: Partial<Record<CustomerField, string>> = {};
    const kept = this.addresses.filter((a) => !blank(a) || this.#stored.has(a.id));
    // Stored in E.164, read in the country of the customer's first address (the store's otherwise).
    if (optional(this.phone)) {
      const dialled = toE164(this.phone, kept[0]?.country ?? this.#defaultCountry);
      if (dialled.ok) this.phone = dialled.e164;
      else problems.phone = dialled.reason;
    }
    const checked = this.#checkAddresses(kept);
    if (!this.acquisitionSource) problems.acquisitionSource = 'Ask how they heard about us, or choose Other';
    const campaign = normaliseCampaignCode(this.campaignCode);
    if (campaign && !CampaignCode.safeParse(campaign).success)
      problems.campaignCode = `Campaign code “${campaign}” must be letters, digits and dashes, up to 32 (e.g. SPRING-26)`;
    this.problems = problems;
    const local = [
      ...(problems.phone ? [problems.phone] : []),
      ...(problems.acquisitionSource ? [problems.acquisitionSource] : []),
      ...(problems.campaignCode ? [problems.campaignCode] : []),
      ...checked.problems,
    ];
    if (local.length) {
      this.summary = local;
      return null;
    }
    const input: CustomerInput = {
      ...(this.start ? { id: this.start.id } : {}),
      name: this.name,
      ...(optional(this.company) ? { company: optional(this.company) } : {}),
      ...(optional(this.email) ? { email: this.email.trim() } : {}),
      ...(optional(this.phone) ? { phone: optional(this.phone) } : {}),
      ...(optional(this.notes) ? { notes: optional(this.notes) } : {}),
      addresses: checked.addresses,
      acquisitionSource: this.acquisitionSource,
      ...(campaign ? { campaignCode: campaign } : {}),
      isBusiness: this.isBusiness,
    };
    this.saving = true;
    try {
      return await saveCustomer(this.#db, input);
    } catch (error) {
      if (error instanceof ValidationError) {
        const next: Partial<Record<CustomerField, string>> = {};
        for (const issue of error.issues) {
          const field = FIELD_OF.find(([pattern]) => pattern.test(issue))?.[1];
          if (field && !next[field]) next[field] = issue;
        }
        this.problems = next;
        this.summary = error.issues;
      } else {
        this.summary = [
          `The customer could not be stored on this desk: ${error instanceof Error ? error.message : String(error)}. Try again; if it keeps failing, restart Orderline.`,
        ];
      }
      return null;
    } finally {
      this.saving = false;
    }
  }

  /** Country rules for the addresses the seller touched; returns the tidied addresses. */
  #checkAddresses(kept: AddressDraft[]): { addresses: Address[]; problems: string[] } {
    const lines: string[] = [];
    const next: Record<string, Partial<Record<AddressField, string>>> = {};
    const result = kept.map((draft, index) => {
      const touched = this.#stored.get(draft.id) !== JSON.stringify(draft);
      const checked = checkAddress(draft);
      if (touched && Object.keys(checked.problems).length) {
        next[draft.id] = checked.problems;
        for (const message of Object.values(checked.problems)) lines.push(`Address ${index + 1}: ${message}`);
      }
      const address: Address = {
        id: draft.id,
        kind: draft.kind,
        name: draft.name.trim() || this.name.trim(),
        line1: draft.line1.trim(),
        city: draft.city.trim(),
        country: draft.country,
      };
      const extra = {
        company: optional(draft.company),
        line2: optional(draft.line2),
        region: optional(draft.region),
        postalCode: touched ? optional(checked.postalCode) : optional(draft.postalCode),
        phone: this.#storedPhones.get(draft.id) ?? optional(this.phone),
      };
      for (const [key, value] of Object.entries(extra)) {
        if (value !== undefined) (address as Record<string, unknown>)[key] = value;
      }
      return address;
    });
    this.addressProblems = next;
    return { addresses: result, problems: lines };
  }
}
