// Serves and builds the renderer alone, for a plain browser: machines without the Electron
// binary, and the Playwright e2e suite. The preload bridge falls back to browser APIs.
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

export default defineConfig({
  root: 'src-renderer',
  plugins: [svelte()],
  build: { outDir: resolve('dist-web'), emptyOutDir: true },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: true },
});
