// What the window and the CSV import worker say to each other (structured clone, no functions).
import type { CustomerImportOptions, CustomerImportPlan } from '../../../src-shared/customerImport';
import type { ColumnMapping, ImportLayout } from '../../../src-shared/importLayouts';
import type { ProductImportOptions, ProductImportPlan } from '../../../src-shared/productImport';

export type ToWorker =
  | { type: 'read'; text: string }
  | { type: 'planProducts'; options: ProductImportOptions }
  | { type: 'planCustomers'; options: CustomerImportOptions };

export type FromWorker =
  | { type: 'progress'; fraction: number }
  | { type: 'read'; headers: string[]; rowCount: number; layout: ImportLayout; mapping: ColumnMapping }
  | { type: 'products'; plan: ProductImportPlan }
  | { type: 'customers'; plan: CustomerImportPlan }
  | { type: 'failed'; message: string };

/** The part of a Worker the import uses, so tests can run the same steps without one. */
export interface ImportWorker {
  postMessage(message: ToWorker): void;
  onmessage: ((event: { data: FromWorker }) => void) | null;
  /** A worker that fails to load or throws outside its steps. */
  onerror?: ((event: { message?: string }) => void) | null;
  terminate(): void;
}
