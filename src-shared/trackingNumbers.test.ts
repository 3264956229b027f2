import { describe, expect, it } from 'vitest';
import {
  dhlCheckDigit,
  fedexExpressCheckDigit,
  recogniseTracking,
  s10CheckDigit,
  trackingUrl,
  upsCheckDigit,
  type TrackingResult,
} from './trackingNumbers';

// Reference check digits written out the long way, independent of the module's loops, so a test
// number built here proves the module agrees with the published rule rather than with itself.
function gs1Mod10(body: string): number {
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((total, d, i) => total + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10;
}
function upsReference(body: string): number {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const values = [...body].map((c) => (/\d/.test(c) ? Number(c) : (alphabet.indexOf(c) + 2) % 10));
  const odd = values.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0);
  const even = values.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0);
  return (10 - ((odd + 2 * even) % 10)) % 10;
}
function s10Reference(serial: string): number {
  const sum = [8, 6, 4, 2, 3, 5, 9, 7].reduce((total, w, i) => total + w * Number(serial[i]), 0);
  const r = 11 - (sum % 11);
  return r === 10 ? 0 : r === 11 ? 5 : r;
}
/** Changes the last character to the next digit, which always breaks a single check digit. */
function breakCheck(number: string): string {
  const last = Number(number.at(-1));
  return number.slice(0, -1) + String((last + 1) % 10);
}
function expectOk(result: TrackingResult) {
  if (!result.ok) throw new Error(`expected a recognised number, got: ${result.reason}`);
  return result;
}

describe('UPS', () => {
  // 1Z999AA10123456784 is UPS's own documented sample; the others are labels from real parcels.
  it.each(['1Z999AA10123456784', '1Z5R89390357567127', '1Z879E930346834440', '1Z8V92A70367203024'])(
    'recognises %s and verifies its check digit',
    (number) => {
      const result = expectOk(recogniseTracking(number));
      expect(result.carrier).toBe('ups');
      expect(result.checkDigitVerified).toBe(true);
      expect(result.url).toBe(`https://www.ups.com/track?tracknum=${number}`);
    },
  );

  it('agrees with the long-hand UPS rule on a number built in the test', () => {
    const body = 'A1B2C303ZZ12345';
    expect(upsCheckDigit(body)).toBe(upsReference(body));
    expect(recogniseTracking(`1Z${body}${upsReference(body)}`).ok).toBe(true);
  });

  it('names the expected digit when the check digit is wrong', () => {
    const result = recogniseTracking('1Z999AA10123456785');
    expect(result).toMatchObject({ ok: false, carrier: 'ups', expected: '4' });
    if (!result.ok)
      expect(result.reason).toContain(
        'UPS tracking number 1Z999AA10123456785 has a wrong check digit (expected 4)',
      );
  });

  it('reads the service from the number and accepts spaces and lower case from typing', () => {
    const result = expectOk(recogniseTracking(' 1z 999 aa1 012 345 678 4 '));
    expect(result.number).toBe('1Z999AA10123456784');
    expect(recogniseTracking('1Z5R89390357567127')).toMatchObject({ service: 'Ground' });
  });

  it('says how long a UPS number should be when one is cut short', () => {
    const result = recogniseTracking('1Z999AA1012345678');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/18 in all/);
  });
});

describe('FedEx', () => {
  it.each(['986578788855', '477179081230', '799531274483', '790535312317'])(
    'recognises the 12-digit Express number %s',
    (number) => {
      expect(recogniseTracking(number)).toMatchObject({ ok: true, carrier: 'fedex', service: 'Express' });
    },
  );

  it('weights Express digits 1,3,7 from the right, modulo 11', () => {
    const body = '12345678901';
    const weights = [1, 3, 7, 1, 3, 7, 1, 3, 7, 1, 3];
    const sum = [...body].reverse().reduce((total, d, i) => total + Number(d) * weights[i]!, 0);
    expect(fedexExpressCheckDigit(body)).toBe((sum % 11) % 10);
    expect(recogniseTracking(body + String((sum % 11) % 10)).ok).toBe(true);
  });

  it('refuses an Express number with a wrong check digit', () => {
    expect(recogniseTracking('996578788855')).toMatchObject({ ok: false, carrier: 'fedex' });
  });

  it.each(['041441760228964', '568283610012000', '568283610012734'])(
    'recognises the 15-digit Ground number %s',
    (n) => {
      expect(recogniseTracking(n)).toMatchObject({ ok: true, carrier: 'fedex', service: 'Ground' });
    },
  );

  it('refuses a 15-digit Ground number with a wrong check digit', () => {
    const result = recogniseTracking('568283610012732');
    expect(result).toMatchObject({ ok: false, expected: String(gs1Mod10('56828361001273')) });
  });

  it('recognises a 96-prefixed 22-digit Ground number checked over its 14-digit serial', () => {
    expect(recogniseTracking('9611020987654312345672')).toMatchObject({ ok: true, carrier: 'fedex' });
    const serial = '12345670000042';
    const built = `9612019${serial}${gs1Mod10(serial)}`;
    expect(recogniseTracking(built).ok).toBe(true);
    expect(recogniseTracking(breakCheck(built)).ok).toBe(false);
  });

  it('recognises an 18-digit SSCC by the GS1 check digit', () => {
    expect(recogniseTracking('00 0123 4500 0000 0027')).toMatchObject({ ok: true, carrier: 'fedex' });
    expect(recogniseTracking('000123450000000028').ok).toBe(false);
  });
});

describe('USPS', () => {
  it.each(['9400 1112 0108 0805 4830 16', '9361 2898 7870 0317 6337 95', '9405803699300124287899'])(
    'recognises the 22-digit IMpb number %s',
    (number) => {
      const result = expectOk(recogniseTracking(number));
      expect(result.carrier).toBe('usps');
      expect(result.url).toBe(`https://tools.usps.com/go/TrackConfirmAction?tLabels=${result.number}`);
    },
  );

  it('checks IMpb with weights 3,1 from the right, on a number built in the test', () => {
    const body = '940011120108080548301';
    const built = body + String(gs1Mod10(body));
    expect(recogniseTracking(built).ok).toBe(true);
    const broken = recogniseTracking(breakCheck(built));
    expect(broken).toMatchObject({ ok: false, carrier: 'usps', expected: String(gs1Mod10(body)) });
  });

  it('recognises 20-digit numbers, 26-digit IMpb and the 30-digit form with its 420+ZIP routing', () => {
    expect(recogniseTracking('0307 1790 0005 2348 3741')).toMatchObject({ ok: true, carrier: 'usps' });
    expect(recogniseTracking('7196 9010 7560 0307 7385')).toMatchObject({ ok: true, carrier: 'usps' });
    expect(recogniseTracking('92748931507708513018050063')).toMatchObject({ ok: true, carrier: 'usps' });
    expect(recogniseTracking('420 22153 9101026837331000039521')).toMatchObject({
      ok: true,
      carrier: 'usps',
    });
    expect(recogniseTracking('0307 1790 0005 2348 3742').ok).toBe(false);
  });

  it('sends S10 numbers ending in US to USPS (Priority Mail Express International)', () => {
    const result = expectOk(recogniseTracking('EA123456785US'));
    expect(result).toMatchObject({ carrier: 'usps', service: 'EMS', checkDigitVerified: true });
  });
});

describe('DHL Express', () => {
  it.each(['3318810025', '8487135506', '1099255990', '3821724944'])('recognises the waybill %s', (number) => {
    expect(recogniseTracking(number)).toMatchObject({ ok: true, carrier: 'dhl', checkDigitVerified: true });
  });

  it('checks the waybill as the first nine digits modulo 7', () => {
    const body = '123456789';
    expect(dhlCheckDigit(body)).toBe(123456789 % 7);
    expect(recogniseTracking(body + String(123456789 % 7)).ok).toBe(true);
    expect(recogniseTracking('3318810010')).toMatchObject({
      ok: false,
      carrier: 'dhl',
      expected: String(331881001 % 7),
    });
  });

  it('recognises a piece id but says its check digit was not verified (the format has none)', () => {
    expect(recogniseTracking('JJD0099999999')).toMatchObject({
      ok: true,
      carrier: 'dhl',
      checkDigitVerified: false,
    });
  });
});

describe('Royal Mail and other posts (UPU S10)', () => {
  it('recognises a GB S10 number as Royal Mail with its tracking page', () => {
    const result = expectOk(recogniseTracking('RB123456785GB'));
    expect(result).toMatchObject({ carrier: 'royalmail', carrierName: 'Royal Mail', service: 'Registered' });
    expect(result.url).toBe('https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB');
  });

  it('weights the serial 8,6,4,2,3,5,9,7 and maps 10 to 0 and 11 to 5', () => {
    for (const serial of ['12345678', '00000000', '47312482', '99999999', '10000007']) {
      expect(s10CheckDigit(serial)).toBe(s10Reference(serial));
    }
    expect(s10CheckDigit('00000000')).toBe(5);
    const serial = '47312482';
    expect(recogniseTracking(`AB${serial}${s10Reference(serial)}GB`).ok).toBe(true);
  });

  it('refuses AB123456789GB: the right shape, but its check digit should be 5', () => {
    const result = recogniseTracking('AB123456789GB');
    expect(result).toMatchObject({ ok: false, carrier: 'royalmail', expected: '5' });
    if (!result.ok)
      expect(result.reason).toMatch(/^Royal Mail tracking number AB123456789GB has a wrong check digit/);
  });

  it('names another country’s post and links to it where the page is known', () => {
    expect(recogniseTracking('CP123456785DE')).toMatchObject({
      ok: true,
      carrier: 'upu',
      carrierName: 'Post (DE)',
      service: 'Parcel post',
    });
    expect(recogniseTracking('RB123456785CV')).toMatchObject({ ok: true, url: null });
  });

  it('refuses an S10 number whose last two letters are not a country', () => {
    const result = recogniseTracking('RB123456785XX');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('XX, which is not a country');
  });
});

describe('anything else', () => {
  it('refuses what no carrier uses, saying which carriers are known', () => {
    for (const raw of ['hello', '12345', '4006381333931', 'D1-000042']) {
      const result = recogniseTracking(raw);
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.reason).toMatch(
          /UPS, FedEx, USPS, DHL, Royal Mail, Parcelforce, DPD, Evri, Yodel, Amazon/,
        );
    }
  });

  it('asks for a scan when nothing was given', () => {
    expect(recogniseTracking('  ')).toMatchObject({ ok: false, reason: expect.stringMatching(/empty/) });
  });

  it('encodes the number into the tracking URL', () => {
    expect(trackingUrl('fedex', '986578788855')).toBe(
      'https://www.fedex.com/fedextrack/?trknbr=986578788855',
    );
    expect(trackingUrl('upu', 'X Y', 'DE')).toContain('X%20Y');
  });
});
