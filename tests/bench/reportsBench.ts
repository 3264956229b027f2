// `npm run bench:reports`: the Reports screen on a store of 50,000 orders (REPORTS_BENCH_ORDERS),
// in Chromium, driven through the UI and timed by the page's own clock, beside the floor beneath
// it in the same run (reading the orders table raw from IndexedDB). Prints one table against the
// issue's target (every report drawn in ≤ 1 s); a benchmark, not a test: timing never fails it.
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serveBuild } from './deskServer';
import { percentile } from './measure';
import { bundleProbe } from './probeBundle';
import type { ReportsBenchApi } from './reportsBrowser';

declare global {
  interface Window {
    __reportsBench: ReportsBenchApi;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');
const OWNER = { name: 'Bench Owner', pin: '482613' };
const ORDERS = Number(process.env.REPORTS_BENCH_ORDERS ?? 50_000);
const RUNS = Number(process.env.REPORTS_BENCH_RUNS ?? 5);
const TARGET_MS = 1000;

const PHASES = {
  read: 'reading the running totals, customers, stock',
  figures: 'adding up the figures',
  tables: 'laying out the tables',
  draw: 'drawing (charts and tables)',
};

const fmt = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

async function main() {
  const webOut = path.join(ROOT, 'dist-web');
  if (process.env.BENCH_SKIP_BUILD !== '1') {
    console.log('Building the browser app (npm run web:build)…');
    const built = spawnSync('npm', ['run', 'web:build'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run web:build failed; see above');
  }
  const probe = await bundleProbe('reportsBrowser.ts');
  const web = await serveBuild(webOut);
  const profile = await mkdtemp(path.join(tmpdir(), 'orderline-reports-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    viewport: { width: 1366, height: 860 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript({ content: probe });
    await page.goto(web.url);
    await page.getByRole('button', { name: 'Start with an empty store' }).click();
    const form = page.getByRole('form', { name: 'Who owns this store?' });
    await form.getByLabel('Owner’s name').fill(OWNER.name);
    await form.getByLabel('PIN', { exact: true }).fill(OWNER.pin);
    await form.getByLabel('PIN again').fill(OWNER.pin);
    await form.getByRole('button', { name: 'Create owner and start' }).click();
    await page.getByRole('button', { name: 'Lock' }).waitFor();

    const size = { products: 2_000, customers: Math.max(300, Math.round(ORDERS / 5)), orders: ORDERS };
    console.log(`Generating and writing ${ORDERS.toLocaleString('en')} orders into the desk…`);
    const seeded = await page.evaluate((s) => window.__reportsBench.seed(s), size);
    console.log(
      `  ${Object.entries(seeded)
        .map(([k, v]) => `${v.toLocaleString('en')} ${k}`)
        .join(', ')}`,
    );
    const signIn = page.getByRole('heading', { name: 'Sign in' });
    const reloadAndSignIn = async () => {
      // Back to the Sell screen first: the screen is in the address, and a reload would reopen Reports.
      await page.evaluate(() => (location.hash = ''));
      await page.reload();
      await page.getByRole('button', { name: 'Lock' }).or(signIn).waitFor();
      if (await signIn.isVisible()) {
        await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: OWNER.name }).click();
        await page.getByLabel('PIN', { exact: true }).fill(OWNER.pin);
        await page.getByRole('button', { name: `Sign in as ${OWNER.name}` }).click();
      }
    };
    // Opening Reports: timed once each, on the page's clock from just before the shortcut to the
    // summary drawn (Playwright's round trips included). The first opening on this desk adds up
    // the running totals from every order (as a desk does once, after its upgrade or a restore);
    // then, after a reload (nothing kept in memory), an ordinary first opening.
    const reports = page.getByRole('region', { name: 'Sales and customers' });
    const openReports = async () => {
      const opening = await page.evaluate(() => performance.now());
      await page.keyboard.press('Alt+7');
      await reports.getByRole('table', { name: 'Summary' }).waitFor({ timeout: 300_000 });
      await reports.getByRole('status').filter({ hasText: 'Adding up' }).waitFor({ state: 'detached' });
      return (await page.evaluate(() => performance.now())) - opening;
    };
    await reloadAndSignIn();
    const rebuilt = await openReports();
    await reloadAndSignIn();
    const opened = await openReports();

    const rows: { name: string; samples: number[]; target?: number }[] = [];
    const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) raw.push(await page.evaluate(() => window.__reportsBench.rawOrders()));
    rows.push({ name: 'baseline: read every order raw (IndexedDB)', samples: raw });
    rows.push({ name: 'Reports, first opening on the desk (totals added up)', samples: [rebuilt] });
    rows.push({ name: 'Reports, opening after a reload (30 days)', samples: [opened], target: TARGET_MS });
    for (const [name, read] of [
      ['floor: read every customer raw (IndexedDB)', () => window.__reportsBench.rawCustomers()],
      ['floor: read 90 days’ and every customer’s totals', () => window.__reportsBench.rawTotals()],
    ] as const) {
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(await page.evaluate(read));
      rows.push({ name, samples });
    }
    for (const [name, from, granularity] of [
      ['Reports, last 30 days by day', undefined, 'day'],
      ['Reports, last 90 days by week', -89, 'week'],
    ] as const) {
      const to = await reports.getByLabel('To', { exact: true }).inputValue();
      if (from !== undefined) {
        const start = new Date(Date.parse(`${to}T00:00:00Z`) + from * 86_400_000).toISOString().slice(0, 10);
        await reports.getByLabel('From').fill(start);
      }
      await reports.getByLabel('Group by').selectOption(granularity);
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++)
        samples.push(await page.evaluate(() => window.__reportsBench.showReports()));
      rows.push({ name, samples, target: TARGET_MS });
      const phases = await page.evaluate(() => window.__reportsBench.takePhases());
      for (const phase of ['read', 'figures', 'tables', 'draw'] as const)
        rows.push({ name: `  of which ${PHASES[phase]}`, samples: phases.map((p) => p[phase]) });
    }

    const header = ['case', 'n', 'p50 ms', 'p95 ms', 'target', 'vs baseline p50', 'meets'];
    const base = percentile(
      [...raw].sort((a, b) => a - b),
      50,
    );
    const body = rows.map((row) => {
      const sorted = [...row.samples].sort((a, b) => a - b);
      const p50 = percentile(sorted, 50);
      const p95 = percentile(sorted, 95);
      return [
        row.name,
        String(sorted.length),
        fmt(p50),
        fmt(p95),
        row.target ? `≤ ${row.target}` : '—',
        `${(p50 / base).toFixed(1)}×`,
        row.target ? (p95 <= row.target ? 'yes' : 'no') : '—',
      ];
    });
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
    const text = [
      `Reports on ${ORDERS.toLocaleString('en')} orders (${size.customers.toLocaleString('en')} customers), Chromium, page clock`,
      line(header),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...body.map(line),
    ].join('\n');
    console.log(`\n${text}\n`);
    await mkdir(path.join(ROOT, 'bench-results'), { recursive: true });
    await writeFile(path.join(ROOT, 'bench-results', 'reports.txt'), `${text}\n`);
  } finally {
    await context.close();
    await web.close();
    await rm(profile, { recursive: true, force: true });
  }
}

await main();
