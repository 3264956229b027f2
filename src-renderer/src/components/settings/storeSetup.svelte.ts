// Settings › Store server, after enrolling: what this desk holds, what the store on the server
// holds, and the two ways on — create the store from this desk (upload, with progress, resumable)
// or join it (download; the demo is wiped first). The panel renders this; the steps live here.
import type { OrderlineDb } from '$db/database';
import { count } from '$lib/format';
import type { StoreStatus } from '$shared/syncProtocol';
import {
  createStoreFromDesk,
  deskHoldings,
  fetchStoreStatus,
  holdsStoreData,
  joinStore,
  readSetup,
  uploadProgress,
  SETUP_KEY,
  type Holdings,
  type StoreSetup,
} from '../../sync/storeSetup';
import type { FetchLike } from '../../sync/syncHttp';
import { readSyncSettings } from '../../sync/syncSettings';

const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** One sentence on what this desk holds. */
export function describeHoldings(h: Holdings): string {
  const what = `${plural(h.products, 'product')}, ${plural(h.customers, 'customer')} and ${plural(h.orders, 'order')}`;
  if (h.demo) return `This desk holds the demo store (${what}): made-up data, not your store’s.`;
  if (holdsStoreData(h)) return `This desk holds its own store: ${what}.`;
  return h.staff > 0
    ? `This desk holds no store data yet, only ${plural(h.staff, 'staff member')}.`
    : 'This desk holds no store data yet.';
}

export function describeServerStore(status: StoreStatus): string {
  if (status.createdFrom === 'thisDesk')
    return `“${status.storeName}” on the server was created from this desk.`;
  if (status.changes === 0)
    return `“${status.storeName}” on the server is empty: no desk has uploaded anything yet.`;
  return `“${status.storeName}” on the server already holds the store’s data (${plural(status.changes, 'change')}).`;
}

export interface SetupDeps {
  db: OrderlineDb;
  fetch: FetchLike;
  /** Starts a sync now (the push of the upload, the download after joining). */
  sync: () => Promise<unknown>;
}

export class StoreSetupPanel {
  setup = $state<StoreSetup | null>(null);
  holdings = $state<Holdings | null>(null);
  server = $state<StoreStatus | null>(null);
  upload = $state<{ done: number; total: number } | null>(null);
  busy = $state(false);
  error = $state('');

  constructor(private readonly deps: SetupDeps) {}

  /** Whether "create" can work: the server's store is empty, or this desk already began creating it. */
  get canCreate(): boolean {
    return !!this.server && (this.server.changes === 0 || this.server.createdFrom === 'thisDesk');
  }

  /** Joining would throw away nothing but the demo (or a lone first owner). */
  get canJoin(): boolean {
    return !!this.holdings && (this.holdings.demo || !holdsStoreData(this.holdings));
  }

  async load(): Promise<void> {
    const { db } = this.deps;
    this.setup = await readSetup(db);
    this.holdings = await deskHoldings(db);
    if (this.setup.state === 'creating') await this.refreshUpload();
    if (this.setup.state !== 'choose') return;
    const settings = await readSyncSettings(db);
    if (!settings) return;
    try {
      this.server = await fetchStoreStatus(this.deps.fetch, settings);
    } catch (failure) {
      this.error = `The store on the server could not be read: ${failure instanceof Error ? failure.message : String(failure)}`;
    }
  }

  /** Reads how far the upload got; once everything was answered, the store counts as created. */
  async refreshUpload(): Promise<void> {
    const setup = this.setup;
    if (setup?.state !== 'creating') return;
    const progress = await uploadProgress(this.deps.db, setup);
    this.upload = progress;
    if (progress.done >= progress.total) {
      await this.deps.db.settings.put({ key: SETUP_KEY, value: { state: 'created' } });
      this.setup = { state: 'created' };
    }
  }

  async create(): Promise<void> {
    await this.run(async () => {
      const settings = await readSyncSettings(this.deps.db);
      if (!settings) throw new Error('Enroll this desk first');
      const { total } = await createStoreFromDesk(this.deps.db, this.deps.fetch, settings);
      this.setup = await readSetup(this.deps.db);
      this.upload = { done: 0, total };
      void this.deps.sync();
    });
  }

  async join(): Promise<void> {
    await this.run(async () => {
      await joinStore(this.deps.db);
      this.setup = { state: 'joined' };
      this.holdings = await deskHoldings(this.deps.db);
      void this.deps.sync();
    });
  }

  private async run(step: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await step();
    } catch (failure) {
      this.error = failure instanceof Error ? failure.message : String(failure);
    } finally {
      this.busy = false;
    }
  }
}
