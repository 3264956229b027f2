import { describe, expect, it } from 'vitest';
import { displayPhone, telHref, toE164 } from './phoneNumbers';

describe('phone numbers in E.164', () => {
  it('reads a number as typed in the customer’s country, or with its own country code', () => {
    expect(toE164('030 901820', 'DE')).toEqual({ ok: true, e164: '+4930901820', display: '+49 30 901820' });
    expect(toE164('+49 30 901820', 'GB')).toMatchObject({ ok: true, e164: '+4930901820' });
    expect(toE164('0049 30 901820', 'GB')).toMatchObject({ ok: true, e164: '+4930901820' });
    expect(toE164('020 7946 0018')).toMatchObject({ ok: true, e164: '+442079460018' });
  });

  it('refuses what cannot be a phone number, saying how to write one from abroad', () => {
    expect(toE164('12', 'GB')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('start it with +'),
    });
    expect(toE164('call me', 'GB')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no digits'),
    });
  });

  it('dials with the + kept and shows numbers grouped', () => {
    expect(telHref('+4930901820', 'GB')).toBe('tel:+4930901820');
    expect(telHref('030 901820', 'DE')).toBe('tel:+4930901820');
    expect(displayPhone('+4930901820')).toBe('+49 30 901820');
    expect(displayPhone('ask at reception')).toBe('ask at reception');
  });
});
