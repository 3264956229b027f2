// How each Orderline paper size is told to Chromium: print() measures custom sizes in microns,
// printToPDF() in inches, and receipts and labels print edge to edge.
import type { Margins, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import type { PrintPageSize } from '$shared/bridge';

// Whole microns, so the inch sizes come out exact (a 4x6 label must be 4 x 6, not 6.000000000000001).
interface PaperMicrons {
  width: number;
  height: number;
}

// An 80 mm receipt roll has no fixed length; one A4 length holds a long receipt and the printer
// cuts after the content. A 4x6 label is 101.6 x 152.4 mm.
const CUSTOM_PAPER: Partial<Record<PrintPageSize, PaperMicrons>> = {
  receipt80mm: { width: 80_000, height: 297_000 },
  label4x6: { width: 101_600, height: 152_400 },
};

const MICRONS_PER_INCH = 25_400;

export function printPageOptions(size: PrintPageSize): Pick<WebContentsPrintOptions, 'pageSize' | 'margins'> {
  const paper = CUSTOM_PAPER[size];
  if (!paper) return { pageSize: size as 'A4' | 'Letter', margins: { marginType: 'default' } };
  const margins: Margins = { marginType: 'none' };
  return {
    pageSize: { width: paper.width, height: paper.height },
    margins,
  };
}

export function pdfPageOptions(size: PrintPageSize): Pick<PrintToPDFOptions, 'pageSize' | 'margins'> {
  const paper = CUSTOM_PAPER[size];
  if (!paper) return { pageSize: size as 'A4' | 'Letter' };
  return {
    pageSize: { width: paper.width / MICRONS_PER_INCH, height: paper.height / MICRONS_PER_INCH },
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  };
}
