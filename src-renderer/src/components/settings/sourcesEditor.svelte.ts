// Settings › Where customers come from: the store's list of acquisition sources. A source is
// added, renamed, archived (no longer offered, still read on old customers) or restored; its id
// never changes, so reports keep adding up across a rename.
import {
  addSource,
  archiveSource,
  renameSource,
  type AcquisitionSourceEntry,
} from '$shared/acquisitionSources';
import { loadSources, saveSources } from '$db/acquisitionSources';
import { SettingsPart } from './storeSettings.svelte';

export class SourcesEditor extends SettingsPart {
  sources = $state<AcquisitionSourceEntry[]>([]);
  typed = $state('');

  async load(): Promise<void> {
    this.sources = await loadSources(this.db);
    this.loaded = true;
  }

  add(): Promise<boolean> {
    let next: AcquisitionSourceEntry[];
    try {
      next = addSource(this.sources, this.typed);
    } catch (failure) {
      return Promise.resolve(this.refuse({ typed: (failure as Error).message }, 'Source'));
    }
    this.problems = {};
    const name = this.typed.trim();
    return this.attempt(async () => {
      this.sources = await saveSources(this.db, next);
      this.typed = '';
      return `“${name}” added: sellers can choose it now`;
    });
  }

  rename(id: string, label: string): Promise<boolean> {
    const before = this.sources.find((s) => s.id === id);
    if (!before) return Promise.resolve(false);
    if (label.trim() === before.label) return Promise.resolve(true);
    return this.#save(
      id,
      () => renameSource(this.sources, id, label),
      () => `“${before.label}” is now “${label.trim()}”, on past customers too`,
    );
  }

  setArchived(id: string, archived: boolean): Promise<boolean> {
    const source = this.sources.find((s) => s.id === id);
    if (!source) return Promise.resolve(false);
    return this.#save(
      id,
      () => archiveSource(this.sources, id, archived),
      () =>
        archived
          ? `“${source.label}” archived: no longer offered, still shown on past customers`
          : `“${source.label}” restored`,
    );
  }

  /** The list as `change` makes it (a refusal shown against the source's row), then saved. */
  #save(id: string, change: () => AcquisitionSourceEntry[], done: () => string): Promise<boolean> {
    let next: AcquisitionSourceEntry[];
    try {
      next = change();
    } catch (failure) {
      return Promise.resolve(this.refuse({ [id]: (failure as Error).message }, 'Source'));
    }
    this.problems = {};
    return this.attempt(async () => {
      this.sources = await saveSources(this.db, next);
      return done();
    });
  }
}
