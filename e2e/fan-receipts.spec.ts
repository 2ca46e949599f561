import { expect, test, type Browser, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { newAccount } from './support/new-account';
import {
  API_CARD,
  ask,
  call,
  creatorWithOffers,
  forSale,
  payAndClose,
  payInDialog,
  serverUrl,
  signedIn,
  signedUp,
  SUCCEEDS,
} from './support/money';

/**
 * Receipts on the fan web, as a fan lives them in Chromium against `npm start` (the sandbox rail): a tip, a
 * pay-per-view post and a subscription, each paid in its dialog, then listed on Receipts with its amount; the
 * creator refunds part of the tip and the fan's receipt says "Refunded $2.00 of $5.00", with the refund in its
 * history; older receipts a page at a time; a visitor is asked to sign in.
 */

/** A creator of their own for a test: tips from $1, "Raku secrets" for sale at $7.00 and a Studio tier at $15.00. */
const creatorWithTipPostAndTier = (browser: Browser) =>
  creatorWithOffers(browser, 'Mara', {
    tiers: { studio: { name: 'Studio', rank: 0, monthlyPrice: '1500' } },
    posts: [{ title: 'Raku secrets', body: 'Raku secrets: the whole of it.', price: '700', access: forSale }],
    tips: { minimum: '100', presets: ['500', '1000'], goal: null },
  });

const receiptItem = (page: Page, what: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: what }) });

test('a fan sees their tip, purchase and subscription on Receipts, and a part refund of the tip as such', async ({
  browser,
}) => {
  const creator = await creatorWithTipPostAndTier(browser);
  const fan = await signedUp(browser, newAccount('Fay', false));
  const page = await fan.newPage();
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(creator.displayName);

  // A $5.00 tip with words that look like markup.
  await page
    .getByRole('region', { name: creator.displayName })
    .getByRole('button', { name: 'Tip', exact: true })
    .click();
  const tipDialog = page.getByRole('dialog', { name: `Tip ${creator.displayName}` });
  await tipDialog.getByRole('radio', { name: '$5.00' }).check();
  const message = '<b>Bravo</b> & thanks';
  await tipDialog.getByLabel('Message (optional)').fill(message);
  await payInDialog(tipDialog, SUCCEEDS, 'Tip $5.00');
  await expect(tipDialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
  await tipDialog.getByRole('button', { name: 'Done' }).click();

  await payAndClose(page, page.getByRole('button', { name: 'Buy for $7.00' }), {
    name: 'Buy “Raku secrets”',
    pay: 'Buy for $7.00',
    done: '“Raku secrets” is yours',
  });
  await payAndClose(
    page,
    page.getByRole('region', { name: 'Tiers' }).getByRole('button', { name: 'Subscribe to Studio' }),
    { name: 'Subscribe to Studio', pay: 'Subscribe for $15.00/month', done: 'You’re subscribed to Studio' },
  );

  await page.getByRole('link', { name: 'Receipts' }).click();
  await expect(page).toHaveURL(`${serverUrl()}/receipts`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Receipts');
  const list = page.getByRole('list').filter({ has: page.getByRole('article') });
  await expect(list.getByRole('heading', { level: 2 })).toHaveText([
    'Studio subscription, monthly',
    'Post: “Raku secrets”',
    'Tip',
  ]);
  const tip = receiptItem(page, 'Tip');
  for (const [what, amount] of [
    ['Studio subscription, monthly', '$15.00'],
    ['Post: “Raku secrets”', '$7.00'],
    ['Tip', '$5.00'],
  ] as const) {
    const item = receiptItem(page, what);
    await expect(item).toContainText(amount);
    await expect(item).toContainText('Paid');
    await expect(item.getByRole('link', { name: creator.displayName })).toHaveAttribute(
      'href',
      `/c/${creator.handle}`,
    );
  }
  // The fan's words come back as text, never as elements.
  await expect(tip.getByText(`“${message}”`)).toBeVisible();
  await expect(tip.locator('b')).toHaveCount(0);
  await expect(page.getByText('That’s every payment you’ve made.')).toBeVisible();

  // The creator refunds $2.00 of the tip.
  const mine = await ask<{ receipts: { paymentId: string; purchase: { kind: string } }[] }>(
    fan,
    'payments.mine',
    { limit: 10 },
  );
  const tipPayment = mine.receipts.find((r) => r.purchase.kind === 'tip')!;
  const owner = await signedIn(browser, creator);
  await call(owner, 'payments.refund', {
    paymentId: tipPayment.paymentId,
    amount: '200',
    idempotencyKey: randomUUID(),
  });
  await owner.close();

  await page.reload();
  await expect(tip.getByText('Refunded $2.00 of $5.00')).toBeVisible();
  await expect(receiptItem(page, 'Post: “Raku secrets”')).toContainText('Paid');

  await tip.getByRole('button', { name: /^View receipt for Tip/ }).click();
  const receipt = page.getByRole('dialog', { name: 'Receipt' });
  await expect(receipt.getByText('Refunded $2.00 of $5.00')).toBeVisible();
  await expect(receipt.getByRole('definition').filter({ hasText: '$3.00' })).toBeVisible();
  await expect(receipt.getByText(message, { exact: true })).toBeVisible();
  await expect(receipt.locator('b')).toHaveCount(0);
  const history = receipt.getByRole('region', { name: 'History' }).getByRole('listitem');
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText('Charged $5.00');
  await expect(history.nth(1)).toContainText('Refunded $2.00');
  await page.keyboard.press('Escape');
  await expect(receipt).toBeHidden();
  // The focus goes back to the button that opened the receipt.
  await expect(tip.getByRole('button', { name: /^View receipt for Tip/ })).toBeFocused();
  await fan.close();
});

test('older receipts come a page at a time, each once; a visitor is asked to sign in', async ({
  browser,
}) => {
  const creator = await creatorWithTipPostAndTier(browser);
  const fan = await signedUp(browser, newAccount('Noor', false));
  // 23 tips, $1.01 to $1.23: one more page than a page of 20.
  for (let i = 1; i <= 23; i++) {
    await call(fan, 'tips.send', {
      handle: creator.handle,
      amount: String(100 + i),
      currency: 'USD',
      message: '',
      paymentMethod: API_CARD,
      idempotencyKey: randomUUID(),
    });
  }
  const page = await fan.newPage();
  await page.goto(`${serverUrl()}/receipts`);
  const amounts = page.locator('.receipt__amount');
  await expect(amounts).toHaveCount(20);
  await expect(amounts.first()).toHaveText('$1.23');
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(amounts).toHaveCount(23);
  await expect(amounts.last()).toHaveText('$1.01');
  await expect(page.getByRole('button', { name: 'Load more' })).toBeHidden();
  await expect(page.getByText('That’s every payment you’ve made.')).toBeVisible();
  await fan.close();

  const visitor = await browser.newPage();
  await visitor.goto(`${serverUrl()}/receipts`);
  await expect(visitor).toHaveURL(`${serverUrl()}/signin?next=%2Freceipts`);
  await visitor.close();
});
