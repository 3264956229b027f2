import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { OrderlineBridge } from '$shared/bridge';
import { DEFAULT_PRINTER_SETUP } from '$shared/printerSetup';
import { OrderlineDb } from '$db/database';
import { browserBridge } from './bridge';
import { savePrinterSetup } from './printerSettings';
import { printAs, printDocument, printHtml, savePdf } from './printing';

function fakeBridge(
  platform: 'electron' | 'browser',
  overrides: Partial<OrderlineBridge> = {},
): OrderlineBridge {
  return {
    ...browserBridge,
    platform,
    print: vi.fn(async () => ({ ok: true as const })),
    printToPdf: vi.fn(async () => new Uint8Array([37, 80, 68, 70])),
    saveFile: vi.fn(async () => true),
    ...overrides,
  };
}

describe('printing documents', () => {
  it('gives the print document the paper size and an escaped title', () => {
    const html = printDocument('Invoice <D1>', 'body{}', '<p>x</p>', 'A4');
    expect(html).toContain('@page{size:A4');
    expect(html).toContain('<title>Invoice &lt;D1&gt;</title>');
    expect(printDocument('R', '', '', 'receipt80mm')).toContain('size:80mm auto');
    expect(printDocument('R', '', '', 'Letter')).toContain('size:letter');
  });

  it('prints on the page size asked for and says what happened', async () => {
    const bridge = fakeBridge('electron');
    expect(await printHtml(bridge, '<html></html>', 'Letter', 'Invoice D1-000001')).toEqual({
      kind: 'ok',
      text: 'Invoice D1-000001 sent to the printer',
    });
    expect(bridge.print).toHaveBeenCalledWith({ html: '<html></html>', pageSize: 'Letter' });
    const refusing = fakeBridge('electron', {
      print: async () => ({ ok: false, message: 'Printer is offline' }),
    });
    expect(await printHtml(refusing, '', 'A4', 'Quote Q1-000001')).toEqual({
      kind: 'error',
      text: 'Quote Q1-000001 was not printed: Printer is offline',
    });
  });

  it('saves a PDF through the desktop bridge to the file the seller picks', async () => {
    const bridge = fakeBridge('electron');
    const saved = await savePdf(bridge, '<html></html>', 'A4', 'invoice-D1-000001.pdf', 'Invoice D1-000001');
    expect(saved).toEqual({ kind: 'ok', text: 'Invoice D1-000001 saved as invoice-D1-000001.pdf' });
    expect(bridge.printToPdf).toHaveBeenCalledWith({ html: '<html></html>', pageSize: 'A4' });
    expect(bridge.saveFile).toHaveBeenCalledWith('invoice-D1-000001.pdf', new Uint8Array([37, 80, 68, 70]));
  });

  it('in a browser, opens the print dialog for "Save as PDF" instead of failing', async () => {
    const bridge = fakeBridge('browser', {
      printToPdf: async () => {
        throw new Error('needs the desktop app');
      },
    });
    const saved = await savePdf(bridge, '<html></html>', 'receipt80mm', 'receipt.pdf', 'Receipt D1-000001');
    expect(saved.kind).toBe('ok');
    expect(saved.text).toMatch(/choose “Save as PDF”/);
    expect(bridge.print).toHaveBeenCalledWith({ html: '<html></html>', pageSize: 'receipt80mm' });
  });
});

describe('printing by the desk’s printer setup', () => {
  it('sends each kind of document to its printer, on its paper unless this print chose another', async () => {
    const db = new OrderlineDb(`test-${crypto.randomUUID()}`);
    try {
      await savePrinterSetup(db, {
        ...DEFAULT_PRINTER_SETUP,
        pickList: { printer: 'Bench laser', paper: 'Letter' },
        receipt: { printer: 'Till TM-T20', paper: 'receipt80mm' },
      });
      const bridge = fakeBridge('electron');
      expect(await printAs(db, bridge, 'pickList', '<p>pick</p>', 'Pick list')).toEqual({
        kind: 'ok',
        text: 'Pick list sent to the printer',
      });
      expect(bridge.print).toHaveBeenLastCalledWith({
        html: '<p>pick</p>',
        pageSize: 'Letter',
        printer: 'Bench laser',
      });
      await printAs(db, bridge, 'receipt', '<p>r</p>', 'Receipt D1-000001');
      expect(bridge.print).toHaveBeenLastCalledWith({
        html: '<p>r</p>',
        pageSize: 'receipt80mm',
        printer: 'Till TM-T20',
      });
      // No printer chosen: the system's default, on the kind's default paper or this print's.
      await printAs(db, bridge, 'invoice', '<p>i</p>', 'Invoice D1-000001', 'Letter');
      expect(bridge.print).toHaveBeenLastCalledWith({ html: '<p>i</p>', pageSize: 'Letter' });
    } finally {
      await db.delete();
    }
  });
});
