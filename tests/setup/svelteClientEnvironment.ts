// A Vitest environment for unit tests of runes that need Svelte's client runtime (effects,
// createSubscriber): Node globals as in the 'node' environment, but the modules are transformed
// and resolved as the window's (Vite's client environment), so `svelte` is the browser build and
// `.svelte.ts` files are compiled for the client. The default 'node' environment gets Svelte's
// server build, where effects never run. A test file opts in with
// `// @vitest-environment ./tests/setup/svelteClientEnvironment.ts`.
import type { Environment } from 'vitest/environments';

export default {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
} satisfies Environment;
