// electron-builder.yml without Windows signing, for builds that have no Azure Trusted Signing
// credentials (pull requests, forks, a local `npm run dist:win`). electron-builder signs whenever
// win.azureSignOptions is set, and fails without credentials; this config leaves only that out.
// CI never uses it for a tag: a release is always signed.
//   npx electron-builder --win --config scripts/electronBuilderUnsigned.ts
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// js-yaml is electron-builder's own YAML reader (it has no types here, hence the narrow cast).
const loadCjs = createRequire(import.meta.url);
const { load } = loadCjs('js-yaml') as { load: (text: string) => unknown };

type BuilderConfig = { win?: Record<string, unknown> } & Record<string, unknown>;

export function withoutWindowsSigning(config: BuilderConfig): BuilderConfig {
  const { azureSignOptions: _signing, ...win } = config.win ?? {};
  return { ...config, win };
}

export function readBuilderConfig(path = new URL('../electron-builder.yml', import.meta.url)): BuilderConfig {
  return load(readFileSync(path, 'utf8')) as BuilderConfig;
}

export default withoutWindowsSigning(readBuilderConfig());
