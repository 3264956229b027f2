// Renders resources/icon.svg to the PNGs electron-builder and the Linux window use
// (`npm run icons`); electron-builder derives .ico and .icns from the 1024 px one.
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const resources = join(import.meta.dirname, '..', 'resources');
const sizes = [
  { size: 1024, file: 'icon.png' },
  { size: 512, file: 'icon-512.png' },
];

const svg = await readFile(join(resources, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  for (const { size, file } of sizes) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    // The SVG is drawn at the target size (not scaled from a bitmap), so each PNG is sharp.
    const sized = svg.replace(
      /<svg([^>]*?) width="\d+" height="\d+"/,
      `<svg$1 width="${size}" height="${size}"`,
    );
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
    );
    await page.locator('svg').screenshot({ path: join(resources, file), omitBackground: true });
    await page.close();
    console.log(`resources/${file}: ${size}x${size}`);
  }
} finally {
  await browser.close();
}
