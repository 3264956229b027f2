import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  // tsconfigPaths: the $shared, $machines, $db and $lib aliases of tsconfig.json.
  resolve: { conditions: ['browser'], tsconfigPaths: true },
  test: {
    include: ['src-*/**/*.test.ts', 'machines/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/setup/vitest.setup.ts'],
    // Generous, so a busy machine (CI beside other jobs) never fails a test for being slow; speed is
    // measured by the benchmarks, never here.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
