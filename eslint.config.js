// Lint for the whole repo. The pure folders (src-shared, machines) may not import anything
// bound to a platform: no Node built-ins, no Electron, no DOM-side libraries, no server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

const platformBound = {
  patterns: [
    { group: ['node:*'], message: 'src-shared and machines are pure: no Node built-ins.' },
    { group: ['electron', 'electron/*'], message: 'src-shared and machines are pure: no Electron.' },
    { group: ['dexie', 'dexie/*', 'fake-indexeddb*'], message: 'Storage belongs in src-renderer.' },
    { group: ['svelte', 'svelte/*', 'jsbarcode'], message: 'UI belongs in src-renderer.' },
    { group: ['fastify', '@electric-sql/*', 'pg'], message: 'Server code belongs in src-server.' },
    {
      group: ['**/src-renderer/**', '**/src-main/**', '**/src-server/**', '$db/*', '$lib/*'],
      message: 'Pure code cannot reach into a platform folder.',
    },
  ],
  paths: ['fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net'].map((name) => ({
    name,
    message: 'src-shared and machines are pure: no Node built-ins.',
  })),
};

// The platform folders keep to their own side of each boundary: the desktop shell and the server
// never reach into the window's code, and the window never into the server's.
const notTheRenderer = {
  patterns: [
    {
      group: ['**/src-renderer/**', '$db/*', '$lib/*'],
      message: 'The renderer is the window’s: share code through src-shared.',
    },
  ],
};
const notTheServer = {
  patterns: [{ group: ['**/src-server/**'], message: 'The window reaches the server only over HTTP.' }],
};

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'dist-web', 'test-results', 'playwright-report', 'bench-data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
  {
    files: ['src-shared/**/*.ts', 'machines/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', platformBound] },
  },
  {
    files: ['src-main/**/*.ts', 'src-server/**/*.ts'],
    // A test may check across the boundary (e.g. that the window's database reads what main moved).
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', notTheRenderer] },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: { 'no-restricted-imports': ['error', notTheServer] },
  },
);
