// How each Orderline paper size is told to Chromium: print() measures custom sizes in microns,
// printToPDF() in inches, and receipts and labels print edge to edge.
import type { Margins, PrintToPDFOptions, WebContentsPrintOptions } from 'electron';
import type { PrintPageSize } from '../src-shared/bridge';

interface PaperMm {
  width: number;
  height: number;
}

// An 80 mm receipt roll has no fixed length; one A4 length holds a long receipt and the printer
// cuts after the content. A 4x6 label is 101.6 x 152.4 mm.
const CUSTOM_PAPER: Partial<Record<PrintPageSize, PaperMm>> = {
  receipt80mm: { width: 80, height: 297 },
  label4x6: { width: 101.6, height: 152.4 },
};

const MM_PER_INCH = 25.4;

export function printPageOptions(size: PrintPageSize): Pick<WebContentsPrintOptions, 'pageSize' | 'margins'> {
  const paper = CUSTOM_PAPER[size];
  if (!paper) return { pageSize: size as 'A4' | 'Letter', margins: { marginType: 'default' } };
  const margins: Margins = { marginType: 'none' };
  return {
    pageSize: { width: Math.round(paper.width * 1000), height: Math.round(paper.height * 1000) },
    margins,
  };
}

export function pdfPageOptions(size: PrintPageSize): Pick<PrintToPDFOptions, 'pageSize' | 'margins'> {
  const paper = CUSTOM_PAPER[size];
  if (!paper) return { pageSize: size as 'A4' | 'Letter' };
  return {
    pageSize: { width: paper.width / MM_PER_INCH, height: paper.height / MM_PER_INCH },
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
  };
}
