// e2e against the renderer built for the browser (dist-web), in Debian's Chromium.
import { defineConfig } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT ?? 4173}`;

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL,
    // An action that cannot happen fails naming its locator, not as a bare test timeout.
    actionTimeout: 30_000,
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
    viewport: { width: 1366, height: 860 },
  },
  webServer: {
    command: 'npx vite preview --config vite.web.config.ts --host 127.0.0.1',
    url: baseURL,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
