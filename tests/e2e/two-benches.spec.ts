// Two pack benches race for one order, as the product runs: the real server as its own process and
// two browser desks. Bench B's network drops while it takes the order and scans it; bench A packs
// the same order and closes its parcel. When B is back, B is told plainly that A packed it, has
// nothing to complete, and leaves it; one parcel stands on both desks, and the order's history
// holds one pack. In the second race B also closes a parcel while offline: the server refuses its
// pack.complete and its parcel, B drops that parcel and is told not to use its label.
import { expect, test, type Page } from '@playwright/test';
import {
  CATALOG,
  OWNER,
  enroll,
  packQueueRow,
  signInAsOwner,
  startDeskA,
  withStoreServer,
  takePhoneOrder,
} from './storeDesks';
import { scan } from './support';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/two-benches-${name}.png` });
// Synced with nothing waiting: "Synced just now · 1 change waiting" is a desk whose last change has
// not reached the server yet (bench A's pack, once, let bench B's claim get there first).
const synced = (page: Page) => page.getByRole('link', { name: /^Sync: Synced(?!.* waiting)/ });

/** Opens the order from the queue and scans its one item, as a packer does. */
async function packItsItem(page: Page, orderNumber: string) {
  await page.keyboard.press('Alt+3');
  await packQueueRow(page, orderNumber).click();
  await expect(page.getByRole('heading', { name: `Packing ${orderNumber}` })).toBeVisible();
  await scan(page, CATALOG[0]!.barcode);
  await expect(
    page
      .getByRole('table', { name: `Items in order ${orderNumber}` })
      .getByRole('row')
      .filter({ hasText: CATALOG[0]!.barcode }),
  ).toContainText('1 of 1');
}

// Bench B only scans while offline, or also closes a parcel of its own (a second pack.complete and
// a second parcel, both refused when B is back).
const RACES = [
  {
    title: 'two benches pack the same order: one parcel stands, and the other bench is told plainly',
    bCloses: false,
  },
  {
    title: 'a bench that closed a parcel offline for an order packed first elsewhere: its parcel is not kept',
    bCloses: true,
  },
];

for (const { title, bCloses } of RACES)
  test(title, async ({ browser }) => {
    test.setTimeout(600_000);
    const tag = bCloses ? 'closed-' : '';
    await withStoreServer('Harbour Goods', 2, async (server, [codeA = '', codeB = ''], desks) => {
      // Bench A holds the store and creates it on the server; bench B joins it.
      const a = await startDeskA(browser, 1);
      desks.push(a);
      await a.keyboard.press('Alt+8');
      await enroll(a, server.url, codeA, 'Bench A');
      const setup = a.getByRole('region', { name: 'Set up the store on its server' });
      await setup.getByRole('button', { name: 'Create a new store from this desk' }).click();
      await expect(setup).toBeHidden({ timeout: 120_000 });
      await expect(synced(a)).toBeVisible({ timeout: 120_000 });

      const bContext = await browser.newContext();
      const b = await bContext.newPage();
      desks.push(b);
      await b.goto('/');
      await b.getByRole('button', { name: 'Join a store server' }).click();
      await enroll(b, server.url, codeB, 'Bench B');
      await expect(b.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 120_000 });
      await signInAsOwner(b);
      await expect(synced(b)).toBeVisible({ timeout: 120_000 });

      // A phone order, paid: it waits in both benches' queues.
      const number = await takePhoneOrder(a, CATALOG[0]!.sku);
      await a.getByRole('button', { name: 'Finish sale' }).click();
      await expect(a.getByRole('status').filter({ hasText: 'Sale complete' })).toBeVisible();
      await b.keyboard.press('Alt+3');
      await expect(packQueueRow(b, number)).toBeVisible({ timeout: 60_000 });

      // B's network drops: B takes the order and scans its item, hearing nothing of A.
      await bContext.setOffline(true);
      await packItsItem(b, number);
      if (bCloses) {
        await b.getByRole('button', { name: 'Complete parcel' }).click();
        await expect(b.getByLabel('Weight (kg)')).toBeFocused();
      }
      // Meanwhile A packs the same order and closes its parcel.
      await packItsItem(a, number);
      await a.getByRole('button', { name: 'Complete parcel' }).click();
      await expect(a.getByLabel('Weight (kg)')).toBeFocused();
      await expect(synced(a)).toBeVisible({ timeout: 60_000 });
      await expect(a.getByRole('link', { name: /^Sync: .*refused/ })).toHaveCount(0);

      // B is back: told plainly, with no parcel to complete, print or ship.
      await bContext.setOffline(false);
      await expect(
        b.getByRole('alert').filter({
          hasText: `Order ${number} was packed by ${OWNER.name} at another bench while it was open here`,
        }),
      ).toBeVisible({ timeout: 60_000 });
      if (bCloses)
        await expect(
          b.getByRole('alert').filter({ hasText: 'The parcel closed here is not kept' }),
        ).toBeVisible();
      await expect(b.getByRole('button', { name: 'Complete parcel' })).toHaveCount(0);
      await expect(b.getByLabel('Weight (kg)')).toHaveCount(0);
      await expect(b.getByRole('form', { name: `Ship order ${number}` })).toHaveCount(0);
      await shot(b, `01-${tag}told-packed-elsewhere`);
      await b.getByRole('button', { name: 'Back to the queue' }).click();
      const here = bCloses ? 'the parcel closed here was not kept' : 'nothing was packed here';
      await expect(
        b.getByRole('status').filter({ hasText: `Order ${number} is packed at another bench; ${here}` }),
      ).toBeVisible();
      await expect(packQueueRow(b, number)).toHaveCount(0);

      // One parcel stands, on both desks; the order was packed once.
      await expect(synced(b)).toBeVisible({ timeout: 60_000 });
      for (const desk of [a, b]) {
        await desk.keyboard.press('Alt+4');
        await expect(
          desk
            .getByRole('list', { name: 'Parcels waiting for a carrier' })
            .getByRole('button')
            .filter({ hasText: number }),
        ).toHaveCount(1);
      }
      await shot(b, `02-${tag}one-parcel`);
      await a.keyboard.press('Alt+2');
      await a.getByLabel('Search orders').fill(number);
      await a.getByLabel('Search orders').press('Enter');
      const history = a.getByRole('list', { name: 'History' });
      await expect(history).toContainText('Packed: a parcel of 1 unit');
      await expect(history.getByRole('listitem').filter({ hasText: 'Packed: a parcel' })).toHaveCount(1);
    });
  });
