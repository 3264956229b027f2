// This desk's printer setup as stored (Settings › Printers), and the test page each document kind
// prints so a person can check the printer and paper before a customer's receipt or label.
import { LABEL_HEIGHT_DOTS, LABEL_WIDTH_DOTS } from '$shared/labelZpl';
import {
  DOCUMENT_NAMES,
  PAPER_NAMES,
  PRINTER_SETUP_KEY,
  parsePrinterSetup,
  zplForDpi,
  type DocumentKind,
  type PrinterChoice,
  type PrinterSetup,
} from '$shared/printerSetup';
import type { OrderlineDb } from '$db/database';
import { escapeHtml } from '$shared/receiptEmail';
import { printDocument } from './printing';

export async function loadPrinterSetup(db: OrderlineDb): Promise<PrinterSetup> {
  return parsePrinterSetup((await db.settings.get(PRINTER_SETUP_KEY))?.value);
}

/** Stores the setup as checked (anything invalid becomes that kind's default) and returns it. */
export async function savePrinterSetup(db: OrderlineDb, setup: PrinterSetup): Promise<PrinterSetup> {
  const checked = parsePrinterSetup(setup);
  await db.settings.put({ key: PRINTER_SETUP_KEY, value: checked });
  return checked;
}

/** A one-page test document for a kind of document on its chosen paper. */
export function testPageHtml(kind: DocumentKind, choice: PrinterChoice): string {
  const what = `${DOCUMENT_NAMES[kind]} · ${PAPER_NAMES[choice.paper]} · ${escapeHtml(choice.printer ?? 'system default printer')}`;
  return printDocument(
    'Test print',
    'body{font:14px Arial,sans-serif;margin:0.2in}.box{border:2px solid #000;padding:0.2in}',
    `<div class="box"><h1>Orderline test print</h1><p>${what}</p><p>If this page is cut off or scaled, choose another paper in Settings › Printers.</p></div>`,
    choice.paper,
  );
}

/** A test label in ZPL with a frame at the label's edges, at the printer's resolution. */
export function testLabelZpl(dpi: 203 | 300): string {
  const zpl = [
    '^XA',
    `^PW${LABEL_WIDTH_DOTS}`,
    `^LL${LABEL_HEIGHT_DOTS}`,
    '^LH0,0',
    `^FO20,20^GB${LABEL_WIDTH_DOTS - 40},${LABEL_HEIGHT_DOTS - 40},4^FS`,
    '^FO60,80^A0N,48,48^FDOrderline test label^FS',
    `^FO60,160^A0N,32,32^FD4 x 6 in, ${dpi} dpi^FS`,
    '^XZ',
  ].join('\n');
  return zplForDpi(zpl, dpi);
}
