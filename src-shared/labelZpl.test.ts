import { describe, expect, it } from 'vitest';
import {
  barcodeFit,
  code128Modules,
  LABEL_HEIGHT_DOTS,
  LABEL_WIDTH_DOTS,
  shippingLabelZpl,
  zplEscape,
  type ShippingLabel,
} from './labelZpl';

const label: ShippingLabel = {
  shipFrom: {
    name: 'Orderline Demo Store',
    line1: '1 Dock Road',
    city: 'Leeds',
    postalCode: 'LS1 4AP',
    country: 'GB',
  },
  shipTo: {
    name: 'Ada Lovelace',
    company: 'Analytical Engines Ltd',
    line1: '12 St James’s Square',
    line2: 'Flat 3',
    city: 'London',
    postalCode: 'SW1Y 4JH',
    country: 'GB',
    phone: '+44 20 7946 0000',
  },
  carrier: 'UPS',
  service: 'Ground',
  trackingNumber: '1Z999AA10123456784',
  parcelReference: 'D1-000042',
  parcel: { index: 1, count: 2 },
  weightGrams: 1250,
};

function zplOf(input: ShippingLabel): string {
  const result = shippingLabelZpl(input);
  if (!result.ok) throw new Error(result.reason);
  return result.zpl;
}

/** Reads ^FH field data back the way the printer does: _XX is the character with that hex code. */
function fieldTexts(zpl: string): string[] {
  return [...zpl.matchAll(/\^FH\^FD(.*?)\^FS/g)].map((m) =>
    m[1]!.replace(/_([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

describe('shippingLabelZpl: structure', () => {
  const zpl = zplOf(label);

  it('is one label: starts with ^XA, ends with ^XZ, sized 812 x 1218 dots', () => {
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.endsWith('^XZ')).toBe(true);
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).toContain(`^PW${LABEL_WIDTH_DOTS}`);
    expect(zpl).toContain(`^LL${LABEL_HEIGHT_DOTS}`);
    expect(zpl).toContain('^CI28');
  });

  it('places every field inside the label', () => {
    const origins = [...zpl.matchAll(/\^FO(\d+),(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(origins.length).toBeGreaterThan(10);
    for (const [x, y] of origins) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(LABEL_WIDTH_DOTS);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(LABEL_HEIGHT_DOTS);
    }
  });

  it('closes every field it opens', () => {
    expect(zpl.match(/\^FO/g)!.length).toBe(zpl.match(/\^FS/g)!.length);
  });

  it('prints both address blocks, carrier, service, parcel count and weight', () => {
    const texts = fieldTexts(zpl);
    for (const expected of [
      'Orderline Demo Store',
      'Ada Lovelace',
      'Analytical Engines Ltd',
      '12 St James’s Square',
      'LONDON',
      'SW1Y 4JH',
      'UPS Ground',
      'PARCEL 1/2',
      '1.25 kg',
    ]) {
      expect(texts).toContain(expected);
    }
  });

  it('draws the tracking number and the parcel reference as Code 128 that fit the label width', () => {
    const barcodes = [...zpl.matchAll(/\^FO(\d+),(\d+)\^BY(\d)\^BCN,(\d+),Y,N,N,A\^FD([^^]+)\^FS/g)];
    expect(barcodes.map((m) => m[5])).toEqual(['1Z999AA10123456784', 'D1-000042']);
    for (const [, x, y, module, height, data] of barcodes) {
      const right = Number(x) + Number(module) * code128Modules(data!);
      expect(right).toBeLessThanOrEqual(LABEL_WIDTH_DOTS);
      // The interpretation line under the bars takes about 30 dots more.
      expect(Number(y) + Number(height) + 30).toBeLessThanOrEqual(LABEL_HEIGHT_DOTS);
    }
  });

  it('uses narrower bars for long numbers and packs even digit runs', () => {
    expect(barcodeFit('D1-000042')!.module).toBe(4);
    expect(code128Modules('9400111201080805483016')).toBe((11 + 3) * 11 + 2);
    expect(barcodeFit('420221539101026837331000039521')).not.toBeNull();
    expect(zplOf({ ...label, trackingNumber: '9400 1112 0108 0805 4830 16' })).toContain(
      '^FD9400111201080805483016^FS',
    );
  });

  it('says so on the label when there is no tracking number', () => {
    const zpl = zplOf({ ...label, trackingNumber: undefined });
    expect(fieldTexts(zpl)).toContain('NO TRACKING NUMBER');
    expect(zpl.match(/\^BC/g)).toHaveLength(1);
  });
});

describe('shippingLabelZpl: escaping', () => {
  it('hex-escapes ^, ~ and _ so an address cannot start a command', () => {
    expect(zplEscape('A^B~C_D')).toBe('A_5EB_7EC_5FD');
    const zpl = zplOf({ ...label, shipTo: { ...label.shipTo, name: 'Evil ^XZ~JR name_x' } });
    expect(zpl).not.toContain('~');
    expect(fieldTexts(zpl)).toContain('Evil ^XZ~JR name_x');
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
  });

  it('has no caret in the output that does not start a known command', () => {
    const zpl = zplOf({ ...label, shipTo: { ...label.shipTo, line2: '^^^FO0,0' } });
    const commands = zpl
      .split('^')
      .slice(1)
      .map((part) => part.slice(0, 2));
    const known = new Set([
      'XA',
      'XZ',
      'CI',
      'PW',
      'LL',
      'LH',
      'FO',
      'A0',
      'FH',
      'FD',
      'FS',
      'GB',
      'BY',
      'BC',
    ]);
    expect(commands.filter((c) => !known.has(c))).toEqual([]);
  });

  it('turns line breaks pasted into an address into spaces, and clips long lines', () => {
    const zpl = zplOf({
      ...label,
      shipTo: { ...label.shipTo, line1: 'Unit 4\r\nBlock B', line2: 'x'.repeat(200) },
    });
    const texts = fieldTexts(zpl);
    expect(texts).toContain('Unit 4 Block B');
    const long = texts.find((t) => t.startsWith('xxx'))!;
    expect(long.length).toBeLessThan(40);
    expect(long.endsWith('...')).toBe(true);
  });

  it('keeps accented and non-Latin names as they are (UTF-8 with ^CI28)', () => {
    const zpl = zplOf({ ...label, shipTo: { ...label.shipTo, name: 'Zoë Müller-Łukasz' } });
    expect(fieldTexts(zpl)).toContain('Zoë Müller-Łukasz');
  });

  it('refuses barcode data that Code 128 on ZPL would misread, with a sentence', () => {
    const result = shippingLabelZpl({ ...label, parcelReference: 'D1>000042' });
    expect(result).toEqual({
      ok: false,
      reason:
        'Parcel reference “D1>000042” cannot be a label barcode; use up to 48 capital letters, digits, spaces, dots, slashes or dashes',
    });
  });
});
