// Every carrier format the benches take, with valid and invalid numbers. The valid and invalid
// vectors are the published samples collected in the tracking_number_data project (from the
// carriers' label specifications: FedEx, USPS Pub 199 IMpb, DHL, DPD's parcel label, Amazon, Yodel);
// Evri and Parcelforce publish formats only, so their numbers are shaped from those formats.
import { describe, expect, it } from 'vitest';
import {
  acceptTracking,
  carrierConflict,
  dpdCheckCharacter,
  fedex34CheckDigit,
  recogniseTracking,
  type TrackingResult,
} from './trackingNumbers';

function ok(result: TrackingResult) {
  if (!result.ok) throw new Error(`expected a recognised number, got: ${result.reason}`);
  return result;
}

describe('FedEx', () => {
  it.each([
    ['12-digit Express', '986578788855', '986578788855', 'Express'],
    ['15-digit Ground', '0414 4176 0228 964', '041441760228964', 'Ground'],
    ['18-digit SSCC', '00 0123 4500 0000 0027', '000123450000000027', 'Ground'],
    ['20-digit SmartPost', '61299998820821171811', '61299998820821171811', 'SmartPost'],
    ['22-digit Ground 96', '9611020987654312345672', '9611020987654312345672', 'Ground'],
    ['34-digit Express barcode', '1001921334250001000300779017972697', '779017972697', 'Express'],
    ['34-digit Express barcode', '1002297871540001000300790695517286', '790695517286', 'Express'],
    ['34-digit Ground 96 barcode', '9622001900000000000000776632517510', '776632517510', 'Ground 96'],
    ['34-digit Ground 96 barcode', '9632001560123456789900794808390594', '794808390594', 'Ground 96'],
    [
      '32-digit barcode ending in the Express number',
      `10019213342500010003${'986578788855'}`,
      '986578788855',
      'Express',
    ],
  ])('recognises a %s and stores the tracking number itself', (_, raw, stored, service) => {
    expect(ok(recogniseTracking(raw))).toMatchObject({ carrier: 'fedex', number: stored, service });
  });

  it.each([
    '996578788855',
    '5682 8361 0012 732',
    '9600000000000000000001',
    '1001901781990001000300617767839438',
    '9622001560001234567100794808390595',
    '9622001560001234567100794808390597',
    `10019213342500010003${'996578788855'}`,
  ])('refuses %s (wrong check digit)', (raw) => {
    expect(recogniseTracking(raw)).toMatchObject({ ok: false, carrier: 'fedex' });
  });

  it('checks the 34-digit serial with weights 1,7,3 modulo 11', () => {
    expect(fedex34CheckDigit('0077901797269')).toBe(7);
  });
});

describe('USPS', () => {
  it.each([
    ['IMpb 22', '9400 1112 0108 0805 4830 16', '9400111201080805483016'],
    ['IMpb 26', '92748931507708513018050063', '92748931507708513018050063'],
    ['20 digits', '0307 1790 0005 2348 3741', '03071790000523483741'],
    ['20 digits without their 91', '7196 9010 7560 0307 7385', '71969010756003077385'],
    ['420 + ZIP routing', '420 22153 9101026837331000039521', '9101026837331000039521'],
    ['420 + ZIP+4 routing', '4201002334249200190132607600833457', '9200190132607600833457'],
    ['420 + ZIP+4 routing', '4201028200009261290113185417468510', '9261290113185417468510'],
    ['S10', 'EA123456785US', 'EA123456785US'],
  ])('recognises %s and stores the number without its routing: %s', (_, raw, stored) => {
    const result = ok(recogniseTracking(raw));
    expect(result).toMatchObject({ carrier: 'usps', number: stored });
    expect(result.url).toBe(`https://tools.usps.com/go/TrackConfirmAction?tLabels=${stored}`);
  });

  it.each([
    '420000000000000000000000000000',
    '420000009200000000000000000000',
    '4201028200009261290113185417468511',
    '9200000000000000000000',
    '0307 1790 0005 2348 3742',
  ])('refuses %s', (raw) => {
    expect(recogniseTracking(raw)).toMatchObject({ ok: false, carrier: 'usps' });
  });
});

describe('DHL', () => {
  it.each(['3318810025', '73891051146', '8487135506', '3318810036'])(
    'recognises the Express waybill %s',
    (n) => {
      expect(ok(recogniseTracking(n))).toMatchObject({ carrier: 'dhl', checkDigitVerified: true });
    },
  );
  it.each(['3318810010', '3318810034', '3318810011'])('refuses the Express waybill %s', (n) => {
    expect(recogniseTracking(n)).toMatchObject({ ok: false, carrier: 'dhl' });
  });
  it.each(['GM2951173225174494', 'GM 2 9 5 117 32 25 1 7 44 9 4', 'GM295117494011169042'])(
    'recognises the eCommerce number %s by its format',
    (n) => {
      expect(ok(recogniseTracking(n))).toMatchObject({ carrier: 'dhlecommerce', checkDigitVerified: false });
    },
  );
  it.each(['GS295117494011169041', 'GR295117494011169045'])('does not take %s for DHL eCommerce', (n) => {
    expect(recogniseTracking(n).ok).toBe(false);
  });
});

describe('UK carriers', () => {
  it.each([
    ['00 81827 0998 0000 0200 33 350 276 C', '09980000020033'],
    ['0081 827 0998 0000 0200 45 327 276 N', '09980000020045'],
  ])('recognises the DPD label barcode %s and keeps its 14-digit parcel number', (raw, parcel) => {
    expect(ok(recogniseTracking(raw))).toMatchObject({
      carrier: 'dpd',
      number: parcel,
      checkDigitVerified: true,
    });
  });

  it.each(['008182709980000020033350276A', '0081 827 0998 0000 0200 45 000 000 N'])(
    'refuses the DPD barcode %s (wrong check character)',
    (raw) => {
      expect(recogniseTracking(raw)).toMatchObject({ ok: false, carrier: 'dpd' });
    },
  );

  it('checks DPD with ISO 7064 MOD 37,36', () => {
    expect(dpdCheckCharacter('008182709980000020033350276')).toBe('C');
  });

  it.each([
    ['Royal Mail', 'RB123456785GB', 'royalmail'],
    ['Parcelforce', 'PB1234567', 'parcelforce'],
    ['Yodel', 'JJD0002257639032011', 'yodel'],
    ['Yodel', 'JD0002242617644732', 'yodel'],
    ['Evri', 'H01HYA0012345678', 'evri'],
    ['Amazon Logistics', 'TBA502887274000', 'amazon'],
  ])('recognises %s %s', (_, raw, carrier) => {
    expect(ok(recogniseTracking(raw)).carrier).toBe(carrier);
  });

  it.each(['JD000225440506099', 'JC0002254405060992', 'TBA50288727400A', 'TBB000000000000'])(
    'does not take %s for Yodel or Amazon',
    (raw) => {
      const result = recogniseTracking(raw);
      expect(result.ok && ['yodel', 'amazon'].includes(result.carrier)).toBe(false);
    },
  );
});

describe('a number no format knows', () => {
  it('is kept as unverified for the carrier the packer chose, and refused without one', () => {
    expect(acceptTracking('15501234567890', 'DPD')).toEqual({
      ok: true,
      carrier: null,
      carrierName: 'DPD',
      number: '15501234567890',
      checkDigitVerified: false,
      unverified: true,
      url: null,
    });
    expect(acceptTracking('15501234567890')).toMatchObject({ ok: false });
  });

  it('is still refused when it is a misread of a known format, or not a number at all', () => {
    expect(acceptTracking('1Z999AA10123456785', 'UPS')).toMatchObject({ ok: false, carrier: 'ups' });
    expect(acceptTracking('420000000000000000000000000000', 'USPS')).toMatchObject({ ok: false });
    expect(acceptTracking('ab!', 'DPD')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/6 to 40/),
    });
  });
});

describe('carrierConflict: one rule for Pack and Ship', () => {
  const booked = { carrier: 'Royal Mail', method: 'Royal Mail Tracked 48', orderNumber: 'D1-000042' };
  it('asks before a UPS number ships an order booked on Royal Mail', () => {
    const ups = ok(recogniseTracking('1Z999AA10123456784'));
    expect(carrierConflict(ups, booked)).toBe(
      '1Z999AA10123456784 is a UPS number, but order D1-000042 is booked with Royal Mail (Royal Mail Tracked 48). Ship it with UPS anyway?',
    );
  });
  it('lets the booked carrier through, by family, and an order with no carrier', () => {
    expect(carrierConflict(ok(recogniseTracking('RB123456785GB')), booked)).toBeNull();
    expect(
      carrierConflict(ok(recogniseTracking('3318810025')), { carrier: 'DHL', orderNumber: 'X' }),
    ).toBeNull();
    expect(
      carrierConflict(ok(recogniseTracking('3318810025')), { carrier: 'Collection', orderNumber: 'X' }),
    ).toBeNull();
  });
});
