// The packaged-app smoke test alone: no web server, no browser, only the unpacked build in dist/.
//   ORDERLINE_SMOKE_TEST_BUILD=1 ORDERLINE_UPDATE_URL=https://updates.orderline.invalid/desk \
//     npx electron-builder --dir --config scripts/electronBuilderUnsigned.ts
//   npx playwright test --config tests/smoke/playwright.config.ts
import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  testDir: '.',
  outputDir: fileURLToPath(new URL('../../test-results/smoke', import.meta.url)),
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
