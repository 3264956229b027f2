// Settings › Where customers come from: the store's list of acquisition sources. A source is
// added, renamed, archived (no longer offered, still read on old customers) or restored; its id
// never changes, so reports keep adding up across a rename.
import { addSource, type AcquisitionSourceEntry } from '../../../../src-shared/acquisitionSources';
import { loadSources, saveSources } from '../../db/acquisitionSources';
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
    const name = label.trim();
    const before = this.sources.find((s) => s.id === id);
    if (!before) return Promise.resolve(false);
    if (!name) return Promise.resolve(this.refuse({ [id]: `Give “${before.label}” a name` }, 'Source'));
    if (name === before.label) return Promise.resolve(true);
    const twin = this.sources.find((s) => s.id !== id && s.label.toLowerCase() === name.toLowerCase());
    if (twin) return Promise.resolve(this.refuse({ [id]: `“${twin.label}” is already listed` }, 'Source'));
    this.problems = {};
    return this.attempt(async () => {
      this.sources = await saveSources(
        this.db,
        this.sources.map((s) => (s.id === id ? { ...s, label: name } : s)),
      );
      return `“${before.label}” is now “${name}”, on past customers too`;
    });
  }

  setArchived(id: string, archived: boolean): Promise<boolean> {
    const source = this.sources.find((s) => s.id === id);
    if (!source) return Promise.resolve(false);
    if (archived && this.sources.filter((s) => !s.archived).length === 1)
      return Promise.resolve(this.refuse({ [id]: 'Keep at least one source to choose from' }, 'Source'));
    this.problems = {};
    return this.attempt(async () => {
      this.sources = await saveSources(
        this.db,
        this.sources.map((s) => {
          if (s.id !== id) return s;
          const { archived: _old, ...rest } = s;
          return archived ? { ...rest, archived: true } : rest;
        }),
      );
      return archived
        ? `“${source.label}” archived: no longer offered, still shown on past customers`
        : `“${source.label}” restored`;
    });
  }
}
