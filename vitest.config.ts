import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tests of runes that need Svelte's client runtime (effects, createSubscriber) are named
// `*.client.svelte.test.ts` and run in the svelte-client environment; the rest run in 'node',
// where `svelte` is its server build and effects never run.
const clientRuneTests = ['src-renderer/**/*.client.svelte.test.ts'];

export default defineConfig({
  plugins: [svelte()],
  // tsconfigPaths: the $shared, $machines, $db and $lib aliases of tsconfig.json.
  resolve: { conditions: ['browser'], tsconfigPaths: true },
  test: {
    setupFiles: ['tests/setup/vitest.setup.ts'],
    // Generous, so a busy machine (CI beside other jobs) never fails a test for being slow; speed is
    // measured by the benchmarks, never here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src-*/**/*.test.ts', 'machines/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['**/node_modules/**', ...clientRuneTests],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'svelte-client',
          include: clientRuneTests,
          environment: './tests/setup/svelteClientEnvironment.ts',
          // Svelte goes through Vite's resolver (with the browser condition), not Node's.
          server: { deps: { inline: ['svelte'] } },
        },
      },
    ],
  },
});
