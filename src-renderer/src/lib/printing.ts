// Printed documents through the bridge: print on the printer and paper the desk's printer setup
// gives each kind of document (or the page size asked for), or save as PDF. In a plain browser the
// bridge prints through the browser's print dialog, where "Save as PDF" is one of the printers, so
// the PDF button prints there and says so.
import type { OrderlineBridge, PrintPageSize } from '$shared/bridge';
import type { DocumentKind } from '$shared/printerSetup';
import { escapeHtml } from '$shared/receiptEmail';
import type { Order } from '$shared/records';
import type { ShippingQuote } from '$shared/shippingRules';
import type { OrderlineDb } from '$db/database';
import { loadPrinterSetup } from './printerSettings';
import { shippingQuoteOf } from './sale';

export type PrintOutcome = { kind: 'ok' | 'error'; text: string };

const PAGE_CSS: Record<PrintPageSize, string> = {
  receipt80mm: '@page{size:80mm auto;margin:0}',
  A4: '@page{size:A4;margin:14mm}',
  Letter: '@page{size:letter;margin:0.6in}',
  label4x6: '@page{size:4in 6in;margin:0}',
};

/** A standalone print document: the browser's print dialog takes its paper size from @page. */
export function printDocument(title: string, style: string, body: string, pageSize: PrintPageSize): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${PAGE_CSS[pageSize]}${style}</style></head><body>${body}</body></html>`;
}

/** Prints `html`; `what` names it in the sentence shown afterwards ("Invoice D1-000042"). */
export async function printHtml(
  bridge: Pick<OrderlineBridge, 'print'>,
  html: string,
  pageSize: PrintPageSize,
  what: string,
  printer?: string,
): Promise<PrintOutcome> {
  try {
    const outcome = await bridge.print({ html, pageSize, ...(printer ? { printer } : {}) });
    return outcome.ok
      ? { kind: 'ok', text: `${what} sent to the printer` }
      : { kind: 'error', text: `${what} was not printed: ${outcome.message}` };
  } catch (failure) {
    return { kind: 'error', text: `${what} was not printed: ${String(failure)}` };
  }
}

/**
 * Prints a document of `kind` where this desk's printer setup (Settings › Printers) sends it: its
 * printer, on its paper unless the person chose another one for this print.
 */
export async function printAs(
  db: OrderlineDb,
  bridge: OrderlineBridge,
  kind: DocumentKind,
  html: string,
  what: string,
  paper?: PrintPageSize,
): Promise<PrintOutcome> {
  const choice = (await loadPrinterSetup(db))[kind];
  return printHtml(bridge, html, paper ?? choice.paper, what, choice.printer);
}

/** A document wrapped for the paper its kind is set to print on (printDocument), then printed as `kind`. */
export async function printDocumentAs(
  db: OrderlineDb,
  bridge: OrderlineBridge,
  kind: DocumentKind,
  document: { title: string; style: string; body: string },
  what: string,
): Promise<PrintOutcome> {
  const choice = (await loadPrinterSetup(db))[kind];
  const html = printDocument(document.title, document.style, document.body, choice.paper);
  return printHtml(bridge, html, choice.paper, what, choice.printer);
}

/**
 * Saves `html` as a PDF file the seller picks (desktop), or opens the browser's print dialog to
 * choose "Save as PDF" there (browser, which cannot write a PDF by itself).
 */
export async function savePdf(
  bridge: OrderlineBridge,
  html: string,
  pageSize: PrintPageSize,
  fileName: string,
  what: string,
): Promise<PrintOutcome> {
  if (bridge.platform === 'browser') {
    const printed = await printHtml(bridge, html, pageSize, what);
    return printed.kind === 'ok'
      ? { kind: 'ok', text: `${what}: choose “Save as PDF” as the printer in the print dialog` }
      : printed;
  }
  try {
    const bytes = await bridge.printToPdf({ html, pageSize });
    const saved = await bridge.saveFile(fileName, bytes);
    return saved ? { kind: 'ok', text: `${what} saved as ${fileName}` } : { kind: 'ok', text: 'Not saved' };
  } catch (failure) {
    const reason = failure instanceof Error ? failure.message : String(failure);
    return { kind: 'error', text: `${what} was not saved as PDF: ${reason}` };
  }
}

/**
 * The order's shipping method with the dispatch and delivery dates it was sold with: quoted as of
 * the checkout (its last checkout.start), so a reprint next week shows the dates the customer was given.
 */
export async function orderDelivery(db: OrderlineDb, order: Order): Promise<ShippingQuote | null> {
  const events = await db.orderEvents
    .where('[orderId+seq]')
    .between([order.id, 0], [order.id, Infinity])
    .toArray();
  const checkout = events.filter((e) => e.event.type === 'checkout.start').at(-1);
  return shippingQuoteOf(db, order, new Date(checkout?.at ?? order.createdAt));
}
