// The e-mail telling a customer their parcel is on its way: who it goes to, the subject and a plain
// text body with the carrier, the tracking number and its link, and what is still to come when the
// order ships in parts.

export type ShippingEmailInput = {
  orderNumber: string;
  /** The customer's e-mail address; without one there is no one to tell. */
  to: string | undefined;
  customerName?: string;
  storeName?: string;
  carrierName: string;
  service?: string;
  trackingNumber?: string;
  trackingUrl?: string | null;
  /** Units in this parcel. */
  unitsShipped: number;
  /** Units of the order still to ship after this parcel (0 when the order is complete). */
  unitsRemaining: number;
};

export type ShippingEmail = { ok: true; to: string; subject: string; text: string };
export type ShippingEmailRefused = { ok: false; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const units = (n: number) => `${n} item${n === 1 ? '' : 's'}`;

/** Composes the shipping notification, or says why none can be sent. */
export function shippingEmail(input: ShippingEmailInput): ShippingEmail | ShippingEmailRefused {
  const to = input.to?.trim() ?? '';
  if (!to) {
    return {
      ok: false,
      reason: `Order ${input.orderNumber} has no customer e-mail address, so no shipping notification was queued`,
    };
  }
  if (!EMAIL.test(to)) {
    return {
      ok: false,
      reason: `The customer's e-mail address “${to}” is not valid, so no shipping notification was queued; correct it on the customer`,
    };
  }
  const store = input.storeName?.trim() || 'Orderline';
  const partial = input.unitsRemaining > 0;
  const subject = partial
    ? `Part of your order ${input.orderNumber} is on its way`
    : `Your order ${input.orderNumber} is on its way`;
  const carrier = input.service ? `${input.carrierName} (${input.service})` : input.carrierName;
  const lines = [
    `Hello ${input.customerName?.trim() || 'there'},`,
    '',
    partial
      ? `We have sent ${units(input.unitsShipped)} of your order ${input.orderNumber} with ${carrier}. The other ${units(input.unitsRemaining)} will follow in a separate parcel; we will write again when it leaves.`
      : `Your order ${input.orderNumber} (${units(input.unitsShipped)}) has left us with ${carrier}.`,
    '',
  ];
  if (input.trackingNumber) {
    lines.push(`Tracking number: ${input.trackingNumber}`);
    if (input.trackingUrl) lines.push(`Follow it here: ${input.trackingUrl}`);
  } else {
    lines.push('This parcel has no tracking number.');
  }
  lines.push('', 'Thank you for your order,', store);
  return { ok: true, to, subject, text: lines.join('\n') };
}
