import { describe, expect, it } from 'vitest';
import { pdfPageOptions, printPageOptions } from './printPageSizes';

describe('printPageOptions (webContents.print, microns)', () => {
  it('prints receipts 80 mm wide and labels 4x6 inches, edge to edge', () => {
    expect(printPageOptions('receipt80mm')).toEqual({
      pageSize: { width: 80_000, height: 297_000 },
      margins: { marginType: 'none' },
    });
    expect(printPageOptions('label4x6')).toEqual({
      pageSize: { width: 101_600, height: 152_400 },
      margins: { marginType: 'none' },
    });
  });

  it('leaves A4 and Letter to Chromium with the printer margins', () => {
    expect(printPageOptions('A4')).toEqual({ pageSize: 'A4', margins: { marginType: 'default' } });
    expect(printPageOptions('Letter').pageSize).toBe('Letter');
  });
});

describe('pdfPageOptions (printToPDF, inches)', () => {
  it('measures a 4x6 label as exactly 4 by 6 inches with no margins', () => {
    expect(pdfPageOptions('label4x6')).toEqual({
      pageSize: { width: 4, height: 6 },
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
    });
  });

  it('measures a receipt as 80 mm wide', () => {
    const size = pdfPageOptions('receipt80mm').pageSize as { width: number };
    expect(size.width * 25.4).toBeCloseTo(80, 6);
  });
});
