// Serves and builds the renderer alone, for a plain browser: machines without the Electron
// binary, and the Playwright e2e suite. The preload bridge falls back to browser APIs.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

export default defineConfig({
  root: 'src-renderer',
  plugins: [svelte()],
  // The $shared, $machines, $db and $lib aliases of tsconfig.json.
  resolve: { tsconfigPaths: true },
  // ORDERLINE_WEB_OUT / E2E_PORT let several e2e runs share one checkout without clobbering each other.
  build: { outDir: resolve(process.env.ORDERLINE_WEB_OUT ?? 'dist-web'), emptyOutDir: true },
  server: { port: 5173, strictPort: false },
  preview: { port: Number(process.env.E2E_PORT ?? 4173), strictPort: true },
});
