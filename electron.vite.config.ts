// Builds the three Electron pieces: main and preload from src-main, the Svelte renderer from src-renderer.
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { resolve } from 'node:path';

// ORDERLINE_ELECTRON_OUT builds somewhere else than out/ (the Electronegativity test builds into a
// temporary folder, so it never scans or overwrites a stale out/).
const outRoot = resolve(process.env['ORDERLINE_ELECTRON_OUT'] ?? 'out');

export default defineConfig({
  main: {
    // The $shared and $machines aliases of tsconfig.json (each build resolves them the same way).
    resolve: { tsconfigPaths: true },
    // The release key's public half (base64 DER), built in so the desk checks every update with it
    // (src-main/updateKey.ts). Not secret; a build without it refuses all updates.
    define: {
      __ORDERLINE_UPDATE_PUBLIC_KEY__: JSON.stringify(
        process.env['ORDERLINE_UPDATE_PUBLIC_KEY']?.trim() ?? '',
      ),
    },
    build: {
      outDir: resolve(outRoot, 'main'),
      rollupOptions: { input: { index: resolve('src-main/main.ts') } },
    },
  },
  preload: {
    resolve: { tsconfigPaths: true },
    build: {
      outDir: resolve(outRoot, 'preload'),
      // A sandboxed preload can only require('electron'): it must be one CommonJS file.
      rollupOptions: {
        input: { index: resolve('src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [svelte()],
    resolve: { tsconfigPaths: true },
    build: {
      outDir: resolve(outRoot, 'renderer'),
      // electron-vite leaves the renderer unminified; minified it is half the size in app.asar.
      minify: true,
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
  },
});
