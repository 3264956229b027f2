// Advocacy through the real server: a new customer gives a friend's referral code at the counter,
// gets the welcome discount, pays and takes the goods (delivered at once); the server rewards the
// friend with store credit, seen in her balance, and e-mails the customer a feedback link (caught
// by a local SMTP server). The link, answered in the browser, shows on the order at the desk; a
// second answer finds it used.
import { expect, test, type Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { startEmpty } from './support';
import { SyncServerProcess } from './syncServer';

const shot = (page: Page, name: string) => page.screenshot({ path: `screenshots/advocacy-${name}.png` });
// The referrer's id ends in 0x000000001f, so her code is REF-0000000Z (src-shared/referrals.ts).
const REFERRER: { id: string; name: string; email?: string } = {
  id: '0193a1b2-c3d4-7e5f-8a6b-00000000001f',
  name: 'Ada Referrer',
};
const NEWCOMER = {
  id: '0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b',
  name: 'Nia Newcomer',
  email: 'nia@example.com',
};
const ITEM = { name: 'Stoneware Mug', sku: 'MUG-STONE', barcode: '5012345000015', price: 2000 };

/** The store before enrollment: one product with stock and two customers, written into IndexedDB. */
async function seed(page: Page): Promise<void> {
  await page.evaluate(
    async ({ item, customers }) => {
      const at = new Date().toISOString();
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('orderline');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(
        ['products', 'variants', 'stockMovements', 'stockLevels', 'customers', 'settings'],
        'readwrite',
      );
      const productId = crypto.randomUUID();
      const variantId = crypto.randomUUID();
      tx.objectStore('products').put({
        id: productId,
        name: item.name,
        category: 'Kitchen',
        taxClass: 'standard',
        options: [],
        allowBackorder: false,
        active: true,
        searchWords: ['stoneware', 'mug', 'kitchen'],
        createdAt: at,
        updatedAt: at,
      });
      tx.objectStore('variants').put({
        id: variantId,
        productId,
        sku: item.sku,
        barcode: item.barcode,
        attributes: {},
        price: { amount: item.price, currency: 'GBP' },
        weightGrams: 300,
        bin: 'A-01-1',
        createdAt: at,
        updatedAt: at,
      });
      tx.objectStore('stockMovements').put({
        id: crypto.randomUUID(),
        variantId,
        kind: 'receive',
        quantity: 20,
        deskId: 'D1',
        createdAt: at,
      });
      tx.objectStore('stockLevels').put({ variantId, onHand: 20, reserved: 0, updatedAt: at });
      for (const c of customers) {
        tx.objectStore('customers').put({
          id: c.id,
          name: c.name,
          ...(c.email ? { email: c.email } : {}),
          phoneDigits: '',
          addresses: [],
          acquisitionSource: 'word_of_mouth',
          isBusiness: false,
          searchWords: c.name.toLowerCase().split(' '),
          createdAt: at,
          updatedAt: at,
        });
      }
      // The store rewards a referrer with £5.00 of store credit.
      tx.objectStore('settings').put({
        key: 'store.referrals',
        value: { active: true, welcomePercent: 10, rewardKind: 'credit', rewardAmount: 500 },
      });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { item: ITEM, customers: [REFERRER, NEWCOMER] },
  );
}

async function openCustomer(page: Page, search: string, name: string): Promise<void> {
  await page.keyboard.press('Alt+6');
  await page.getByLabel('Search customers').fill(search);
  await page
    .getByRole('listbox', { name: `Customers matching ${search}` })
    .getByRole('option', { name: new RegExp(`^${name}`) })
    .first()
    .click();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
}

async function startSmtp(): Promise<{ port: number; mails: string[]; close: () => Promise<void> }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('a referred first order rewards the referrer, and its feedback link answered in the browser shows at the desk', async ({
  browser,
  page,
}) => {
  test.setTimeout(300_000);
  const smtp = await startSmtp();
  const server = new SyncServerProcess();
  server.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  server.env.SMTP_FROM = 'High Street Kitchen <shop@example.com>';
  try {
    const storeId = await server.createStore('High Street Kitchen');
    const code = await server.enrollCode(storeId);
    await server.start();

    await startEmpty(page);
    await seed(page);
    await page.reload();
    await expect(
      page.getByRole('button', { name: 'Lock' }).or(page.getByRole('heading', { name: 'Sign in' })),
    ).toBeVisible();
    if (await page.getByRole('heading', { name: 'Sign in' }).isVisible()) {
      await page.getByRole('list', { name: 'Staff' }).getByRole('button', { name: 'Olive Owner' }).click();
      await page.getByLabel('PIN', { exact: true }).fill('482613');
      await page.getByRole('button', { name: 'Sign in as Olive Owner' }).click();
    }
    await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();

    // Enrolled, the desk creates the store on the server from what it holds.
    await page.keyboard.press('Alt+8');
    const enrollForm = page.getByRole('form', { name: 'Enroll this desk' });
    await enrollForm.getByLabel('Server address').fill(server.url);
    await enrollForm.getByLabel('Enrollment code').fill(code);
    await enrollForm.getByLabel('Name of this desk').fill('Front desk');
    await enrollForm.getByRole('button', { name: 'Enroll this desk' }).click();
    const setup = page.getByRole('region', { name: 'Set up the store on its server' });
    await setup.getByRole('button', { name: 'Create a new store from this desk' }).click();
    await expect(
      page
        .getByRole('status')
        .filter({ hasText: /^Synced/ })
        .first(),
    ).toBeVisible({ timeout: 60_000 });

    // The referrer's code is on her customer page.
    await openCustomer(page, 'Ada', REFERRER.name);
    await expect(page.getByLabel('Referral code REF-0000000Z')).toBeVisible();

    // At the counter the newcomer gives the code: 10% off her first order.
    await page.keyboard.press('Alt+1');
    await page.getByRole('combobox', { name: /^Channel/ }).selectOption('counter');
    const customerPanel = page.getByRole('region', { name: 'Customer' });
    await customerPanel.getByRole('combobox', { name: 'Find customer' }).fill('Nia');
    await customerPanel.getByRole('option').filter({ hasText: NEWCOMER.name }).first().click();
    await expect(customerPanel).toContainText(NEWCOMER.name);
    await page.getByLabel('Add item').fill(ITEM.barcode);
    await page.getByLabel('Add item').press('Enter');
    await page.getByRole('button', { name: 'Checkout' }).click();
    await page.getByRole('textbox', { name: 'Promo code' }).fill('ref-0000000z');
    await page.getByRole('button', { name: 'Apply' }).click();
    const totals = page.getByLabel('Checkout totals');
    await expect(totals).toContainText('Promo REF-0000000Z');
    await expect(totals).toContainText('£18.00');
    await shot(page, '01-referral-discount');
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    const payment = page.getByRole('form', { name: 'Payment' });
    await payment.getByLabel('Card (terminal)').check();
    await payment.getByLabel('Terminal reference').fill('TID-2001');
    await payment.getByLabel('Card last four digits').fill('4242');
    await payment.getByRole('button', { name: 'Take payment' }).click();
    const receipt = page.getByRole('article', { name: /^Receipt for order D1-\d{6}$/ });
    await expect(receipt).toBeVisible();
    await expect(receipt).toContainText('Refer a friend: with code REF-');
    const number = (await receipt.getAttribute('aria-label'))!.replace('Receipt for order ', '');
    await page.getByRole('button', { name: 'Finish sale' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Sale complete' })).toBeVisible();

    // The server saw the referred order paid: the referrer's reward reaches the desk, already in
    // her store credit (posted once to the ledger by the server).
    await openCustomer(page, 'Ada', REFERRER.name);
    const rewards = page.getByRole('list', { name: 'Referral rewards' });
    await expect(rewards).toContainText(
      `£5.00 store credit, for referring ${NEWCOMER.name} (order ${number})`,
      { timeout: 30_000 },
    );
    await expect(rewards).toContainText('Added to their store credit');
    await expect(rewards.getByRole('button', { name: 'Mark reward used' })).toHaveCount(0);
    const balances = page.getByRole('region', { name: 'Points and store credit' });
    await expect(balances).toContainText(/Store credit\s*£5\.00/);
    await shot(page, '02-referrer-reward');

    // Collected at the counter is delivered: the server e-mails the feedback link.
    await expect.poll(() => smtp.mails.some((m) => m.includes(number)), { timeout: 60_000 }).toBe(true);
    const mail = smtp.mails.find((m) => m.includes(number))!.replace(/=\r?\n/g, '');
    const link = mail.match(/https?:\/\/[^\s"<>]+\/feedback\/[A-Za-z0-9_-]+/)![0];

    const customer = await (await browser.newContext()).newPage();
    await customer.goto(link);
    await expect(customer.getByRole('heading', { name: 'How did High Street Kitchen do?' })).toBeVisible();
    // Sent without an answer: the page says what is missing and keeps the comment.
    await customer
      .getByLabel('Anything you would like to tell us? (optional)')
      .fill('Lovely mug, friendly shop');
    await customer.evaluate(() =>
      document.querySelectorAll('input').forEach((i) => i.removeAttribute('required')),
    );
    await customer.getByRole('button', { name: 'Send feedback' }).click();
    await expect(customer.getByRole('alert')).toContainText('Choose how satisfied you are');
    await expect(customer.getByLabel('Anything you would like to tell us? (optional)')).toHaveValue(
      'Lovely mug, friendly shop',
    );
    await customer
      .getByRole('group', { name: 'How satisfied are you with your order?' })
      .getByLabel('5')
      .check();
    await customer
      .getByRole('group', { name: 'How likely are you to recommend us to a friend?' })
      .getByLabel('9', { exact: true })
      .check();
    await customer.screenshot({ path: 'screenshots/advocacy-03-feedback-page.png' });
    await customer.getByRole('button', { name: 'Send feedback' }).click();
    await expect(customer.getByRole('heading', { name: 'Thank you' })).toBeVisible();
    // The link works once.
    await customer.goto(link);
    await expect(customer.getByRole('heading', { name: 'This link has been used' })).toBeVisible();

    // At the desk the order shows what she said.
    await page.keyboard.press('Alt+2');
    await page.getByRole('group', { name: 'Filter by status' }).getByRole('button', { name: /^All/ }).click();
    await page.getByLabel('Search orders').fill(number);
    await page.getByLabel('Search orders').press('Enter');
    await expect(page.getByRole('heading', { name: `Order ${number}` })).toBeVisible();
    const feedback = page.getByRole('list', { name: `Feedback on order ${number}` });
    await expect(feedback).toContainText('Satisfaction 5 of 5', { timeout: 30_000 });
    await expect(feedback).toContainText('Would recommend 9 of 10');
    await expect(feedback).toContainText('Lovely mug, friendly shop');
    await expect(feedback).toContainText('by e-mail');
    await shot(page, '04-feedback-on-order');
  } finally {
    await test.info().attach('server log', { body: server.log.join('\n'), contentType: 'text/plain' });
    await server.dispose();
    await smtp.close();
  }
});
