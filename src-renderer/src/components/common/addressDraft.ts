// An address as it is being typed (every field a string, so nothing typed is ever lost), shared by
// the address fields and the forms that hold them.
import type { Address } from '$shared/records';

export type AddressDraft = {
  id: string;
  kind: Address['kind'];
  name: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
};

export type AddressField = 'name' | 'line1' | 'line2' | 'city' | 'region' | 'postalCode' | 'country';

/** A stored address as a draft to edit: every optional field an empty string. */
export const toDraft = (a: Address): AddressDraft => ({
  id: a.id,
  kind: a.kind,
  name: a.name,
  company: a.company ?? '',
  line1: a.line1,
  line2: a.line2 ?? '',
  city: a.city,
  region: a.region ?? '',
  postalCode: a.postalCode ?? '',
  country: a.country,
});
