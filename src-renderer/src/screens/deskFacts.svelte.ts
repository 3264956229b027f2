// Settings › This desk, without the DOM: the app's version, whether it runs as the desktop app or in
// a browser, and whether the browser keeps the store for good or may evict it under pressure.
// SettingsScreen.svelte draws it.

/** What this desk asks of the window: the bridge's version and platform, the browser's storage. */
export type DeskFactSources = {
  appVersion(): Promise<string>;
  platform: string;
  persisted?: (() => Promise<boolean>) | undefined;
};

export class DeskFacts {
  readonly #sources: DeskFactSources;
  version = $state('…');
  persisted = $state<boolean | null>(null);

  constructor(sources: DeskFactSources) {
    this.#sources = sources;
  }

  /** Reads the version and the storage promise; each shows as soon as it is known. */
  async load(): Promise<void> {
    await Promise.all([
      this.#sources.appVersion().then((v) => (this.version = v)),
      this.#sources.persisted?.().then((p) => (this.persisted = p)),
    ]);
  }

  get runsAs(): string {
    return this.#sources.platform === 'electron' ? 'Desktop app' : 'Browser';
  }

  get storage(): string {
    if (this.persisted === null) return 'Checking…';
    return this.persisted
      ? 'Persistent: the browser will not evict the store'
      : 'Best effort: the browser may evict data under pressure';
  }
}
