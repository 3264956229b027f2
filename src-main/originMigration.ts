// The one-time move of a desk's data from the file:// origin (Orderline before its own scheme) to
// orderline://app. Run before the main window opens, so Dexie never creates an empty database at
// the new origin first. The old data is never deleted: it stays as a fallback copy.
//
// Decision, in order: done before (marker file) → nothing; the new origin already has the
// `orderline` database → nothing to do, mark done; the old origin has no database → mark done;
// else copy every database the new origin lacks, count the rows back, and mark done only when
// every count matches. A failure leaves no marker and no partial copy, so the next start tries again.
import {
  deleteDatabasesInPage,
  exportDatabasesInPage,
  importDatabasesInPage,
  listDatabasesInPage,
  type DatabaseSummary,
  type ExportResult,
  type ImportResult,
} from './idbTransfer';

export const APP_DATABASE = 'orderline';
export const MARKER_FILE = 'origin-migration.json';

export type MigrationMarker =
  | { outcome: 'moved'; at: string; databases: DatabaseSummary[] }
  | { outcome: 'new-origin-had-data'; at: string }
  | { outcome: 'nothing-to-move'; at: string };

export type MigrationOutcome = { outcome: 'done-before' } | MigrationMarker;

/** A hidden page at the old (file://) or the new (orderline://app) origin. */
export type Origin = 'old' | 'new';

export interface OriginMigrationDeps {
  readMarker(): Promise<unknown>;
  writeMarker(marker: MigrationMarker): Promise<void>;
  /** Runs `script` in a hidden page at `origin` and returns what it resolves to. */
  runInPage(origin: Origin, script: string): Promise<unknown>;
  log: { info(message: string): void; warn(message: string): void };
  now?: () => Date;
}

export class OriginMigrationError extends Error {}

/** The script that calls one of idbTransfer's page functions with the page's own indexedDB. */
export function pageScript(
  fn: (factory: IDBFactory, ...args: string[]) => unknown,
  ...args: string[]
): string {
  const literals = args.map((arg) => JSON.stringify(arg));
  return `(${fn.toString()})(indexedDB${literals.map((literal) => `, ${literal}`).join('')})`;
}

const isMarker = (value: unknown): value is MigrationMarker =>
  typeof value === 'object' &&
  value !== null &&
  ['moved', 'new-origin-had-data', 'nothing-to-move'].includes(
    (value as { outcome?: unknown }).outcome as string,
  );

const total = (summary: DatabaseSummary) => Object.values(summary.rows).reduce((sum, rows) => sum + rows, 0);

/** The rows a copy lacks, as sentences; empty when every store of every copied database matches. */
export function missingRows(exported: DatabaseSummary[], imported: ImportResult): string[] {
  const problems: string[] = [];
  for (const copy of imported.copied) {
    const source = exported.find((summary) => summary.name === copy.name);
    if (!source) continue;
    for (const [store, rows] of Object.entries(source.rows)) {
      const copied = copy.rows[store] ?? 0;
      if (copied !== rows) problems.push(`${copy.name}.${store} has ${copied} of ${rows} rows`);
    }
  }
  for (const source of exported) {
    const handled =
      imported.copied.some((c) => c.name === source.name) || imported.skipped.includes(source.name);
    if (!handled) problems.push(`${source.name} was not copied`);
  }
  return problems;
}

export async function migrateFromFileOrigin(deps: OriginMigrationDeps): Promise<MigrationOutcome> {
  const now = () => (deps.now?.() ?? new Date()).toISOString();
  const marker = await deps.readMarker().catch(() => null);
  if (isMarker(marker)) return { outcome: 'done-before' };

  const finish = async (done: MigrationMarker) => {
    await deps.writeMarker(done);
    return done;
  };

  const atNew = (await deps.runInPage('new', pageScript(listDatabasesInPage))) as string[];
  if (atNew.includes(APP_DATABASE)) {
    deps.log.info('This desk already keeps its data at orderline://app; nothing to move');
    return finish({ outcome: 'new-origin-had-data', at: now() });
  }

  const exported = (await deps.runInPage('old', pageScript(exportDatabasesInPage))) as ExportResult;
  if (exported.summary.length === 0) return finish({ outcome: 'nothing-to-move', at: now() });
  deps.log.info(
    `Moving this desk's data to orderline://app: ${exported.summary
      .map((summary) => `${summary.name} (${total(summary)} rows)`)
      .join(', ')}`,
  );

  const imported = (await deps.runInPage(
    'new',
    pageScript(importDatabasesInPage, exported.dump),
  )) as ImportResult;
  for (const name of imported.skipped) {
    deps.log.warn(`${name} already existed at orderline://app and was left as it was`);
  }
  const problems = missingRows(exported.summary, imported);
  if (problems.length > 0) {
    // A short copy must not stay: the next start would take it for the desk's data and stop.
    const names = JSON.stringify(imported.copied.map((copy) => copy.name));
    await deps.runInPage('new', pageScript(deleteDatabasesInPage, names));
    throw new OriginMigrationError(`The copy is incomplete: ${problems.join('; ')}`);
  }
  deps.log.info(`Moved ${imported.copied.map((copy) => `${copy.name} (${total(copy)} rows)`).join(', ')}`);
  return finish({ outcome: 'moved', at: now(), databases: imported.copied });
}
