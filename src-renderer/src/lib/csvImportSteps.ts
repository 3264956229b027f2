// The import worker's steps, as a function of its messages: the worker file runs them off the main
// thread, and tests run them in-process. It keeps the table it read and the plan it checked, and
// writes that plan when asked, so the rows never travel to the window and back.
import type { CsvTable } from '$shared/csvText';
import { readCsv } from '$shared/csvText';
import { planCustomerImport, type CustomerImportPlan } from '$shared/customerImport';
import { autoMapping, detectLayout } from '$shared/importLayouts';
import { planProductImport, type ProductImportPlan } from '$shared/productImport';
import type { Product } from '$shared/records';
import type { OrderlineDb } from '$db/database';
import { catalogueNow, customerEmails, writeCustomerImport, writeProductImport } from '$db/importWrites';
import type { FromWorker, PlanSettings, PlanSummary, ToWorker } from './csvImportMessages';

const PREVIEW_ROWS = 8;
/** Changes listed in the review; the rest are counted. */
const CHANGE_ROWS = 200;

class Cancelled extends Error {}

/** `stored`: the catalogue's products, for the names of new variants added to one of them. */
function productSummary(plan: ProductImportPlan, stored: ReadonlyMap<string, Product>): PlanSummary {
  const names = new Map(
    [...plan.products, ...plan.updatedProducts.map((u) => u.row)].map((p) => [p.id, p.name]),
  );
  const opening = new Map(plan.movements.map((m) => [m.variantId, m.quantity]));
  return {
    kind: 'products',
    goodRows: plan.goodRows,
    problems: plan.problems,
    skippedRows: plan.skippedRows,
    madeBarcodes: plan.madeBarcodes,
    products: plan.products.length,
    variants: plan.variants.length,
    units: plan.movements.reduce((sum, m) => sum + m.quantity, 0),
    changed: plan.changes.length,
    changes: plan.changes.slice(0, CHANGE_ROWS),
    unchanged: plan.unchangedRows,
    stockNotChanged: plan.stockNotChanged,
    customers: 0,
    preview: plan.variants.slice(0, PREVIEW_ROWS).map((v) => ({
      product: names.get(v.productId) ?? stored.get(v.productId)?.name ?? '',
      variant: Object.values(v.attributes).join(' / '),
      sku: v.sku,
      barcode: v.barcode,
      price: v.price,
      opening: opening.get(v.id) ?? 0,
    })),
    customerPreview: [],
  };
}

function customerSummary(plan: CustomerImportPlan): PlanSummary {
  return {
    kind: 'customers',
    goodRows: plan.goodRows,
    problems: plan.problems,
    skippedRows: 0,
    madeBarcodes: 0,
    products: 0,
    variants: 0,
    units: 0,
    changed: 0,
    changes: [],
    unchanged: 0,
    stockNotChanged: 0,
    customers: plan.customers.length,
    preview: [],
    customerPreview: plan.customers.slice(0, PREVIEW_ROWS).map((c) => ({
      name: c.name,
      email: c.email ?? '',
      town: c.addresses[0]?.city ?? '',
    })),
  };
}

export function importSteps(
  reply: (message: FromWorker) => void,
  openDb: (name: string) => OrderlineDb,
): (message: ToWorker) => Promise<void> {
  let table: CsvTable | null = null;
  let planned: {
    settings: PlanSettings;
    products?: ProductImportPlan;
    customers?: CustomerImportPlan;
  } | null = null;
  let cancelled = false;
  // Progress at most every 2%, so messages never outnumber the work.
  let last = -1;
  const progress = (fraction: number) => {
    if (cancelled) throw new Cancelled();
    if (fraction === 1 || fraction - last >= 0.02) {
      last = fraction;
      reply({ type: 'progress', fraction });
    }
  };

  async function plan(settings: PlanSettings): Promise<FromWorker> {
    if (!table) return { type: 'failed', message: 'Choose a file first' };
    const db = openDb(settings.dbName);
    if (settings.layout === 'customers') {
      const existingEmails = await customerEmails(db);
      const customers = planCustomerImport(
        table.rows,
        { mapping: settings.mapping, existingEmails, defaultCountry: settings.country, now: settings.now },
        progress,
      );
      planned = { settings, customers };
      return { type: 'planned', summary: customerSummary(customers) };
    }
    const catalogue = await catalogueNow(db);
    const products = planProductImport(
      table.rows,
      {
        layout: settings.layout,
        mapping: settings.mapping,
        currency: settings.currency,
        defaultBin: settings.defaultBin,
        defaultCategory: 'Uncategorised',
        existingVariants: catalogue.variants,
        existingProducts: catalogue.products,
        existingBarcodes: catalogue.barcodes,
        makeMissingBarcodes: settings.makeMissingBarcodes,
        barcodePrefix: settings.barcodePrefix,
        source: settings.source,
        deskId: settings.who.deskId,
        ...(settings.who.staffId ? { staffId: settings.who.staffId } : {}),
        now: settings.now,
      },
      progress,
    );
    planned = { settings, products };
    return { type: 'planned', summary: productSummary(products, catalogue.products) };
  }

  async function write(): Promise<FromWorker> {
    if (!planned) return { type: 'failed', message: 'Check the rows first' };
    const { settings, products, customers } = planned;
    const db = openDb(settings.dbName);
    if (products) await writeProductImport(db, products, settings.who, settings.source, progress);
    if (customers) await writeCustomerImport(db, customers, progress);
    planned = null;
    return { type: 'written' };
  }

  return async (message) => {
    if (message.type === 'cancel') {
      cancelled = true;
      return;
    }
    last = -1;
    cancelled = false;
    try {
      if (message.type === 'read') {
        const read = readCsv(message.text, progress);
        if (!read.ok) return reply({ type: 'failed', message: read.message });
        table = read.table;
        planned = null;
        const layout = detectLayout(table.headers);
        reply({
          type: 'read',
          headers: table.headers,
          rowCount: table.rows.length,
          layout,
          mapping: autoMapping(layout, table.headers),
        });
      } else if (message.type === 'plan') {
        reply(await plan(message.settings));
      } else {
        reply(await write());
      }
    } catch (error) {
      if (error instanceof Cancelled) reply({ type: 'cancelled' });
      else reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
}
