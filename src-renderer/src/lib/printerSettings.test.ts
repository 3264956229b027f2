import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PRINTER_SETUP } from '$shared/printerSetup';
import { OrderlineDb } from '$db/database';
import { loadPrinterSetup, savePrinterSetup, testLabelZpl, testPageHtml } from './printerSettings';

let db: OrderlineDb;
beforeEach(() => {
  db = new OrderlineDb(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe('printer setup', () => {
  it('starts at the defaults and keeps what is saved', async () => {
    expect(await loadPrinterSetup(db)).toEqual(DEFAULT_PRINTER_SETUP);
    const setup = {
      ...DEFAULT_PRINTER_SETUP,
      label: { printer: 'Zebra ZD421', paper: 'label4x6' as const, format: 'zpl300' as const },
    };
    await savePrinterSetup(db, setup);
    expect(await loadPrinterSetup(db)).toEqual(setup);
  });

  it('test pages name the document, paper and printer, escaped, on the paper they test', () => {
    const page = testPageHtml('receipt', { paper: 'receipt80mm', printer: 'Epson <TM-T20>' });
    expect(page).toContain('Receipts · 80 mm roll · Epson &lt;TM-T20&gt;');
    expect(page).toContain('@page{size:80mm auto;margin:0}');
  });

  it('a test label fills 4x6 inches at either resolution', () => {
    expect(testLabelZpl(203)).toContain('^PW812');
    expect(testLabelZpl(300)).toContain('^PW1200');
    expect(testLabelZpl(300)).toContain('^LL1800');
  });
});
