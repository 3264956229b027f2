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
// never reach into the window's code, and the window never into the server's (nor the shell: it is
// a thin OS layer, and the server is its own npm workspace).
const rendererImports = ['**/src-renderer/**', '$db/*', '$lib/*'];
const serverImports = ['**/src-server/**', '@orderline/server', '@orderline/server/*'];
const notTheRenderer = {
  patterns: [
    { group: rendererImports, message: 'The renderer is the window’s: share code through src-shared.' },
  ],
};
const notTheServer = {
  patterns: [{ group: serverImports, message: 'The window reaches the server only over HTTP.' }],
};
const notTheRendererNorServer = {
  patterns: [
    notTheRenderer.patterns[0],
    { group: serverImports, message: 'The desktop shell reaches the server only over HTTP.' },
  ],
};
// no-restricted-imports does not look at import(): the same boundaries for a dynamic import.
const dynamicImportOf = (source, message) => ({
  selector: `ImportExpression[source.value=${source}]`,
  message,
});
const dynamicRenderer = dynamicImportOf(
  '/src-renderer\\u002F|^\\$(db|lib)\\u002F/',
  'The renderer is the window’s: share code through src-shared.',
);
const dynamicServer = dynamicImportOf(
  '/src-server\\u002F|^@orderline\\u002Fserver/',
  'The server is reached only over HTTP.',
);

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
    files: ['src-main/**/*.ts'],
    // A test may check across the boundary (e.g. that the window's database reads what main moved).
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', notTheRendererNorServer],
      'no-restricted-syntax': ['error', dynamicRenderer, dynamicServer],
    },
  },
  {
    files: ['src-server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', notTheRenderer],
      'no-restricted-syntax': ['error', dynamicRenderer],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': ['error', notTheServer],
      'no-restricted-syntax': ['error', dynamicServer],
    },
  },
);
