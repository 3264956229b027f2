// An order, once confirmed, survives a crash: the desk is killed while the seller confirms a
// payment or finishes the sale (the tab crashed, or the whole browser killed, at many moments,
// including frozen in the middle of the write), reopened on the same profile, and the order is
// either all there (status, event log, outbox, stock ledger and cache, register takings agree)
// or not there at all — never half.
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { foldLedger } from '$shared/stockLevels';
import { signIn } from './support';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

/**
 * Runs in the page before the app: `__armFreeze(n)` makes the n-th IndexedDB write from then on
 * freeze the page forever right after it is issued, so the transaction holding it never finishes
 * and the kill lands in the middle of the write.
 */
function freezeHook() {
  let left = 0;
  const stores = IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of ['put', 'add']) {
    const original = stores[method]!;
    stores[method] = function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      if (left > 0) console.log(`write ${method} ${this.name}`);
      if (left > 0 && --left === 0) {
        console.log(`frozen after ${method} into ${this.name}`);
        const until = Date.now() + 120_000;
        while (Date.now() < until) {
          // Spinning keeps the transaction open and unfinished until the kill.
        }
      }
      return request;
    };
  }
  (window as unknown as { __armFreeze: (n: number) => void }).__armFreeze = (n: number) => {
    left = n;
  };
}

type Kill = 'tab' | 'browser';

class Desk {
  context!: BrowserContext;
  page!: Page;
  constructor(
    readonly profile: string,
    readonly baseURL: string,
  ) {}

  async launch(): Promise<void> {
    this.context = await chromium.launchPersistentContext(this.profile, {
      executablePath,
      args: ARGS,
      baseURL: this.baseURL,
      viewport: { width: 1366, height: 860 },
    });
    await this.context.addInitScript(freezeHook);
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
  }

  /** This profile's browser processes: the main one and every process it started. */
  private processes(): { main: number[]; renderers: number[] } {
    const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='])
      .toString()
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const [pid = '', ppid = '', ...args] = line.trim().split(/\s+/);
        return { pid: Number(pid), ppid: Number(ppid), args: args.join(' ') };
      });
    const main = rows
      .filter((r) => r.args.includes(`--user-data-dir=${this.profile}`) && !r.args.includes('--type='))
      .map((r) => r.pid);
    const family = new Set(main);
    for (let grew = true; grew;) {
      grew = false;
      for (const r of rows) {
        if (family.has(r.ppid) && !family.has(r.pid)) {
          family.add(r.pid);
          grew = true;
        }
      }
    }
    const renderers = rows
      .filter((r) => family.has(r.pid) && r.args.includes('--type=renderer'))
      .map((r) => r.pid);
    return { main, renderers };
  }

  /** The tab's renderer is killed (the window crashed), or the whole browser is (SIGKILL). */
  async kill(how: Kill): Promise<void> {
    const { main, renderers } = this.processes();
    expect(main.length, 'the browser process of this profile').toBeGreaterThan(0);
    if (how === 'tab') {
      expect(renderers.length, 'the renderer processes of this profile').toBeGreaterThan(0);
      const crashed = this.page.waitForEvent('crash', { timeout: 15_000 });
      for (const pid of renderers) process.kill(pid, 'SIGKILL');
      await crashed;
      await this.page.close().catch(() => undefined);
      this.page = await this.context.newPage();
      return;
    }
    const closed = new Promise((resolve) => this.context.once('close', resolve));
    for (const pid of main) process.kill(pid, 'SIGKILL');
    await closed;
    await this.launch();
  }

  async reopen(): Promise<void> {
    await this.page.goto('/');
    await expect(this.page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 30_000 });
    await signIn(this.page, 'manager');
  }
}

type Snapshot = {
  order: {
    id: string;
    status: string;
    version: number;
    total: number;
    paid: number;
    payments: number[];
    variantIds: string[];
  };
  events: { id: string; seq: number; type: string }[];
  outbox: { kind: string; recordId: string }[];
  movements: {
    kind: 'receive' | 'reserve' | 'ship' | 'release' | 'return' | 'adjust';
    quantity: number;
    variantId: string;
    orderId?: string;
  }[];
  levels: { variantId: string; onHand: number; reserved: number }[];
  shiftSale: { method: string; amount: number }[] | null;
};

/** Everything the store holds about one order, read straight from IndexedDB. */
async function snapshot(page: Page, number: string): Promise<Snapshot | null> {
  return page.evaluate(async (number) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('orderline');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = <T>(store: string, index: string | null, query?: IDBValidKey | IDBKeyRange) =>
      new Promise<T[]>((resolve, reject) => {
        const source = db.transaction(store).objectStore(store);
        const request = (index ? source.index(index) : source).getAll(query);
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
    type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const [order] = await all<Row>('orders', 'number', number);
    if (!order) return (db.close(), null);
    const events = await all<Row>(
      'orderEvents',
      '[orderId+seq]',
      IDBKeyRange.bound([order.id, 0], [order.id, Number.MAX_SAFE_INTEGER]),
    );
    const outbox = (
      await Promise.all(
        [order.id, ...events.map((e) => e.id)].map((id) => all<Row>('outbox', 'recordId', id)),
      )
    ).flat();
    const variantIds: string[] = order.lines.map((l: Row) => l.variantId);
    const movements = (
      await Promise.all(variantIds.map((id) => all<Row>('stockMovements', 'variantId', id)))
    ).flat();
    const levels = (await Promise.all(variantIds.map((id) => all<Row>('stockLevels', null, id)))).flat();
    const shifts = await all<Row>('shifts', null);
    const sale = shifts
      .flatMap((s) => s.entries)
      .find((e: Row) => e.kind === 'sale' && e.orderId === order.id);
    db.close();
    return {
      order: {
        id: order.id,
        status: order.status,
        version: order.version,
        total: order.totals.total,
        paid: order.totals.paid,
        payments: order.payments.map((p: Row) => p.amount.amount),
        variantIds,
      },
      events: events.map((e) => ({ id: e.id, seq: e.seq, type: e.event.type })),
      outbox: outbox.map((o) => ({ kind: o.kind, recordId: o.recordId })),
      movements: movements.map((m) => ({
        kind: m.kind,
        quantity: m.quantity,
        variantId: m.variantId,
        orderId: m.orderId,
      })),
      levels: levels.map((l) => ({ variantId: l.variantId, onHand: l.onHand, reserved: l.reserved })),
      shiftSale: sale ? sale.payments.map((p: Row) => ({ method: p.method, amount: p.amount.amount })) : null,
    };
  }, number);
}

/** The order's own records agree with each other, whatever state it is in. */
function expectConsistent(s: Snapshot): void {
  // The row folds exactly the events in the log, numbered without gaps.
  expect(s.events.map((e) => e.seq)).toEqual(s.events.map((_, i) => i + 1));
  expect(s.order.version).toBe(s.events.length);
  // Every event and the row itself wait in the outbox to be sent.
  for (const event of s.events) {
    expect(s.outbox.filter((o) => o.kind === 'order.event' && o.recordId === event.id)).toHaveLength(1);
  }
  expect(s.outbox.some((o) => o.recordId === s.order.id)).toBe(true);
  // Payments on the row are the payment events, and add up to what is paid.
  expect(s.events.filter((e) => e.type === 'payment.capture')).toHaveLength(s.order.payments.length);
  expect(s.order.payments.reduce((a, b) => a + b, 0)).toBe(s.order.paid);
  // The register took exactly what the order was paid (the register is open all along).
  expect((s.shiftSale ?? []).reduce((a, p) => a + p.amount, 0)).toBe(s.order.paid);
  // Stock reserved by the order's event, and the stock cache equals its ledger.
  const reserved = s.events.some((e) => e.type === 'stock.reserve');
  const mine = s.movements.filter((m) => m.orderId === s.order.id);
  expect(mine.length > 0).toBe(reserved);
  for (const level of s.levels) {
    const folded = foldLedger(s.movements.filter((m) => m.variantId === level.variantId)).get(
      level.variantId,
    );
    expect({ onHand: level.onHand, reserved: level.reserved }).toEqual(folded);
  }
}

/** Builds a counter sale up to the payment step; returns its number. */
async function saleAtPayment(page: Page, barcode: string): Promise<string> {
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Sell', level: 1 })).toBeVisible();
  // A sale the kill interrupted reopens where it was (payment or receipt); start a new one.
  const addItem = page.getByLabel('Add item');
  const reopened = page
    .getByRole('form', { name: 'Payment' })
    .or(page.getByRole('button', { name: 'Finish sale' }));
  await expect(addItem.or(reopened)).toBeVisible();
  if (!(await addItem.isVisible())) await page.getByRole('button', { name: 'New sale' }).first().click();
  await page.getByLabel('Add item').fill(barcode);
  await page.getByLabel('Add item').press('Enter');
  await expect(page.getByRole('table', { name: 'Cart' })).toBeVisible();
  await page.getByRole('button', { name: 'Checkout' }).click();
  await page.getByRole('button', { name: 'Continue to payment' }).click();
  const payment = page.getByRole('form', { name: 'Payment' });
  await payment.getByLabel('Cash', { exact: true }).check();
  return (await page.locator('header .mono').first().textContent())!.trim();
}

test('a desk killed while confirming payment or finishing the sale keeps the whole order or none of it', async ({
  baseURL,
}) => {
  test.setTimeout(600_000);
  const profile = mkdtempSync(path.join(tmpdir(), 'orderline-crash-'));
  const desk = new Desk(profile, baseURL!);
  const outcomes: string[] = [];
  try {
    await desk.launch();
    let page = desk.page;
    await page.goto('/');
    await page.getByRole('button', { name: 'Load demo store' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 60_000 });
    await signIn(page, 'manager');
    await page.getByLabel('Search catalog').fill('mug');
    await page.getByLabel('Search catalog').press('ArrowDown');
    await expect(page.getByRole('listbox', { name: 'Products matching mug' })).toBeFocused();
    await page.keyboard.press('Enter');
    const label = await page
      .getByRole('img', { name: /^Barcode \d{13} for / })
      .first()
      .getAttribute('aria-label');
    const barcode = label!.match(/^Barcode (\d{13})/)![1]!;

    await page.keyboard.press('Alt+1');
    await page.getByRole('button', { name: /^Register/ }).click();
    const register = page.getByRole('dialog', { name: /^Register/ });
    await register.getByLabel('Float').fill('500');
    await register.getByRole('button', { name: 'Open register' }).click();
    await register.getByRole('button', { name: 'Done' }).click();

    // Where the kill lands: frozen after the n-th write of the transaction, or a delay after the click.
    type Moment = { step: 'pay' | 'finish'; kill: Kill; freezeAt?: number; afterMs?: number };
    const moments: Moment[] = [
      ...[1, 3, 5].map((n): Moment => ({ step: 'finish', kill: 'browser', freezeAt: n })),
      ...[1, 2, 3, 4].map((n): Moment => ({ step: 'pay', kill: 'browser', freezeAt: n })),
      ...[2, 4].map((n): Moment => ({ step: 'pay', kill: 'tab', freezeAt: n })),
      ...[0, 5, 20, 60].map((ms): Moment => ({ step: 'pay', kill: 'browser', afterMs: ms })),
      ...[0, 15].map((ms): Moment => ({ step: 'pay', kill: 'tab', afterMs: ms })),
      ...[0, 10, 30].map((ms): Moment => ({ step: 'finish', kill: 'browser', afterMs: ms })),
    ];
    for (const moment of moments) {
      page = desk.page;
      const number = await saleAtPayment(page, barcode);
      const payment = page.getByRole('form', { name: 'Payment' });
      if (moment.step === 'finish') {
        await payment.getByRole('button', { name: 'Take payment' }).click();
        await expect(page.getByRole('button', { name: 'Finish sale' })).toBeVisible();
      }
      const before = await snapshot(page, number);
      const writes: string[] = [];
      page.on('console', (m) => void (m.text().startsWith('write') && writes.push(m.text())));
      if (moment.freezeAt) await page.evaluate((n) => window.__armFreeze(n), moment.freezeAt);
      const button =
        moment.step === 'pay'
          ? payment.getByRole('button', { name: 'Take payment' })
          : page.getByRole('button', { name: 'Finish sale' });
      if (moment.freezeAt) {
        const frozen = page.waitForEvent('console', (m) => m.text().startsWith('frozen'));
        await button.click({ noWaitAfter: true });
        await frozen;
      } else {
        await button.click({ noWaitAfter: true });
        if (moment.afterMs) await new Promise((r) => setTimeout(r, moment.afterMs));
      }
      await desk.kill(moment.kill);
      await desk.reopen();
      const after = await snapshot(desk.page, number);
      expect(after, `order ${number} after the kill`).not.toBeNull();
      expectConsistent(after!);
      const whole =
        moment.step === 'pay'
          ? after!.order.status === 'receipt' && after!.order.paid === after!.order.total
          : // Finished: with the packers, or (a counter sale on a desk that keeps a register) collected.
            (after!.order.status === 'processing' && after!.events.at(-1)?.type === 'stock.reserve') ||
            (after!.order.status === 'delivered' && after!.events.at(-1)?.type === 'counter.collect');
      if (!whole)
        expect(after, `all or none: ${JSON.stringify(moment)} after ${writes.join(', ')}`).toEqual(before);
      const where = `${JSON.stringify(moment)} after ${writes.join(', ')}`;
      if (moment.freezeAt) expect(whole, `frozen mid-write, none of it was kept: ${where}`).toBe(false);
      outcomes.push(
        `${moment.step} ${moment.kill} ${moment.freezeAt ? `frozen at write ${moment.freezeAt}` : `+${moment.afterMs} ms`}: ${whole ? 'whole' : 'none'}`,
      );
    }
    console.log(outcomes.join('\n'));
  } finally {
    await desk.context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
});

declare global {
  interface Window {
    __armFreeze: (n: number) => void;
  }
}
