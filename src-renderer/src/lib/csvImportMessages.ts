// What the window and the CSV import worker say to each other (structured clone, no functions).
// The worker keeps the file and the checked rows; the window gets a summary, the bad rows and a
// preview, and asks the worker to write, so 100,000 rows never cross between the two.
import type { ColumnMapping, ImportLayout } from '$shared/importLayouts';
import type { Money } from '$shared/money';
import type { Who } from '$shared/orderRow';
import type { CatalogueChange, RowProblem } from '$shared/productImport';

export interface PlanSettings {
  /** The desk's database, which the worker opens for the codes already used and for the write. */
  dbName: string;
  layout: ImportLayout;
  mapping: ColumnMapping;
  currency: string;
  country: string;
  /** The store's prefix for the in-store barcodes the import makes (store.barcodePrefix). */
  barcodePrefix: string;
  defaultBin: string;
  makeMissingBarcodes: boolean;
  /** The file's name, for the opening stock's reason and the audit log. */
  source: string;
  who: Who;
  now: string;
}

export interface PreviewRow {
  product: string;
  variant: string;
  sku: string;
  barcode: string;
  price: Money;
  opening: number;
}

export interface CustomerPreviewRow {
  name: string;
  email: string;
  town: string;
}

export interface PlanSummary {
  kind: 'products' | 'customers';
  goodRows: number;
  problems: RowProblem[];
  skippedRows: number;
  madeBarcodes: number;
  /** New products and variants (some variants of products already in the catalogue). */
  products: number;
  variants: number;
  units: number;
  /** Rows that change items already in the catalogue, the first of them with what they change;
   * rows that match one and change nothing; and such rows whose stock quantity is not imported. */
  changed: number;
  changes: CatalogueChange[];
  unchanged: number;
  stockNotChanged: number;
  customers: number;
  preview: PreviewRow[];
  customerPreview: CustomerPreviewRow[];
}

export type ToWorker =
  | { type: 'read'; text: string }
  | { type: 'plan'; settings: PlanSettings }
  | { type: 'write' }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'progress'; fraction: number }
  | { type: 'read'; headers: string[]; rowCount: number; layout: ImportLayout; mapping: ColumnMapping }
  | { type: 'planned'; summary: PlanSummary }
  | { type: 'written' }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

/** The part of a Worker the import uses, so tests can run the same steps without one. */
export interface ImportWorker {
  postMessage(message: ToWorker): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  /** A worker that fails to load or throws outside its steps. */
  onerror?: ((event: { message?: string }) => void) | null;
  terminate(): void;
}
