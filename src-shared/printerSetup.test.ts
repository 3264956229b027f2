import { describe, expect, it } from 'vitest';
import { DEFAULT_PRINTER_SETUP, parsePrinterSetup, zplForDpi } from './printerSetup';

describe('parsePrinterSetup', () => {
  it('keeps a valid choice per kind and falls back to the default for the rest', () => {
    const setup = parsePrinterSetup({
      label: { printer: 'Zebra ZD421', paper: 'label4x6', format: 'zpl300' },
      invoice: { paper: 'Letter' },
      receipt: { paper: 'A4' }, // a receipt roll is not A4: the default stands
      productLabel: 'nonsense',
    });
    expect(setup).toEqual({
      ...DEFAULT_PRINTER_SETUP,
      label: { printer: 'Zebra ZD421', paper: 'label4x6', format: 'zpl300' },
      invoice: { paper: 'Letter' },
      // Stored before they had rows of their own: they follow invoices and shipping labels.
      packingSlip: { paper: 'Letter' },
      customs: { printer: 'Zebra ZD421', paper: 'label4x6' },
    });
  });

  it('starts packing slips and customs declarations where a setup stored before them printed them', () => {
    const setup = parsePrinterSetup({
      label: { printer: 'Zebra ZD421', paper: 'label4x6', format: 'zpl203' },
      invoice: { printer: 'Office laser', paper: 'Letter' },
    });
    expect(setup.packingSlip).toEqual({ printer: 'Office laser', paper: 'Letter' });
    // The declaration goes to the label printer as a print view: ZPL is the shipping label's alone.
    expect(setup.customs).toEqual({ printer: 'Zebra ZD421', paper: 'label4x6' });
    expect(setup.pickList).toEqual(DEFAULT_PRINTER_SETUP.pickList);
  });

  it('keeps a packing slip and customs choice of their own over the old rows', () => {
    const setup = parsePrinterSetup({
      invoice: { printer: 'Office laser', paper: 'Letter' },
      packingSlip: { printer: 'Bench laser', paper: 'A4' },
      customs: { paper: 'label4x6' },
      pickList: { paper: 'label4x6' }, // not a pick list's paper: the default stands
    });
    expect(setup.packingSlip).toEqual({ printer: 'Bench laser', paper: 'A4' });
    expect(setup.customs).toEqual({ paper: 'label4x6' });
    expect(setup.pickList).toEqual({ paper: 'A4' });
  });

  it('names a printer and paper for every document the benches print', () => {
    expect(Object.keys(DEFAULT_PRINTER_SETUP).sort()).toEqual(
      ['customs', 'invoice', 'label', 'packingSlip', 'pickList', 'productLabel', 'receipt'].sort(),
    );
  });

  it('gives the defaults for nothing stored', () => {
    expect(parsePrinterSetup(undefined)).toEqual(DEFAULT_PRINTER_SETUP);
  });
});

describe('zplForDpi', () => {
  const zpl =
    '^XA^PW812^LL1218^LH0,0^FO40,30^A0N,28,28^FDHi^FS^FO40,195^GB732,3,3^FS^FO96,1040^BY3^BCN,120,Y,N,N,A^FDD1-000042^FS^XZ';
  it('leaves a 203 dpi label as it is', () => {
    expect(zplForDpi(zpl, 203)).toBe(zpl);
  });
  it('scales every position and size in dots for a 300 dpi printer, keeping the same inches', () => {
    expect(zplForDpi(zpl, 300)).toBe(
      '^XA^PW1200^LL1800^LH0,0^FO59,44^A0N,41,41^FDHi^FS^FO59,288^GB1082,4,4^FS^FO142,1537^BY4^BCN,177,Y,N,N,A^FDD1-000042^FS^XZ',
    );
  });
});
