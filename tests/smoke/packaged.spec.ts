// The packaged-app smoke test: starts the unpacked build electron-builder made (`--dir`, with
// ORDERLINE_SMOKE_TEST_BUILD=1 so the inspector fuse lets Playwright attach), waits for its ready
// line in the log, loads the demo store and keeps a screenshot. It runs in CI's smoke job on Windows, macOS
// and Linux, and locally wherever such a build exists; elsewhere it is skipped, and says so.
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMOKE_READY_LINE, SMOKE_TEST_SWITCH } from '../../src-main/smokeTest';
import { appWindow } from '../e2e/electronWindow';

const dist = join(process.cwd(), 'dist');

/** The unpacked app's executable for this OS, or null when none was built. */
function unpackedExecutable(): string | null {
  const candidates = [
    join(dist, 'linux-unpacked', 'orderline'),
    join(dist, 'win-unpacked', 'Orderline.exe'),
    join(dist, 'mac', 'Orderline.app', 'Contents', 'MacOS', 'Orderline'),
    join(dist, 'mac-arm64', 'Orderline.app', 'Contents', 'MacOS', 'Orderline'),
  ];
  return candidates.find((path) => existsSync(path)) ?? null;
}

const executable = unpackedExecutable();
if (!executable) {
  console.warn(
    'Packaged smoke test SKIPPED: no unpacked build in dist/ (make one with ORDERLINE_SMOKE_TEST_BUILD=1 npx electron-builder --dir).',
  );
}

test.describe('packaged app smoke test', () => {
  test.skip(
    !executable,
    'SKIPPED: no unpacked build in dist/; run ORDERLINE_SMOKE_TEST_BUILD=1 npx electron-builder --dir first',
  );

  test('starts, says it is ready, loads the demo store', async () => {
    const testInfo = test.info();
    const profile = await mkdtemp(join(tmpdir(), 'orderline-smoke-'));
    const app = await electron.launch({
      executablePath: executable!,
      args: [`${SMOKE_TEST_SWITCH}=${profile}`, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    });
    try {
      const window = await appWindow(app);
      // The ready line lands in the test profile's log once the window has loaded the app.
      const mainLog = join(profile, 'logs', 'main.log');
      await expect
        .poll(async () => (existsSync(mainLog) ? await readFile(mainLog, 'utf8') : ''), { timeout: 60_000 })
        .toContain(SMOKE_READY_LINE);
      expect(
        await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getURL()),
      ).toBe('orderline://app/index.html');
      await expect(window.getByRole('heading', { name: 'Welcome to Orderline' })).toBeVisible();
      await window.getByRole('button', { name: 'Load demo store' }).click();
      await expect(window.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
      await window.screenshot({ path: testInfo.outputPath(`packaged-${process.platform}.png`) });
    } finally {
      await app.close();
      await rm(profile, { recursive: true, force: true });
    }
  });
});
