// The "Import and export" panel's state and steps: choose a CSV, map its columns, check every row
// in a worker (progress, cancel), review the bad rows, then import the good rows or none; and export
// products, customers, orders or stock through the bridge's save-file call.
import {
  autoMapping,
  fieldsNotKept,
  LAYOUT_FIELDS,
  mappingProblems,
  type ColumnMapping,
  type ImportLayout,
} from '$shared/importLayouts';
import type { Who } from '$shared/orderRow';
import type { OrderlineDb } from '$db/database';
import { EXPORT_NAMES, exportCsv, exportFileName, type ExportKind } from '$db/exportData';
import type { FromWorker, ImportWorker, PlanSummary, ToWorker } from '$lib/csvImportMessages';

export type ImportStage = 'idle' | 'reading' | 'mapped' | 'checking' | 'review' | 'writing';

export interface ImportExportDeps {
  db: OrderlineDb;
  makeWorker: () => ImportWorker;
  openFile: () => Promise<{ name: string; text: string } | null>;
  saveFile: (name: string, data: string) => Promise<boolean>;
  /** Who the import is by, and the desk it is made on. */
  who: () => Promise<Who>;
  /** The store's currency and country (settings), for prices and addresses without a country, and
   * its prefix (store.barcodePrefix) for the barcodes an import makes. */
  store: () => Promise<{ currency: string; country: string; barcodePrefix: string }>;
  now: () => Date;
}

class Cancelled extends Error {}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** Opened from the File ▸ Export… menu: the panel opens (and takes focus) wherever it is shown. */
export const importExportRequest = $state({ open: false });

export class ImportExport {
  stage = $state<ImportStage>('idle');
  progress = $state(0);
  fileName = $state('');
  headers = $state.raw<string[]>([]);
  rowCount = $state(0);
  layout = $state<ImportLayout>('shopify');
  mapping = $state.raw<ColumnMapping>({});
  defaultBin = $state('A-01-1');
  makeBarcodes = $state(true);
  /** The store's prefix for the barcodes an import makes, once read. */
  barcodePrefix = $state('');
  /** The checked file: counts, every bad row, a preview. The rows themselves stay in the worker. */
  summary = $state.raw<PlanSummary | null>(null);
  error = $state('');
  message = $state('');
  exporting = $state<ExportKind | null>(null);

  readonly problems = $derived(mappingProblems(this.layout, this.mapping));
  readonly fields = $derived(LAYOUT_FIELDS[this.layout]);
  readonly notKept = $derived(fieldsNotKept(this.layout, this.mapping));
  readonly rowProblems = $derived(this.summary?.problems ?? []);
  readonly goodRows = $derived(this.summary?.goodRows ?? 0);
  readonly busy = $derived(this.stage === 'reading' || this.stage === 'checking' || this.stage === 'writing');

  #worker: ImportWorker | null = null;
  #pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly deps: ImportExportDeps) {}

  #ask(message: ToWorker): Promise<FromWorker> {
    this.#worker ??= this.deps.makeWorker();
    const worker = this.#worker;
    this.progress = 0;
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      worker.onerror = (event) => {
        this.#pending = null;
        this.#worker = null;
        reject(
          new Error(
            `The import stopped unexpectedly${event.message ? ` (${event.message})` : ''}; try again`,
          ),
        );
      };
      worker.onmessage = ({ data }) => {
        if (data.type === 'progress') this.progress = data.fraction;
        else {
          this.#pending = null;
          resolve(data);
        }
      };
      worker.postMessage(message);
    });
  }

  #stopWorker(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#pending?.reject(new Cancelled());
    this.#pending = null;
  }

  #fail(error: unknown): void {
    if (error instanceof Cancelled) return;
    this.error = error instanceof Error ? error.message : String(error);
  }

  async chooseFile(): Promise<void> {
    this.error = '';
    try {
      const file = await this.deps.openFile();
      if (file) await this.loadText(file.name, file.text);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Reads a file in the worker, guesses its layout and columns, and checks its rows when it can. */
  async loadText(name: string, text: string): Promise<void> {
    this.#stopWorker();
    this.error = '';
    this.message = '';
    this.summary = null;
    this.fileName = name;
    this.stage = 'reading';
    try {
      const answer = await this.#ask({ type: 'read', text });
      if (answer.type !== 'read') {
        this.#stopWorker();
        this.stage = 'idle';
        this.error =
          answer.type === 'failed' ? `${name} cannot be read: ${answer.message}` : 'Unexpected answer';
        return;
      }
      this.headers = answer.headers;
      this.rowCount = answer.rowCount;
      this.layout = answer.layout;
      this.mapping = answer.mapping;
      this.stage = 'mapped';
      if (this.problems.length === 0) await this.check();
    } catch (error) {
      if (!(error instanceof Cancelled)) this.stage = 'idle';
      this.#fail(error);
    }
  }

  setLayout(layout: ImportLayout): void {
    this.layout = layout;
    this.mapping = autoMapping(layout, this.headers);
    this.#changed();
  }

  setColumn(field: string, column: number | null): void {
    this.mapping = { ...this.mapping, [field]: column };
    this.#changed();
  }

  setDefaultBin(bin: string): void {
    this.defaultBin = bin.trim().toUpperCase();
    this.#changed();
  }

  setMakeBarcodes(make: boolean): void {
    this.makeBarcodes = make;
    this.#changed();
  }

  #changed(): void {
    this.summary = null;
    if (this.stage !== 'idle') this.stage = 'mapped';
  }

  /** Checks every row against the mapping in the worker; nothing is written. */
  async check(): Promise<void> {
    if (this.problems.length > 0) {
      this.error = this.problems.join('. ');
      return;
    }
    this.error = '';
    this.stage = 'checking';
    try {
      const [store, who] = await Promise.all([this.deps.store(), this.deps.who()]);
      this.barcodePrefix = store.barcodePrefix;
      const answer = await this.#ask({
        type: 'plan',
        settings: {
          dbName: this.deps.db.name,
          layout: this.layout,
          mapping: this.mapping,
          currency: store.currency,
          country: store.country,
          barcodePrefix: store.barcodePrefix,
          defaultBin: this.defaultBin,
          makeMissingBarcodes: this.makeBarcodes,
          source: this.fileName,
          who,
          now: this.deps.now().toISOString(),
        },
      });
      if (answer.type !== 'planned')
        throw new Error(answer.type === 'failed' ? answer.message : 'Unexpected answer from the import');
      this.summary = answer.summary;
      this.stage = 'review';
    } catch (error) {
      if (!(error instanceof Cancelled)) this.stage = 'mapped';
      this.#fail(error);
    }
  }

  /** Has the worker write the good rows (one transaction); the bad rows stay listed to be fixed. */
  async importGood(): Promise<void> {
    const summary = this.summary;
    if (this.stage !== 'review' || !summary || summary.goodRows === 0) return;
    this.stage = 'writing';
    try {
      const answer = await this.#ask({ type: 'write' });
      if (answer.type === 'cancelled') {
        this.stage = 'review';
        this.message = 'Import cancelled: nothing was imported.';
        return;
      }
      if (answer.type !== 'written')
        throw new Error(answer.type === 'failed' ? answer.message : 'Unexpected answer from the import');
      const bad = summary.problems.length;
      const skipped = bad ? `; ${plural(bad, 'bad row')} not imported` : '';
      const changed = summary.changed
        ? `; changed ${plural(summary.changed, 'item')} already in the catalogue`
        : '';
      this.message =
        summary.kind === 'products'
          ? `Imported ${plural(summary.products, 'product')} with ${plural(summary.variants, 'variant')} and ${plural(summary.units, 'unit')} of opening stock from ${this.fileName}${changed}${skipped}.`
          : `Imported ${plural(summary.customers, 'customer')} from ${this.fileName}${skipped}.`;
      this.#reset();
    } catch (error) {
      if (!(error instanceof Cancelled)) this.stage = 'review';
      this.#fail(error);
    }
  }

  /** Stops whatever runs (reading, checking or writing) and imports nothing. */
  cancel(): void {
    // A write is one transaction: the worker gives it up between chunks, and nothing is kept.
    if (this.stage === 'writing') {
      this.#worker?.postMessage({ type: 'cancel' });
      return;
    }
    this.#reset();
    this.message = 'Import cancelled: nothing was imported.';
  }

  #reset(): void {
    this.#stopWorker();
    this.stage = 'idle';
    this.summary = null;
    this.headers = [];
    this.mapping = {};
    this.progress = 0;
  }

  /** Writes one export through the save-file call; says how many records went into which file. */
  async exportKind(kind: ExportKind): Promise<void> {
    if (this.exporting) return;
    this.exporting = kind;
    this.error = '';
    this.message = '';
    try {
      const { text, count } = await exportCsv(this.deps.db, kind);
      const name = exportFileName(kind, this.deps.now());
      const saved = await this.deps.saveFile(name, text);
      this.message = saved
        ? `${EXPORT_NAMES[kind]}: ${plural(count, 'row')} saved as ${name}.`
        : `${EXPORT_NAMES[kind]} export cancelled; nothing was saved.`;
    } catch (error) {
      this.#fail(error);
    } finally {
      this.exporting = null;
    }
  }

  dispose(): void {
    this.#stopWorker();
  }
}
