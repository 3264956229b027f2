// GTIN barcodes (EAN-13, EAN-8, UPC-A): check digits, validation with messages a person can act on.

export type GtinKind = 'EAN-13' | 'EAN-8' | 'UPC-A';

export type GtinCheck =
  { ok: true; kind: GtinKind; code: string } | { ok: false; message: string; expected?: number };

const KIND_BY_LENGTH: Record<number, GtinKind> = { 8: 'EAN-8', 12: 'UPC-A', 13: 'EAN-13' };

/**
 * The GS1 check digit for the digits before it (weights 3,1,3,… from the right).
 * The same rule serves EAN-13, EAN-8 and UPC-A.
 */
export function gtinCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new Error(`"${body}" is not all digits`);
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Appends the check digit: a 12-digit body becomes an EAN-13, 11 a UPC-A, 7 an EAN-8. */
export function withCheckDigit(body: string): string {
  return body + String(gtinCheckDigit(body));
}

export function checkGtin(raw: string): GtinCheck {
  const code = raw.trim();
  if (code === '')
    return { ok: false, message: 'Barcode is empty; scan it or type the digits under the bars' };
  if (!/^\d+$/.test(code)) {
    return { ok: false, message: `Barcode "${code}" has characters other than digits` };
  }
  const kind = KIND_BY_LENGTH[code.length];
  if (!kind) {
    return {
      ok: false,
      message: `Barcode ${code} has ${code.length} digits; EAN-13 has 13, UPC-A 12, EAN-8 8`,
    };
  }
  const expected = gtinCheckDigit(code.slice(0, -1));
  const actual = Number(code.at(-1));
  if (expected !== actual) {
    return { ok: false, message: `Barcode ${code} has a wrong check digit (expected ${expected})`, expected };
  }
  return { ok: true, kind, code };
}
