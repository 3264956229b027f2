// The shipping notification names the carrier, the tracking number and link, says what is still to
// come on a partial shipment, and is not composed without a usable address.
import { describe, expect, it } from 'vitest';
import { shippingEmail, type ShippingEmailInput } from './shippingEmail';
import { recogniseTracking } from './trackingNumbers';

const royalMail = recogniseTracking('RR123456785GB');
if (!royalMail.ok) throw new Error(royalMail.reason);

const base: ShippingEmailInput = {
  orderNumber: 'D1-000042',
  to: ' ada@example.com ',
  customerName: 'Ada Lovelace',
  storeName: 'Harbour Supplies',
  carrierName: royalMail.carrierName,
  service: 'Tracked 48',
  trackingNumber: royalMail.number,
  trackingUrl: royalMail.url,
  unitsShipped: 3,
  unitsRemaining: 0,
};

describe('the shipping notification e-mail', () => {
  it('tells the customer the whole order left, with the carrier, tracking number and link', () => {
    const email = shippingEmail(base);
    expect(email).toMatchObject({
      ok: true,
      to: 'ada@example.com',
      subject: 'Your order D1-000042 is on its way',
    });
    if (!email.ok) return;
    expect(email.text).toContain('Hello Ada Lovelace,');
    expect(email.text).toContain('has left us with Royal Mail (Tracked 48)');
    expect(email.text).toContain('Tracking number: RR123456785GB');
    expect(email.text).toContain('https://www.royalmail.com/track-your-item#/tracking-results/RR123456785GB');
    expect(email.text.endsWith('Harbour Supplies')).toBe(true);
  });

  it('says what is still to come when only part of the order shipped', () => {
    const email = shippingEmail({ ...base, unitsShipped: 1, unitsRemaining: 2 });
    expect(email.ok && email.subject).toBe('Part of your order D1-000042 is on its way');
    expect(email.ok && email.text).toContain('We have sent 1 item of your order D1-000042');
    expect(email.ok && email.text).toContain('The other 2 items will follow in a separate parcel');
  });

  it('says plainly when a parcel has no tracking number', () => {
    const email = shippingEmail({
      ...base,
      trackingNumber: undefined,
      trackingUrl: undefined,
      service: undefined,
    });
    expect(email.ok && email.text).toContain('This parcel has no tracking number.');
    expect(email.ok && email.text).not.toContain('Follow it here');
  });

  it('is not composed for an order without an e-mail address, or with a broken one', () => {
    expect(shippingEmail({ ...base, to: undefined })).toEqual({
      ok: false,
      reason: 'Order D1-000042 has no customer e-mail address, so no shipping notification was queued',
    });
    const broken = shippingEmail({ ...base, to: 'ada@example' });
    expect(broken.ok === false && broken.reason).toContain('“ada@example” is not valid');
  });
});
