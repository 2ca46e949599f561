import { expect, test, type Browser, type Page } from '@playwright/test';
import { newAccount } from './support/new-account';
import {
  callsTo,
  cardField,
  creatorWithOffers,
  DECLINED,
  forSale,
  payInDialog,
  serverUrl,
  signedUp,
  subscribeThroughApi,
  SUCCEEDS,
} from './support/money';

/**
 * Pay-per-view on a creator's page, as a fan lives it in Chromium against `npm start` (the sandbox rail): "Buy
 * for $5.00" on a post for sale, the buy dialog with the card, a declined card said next to the card field, the
 * post open once paid; a subscriber's tier discount said and taken off; a visitor asked to sign in first.
 */

/**
 * A creator of their own for a test: a Gold tier ($5.00 a month, 10% off pay-per-view), "Raku secrets" for sale
 * at $5.00 to anyone, and "Studio tour" open to Gold subscribers or for sale at $10.00.
 */
const creatorWithPricedPosts = (browser: Browser, name: string) =>
  creatorWithOffers(browser, name, {
    tiers: { gold: { name: 'Gold', rank: 0, monthlyPrice: '500', ppvDiscountBps: 1000 } },
    posts: [
      {
        title: 'Studio tour',
        body: 'Studio tour: the whole of it.',
        price: '1000',
        access: ({ self, tiers }) => ({
          kind: 'any',
          rules: [
            { kind: 'subscriber', minTier: tiers.gold },
            { kind: 'purchased', itemId: self },
          ],
        }),
      },
      { title: 'Raku secrets', body: 'Raku secrets: the whole of it.', price: '500', access: forSale },
    ],
  });

const post = (page: Page, title: string) => page.getByRole('article', { name: title });

test('a fan buys a post: a declined card is said next to the card field, then it is paid once and opens', async ({
  browser,
}) => {
  const creator = await creatorWithPricedPosts(browser, 'Mara');
  const context = await signedUp(browser, newAccount('Fay', false));
  const page = await context.newPage();
  const buys = callsTo<{ idempotencyKey: string }>(page, 'purchases.buy');
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  const raku = post(page, 'Raku secrets');
  await expect(raku).toContainText('Locked');
  const buy = raku.getByRole('button', { name: 'Buy for $5.00' });
  await buy.click();
  const dialog = page.getByRole('dialog', { name: 'Buy “Raku secrets”' });
  const card = cardField(dialog);
  await expect(card).toBeFocused();
  await expect(dialog).toContainText('Due today$5.00');
  await expect(dialog).toContainText('$5.00, paid once.');

  await payInDialog(dialog, DECLINED, 'Buy for $5.00');
  await expect(card).toHaveAccessibleDescription('Your card was declined.');
  await expect(card).toHaveAttribute('aria-invalid', 'true');
  await expect(card).toBeFocused();

  await payInDialog(dialog, SUCCEEDS, 'Buy for $5.00');
  await expect(dialog.getByRole('heading', { name: '“Raku secrets” is yours' })).toBeFocused();
  await expect(dialog).toContainText('You paid $5.00.');
  // The declined payment was over: the paid one is another, under a new key.
  expect(buys).toHaveLength(2);
  expect(buys[1]?.idempotencyKey).not.toBe(buys[0]?.idempotencyKey);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(raku).toContainText('Raku secrets: the whole of it.');
  await expect(raku).not.toContainText('Locked');
  await context.close();
});

test("a subscriber's tier discount is said and taken off; a visitor is asked to sign in to buy", async ({
  browser,
  page,
}) => {
  const creator = await creatorWithPricedPosts(browser, 'Ines');
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  const tour = post(page, 'Studio tour');
  await expect(tour.getByRole('link', { name: 'Sign in to buy for $10.00' })).toBeVisible();
  await expect(tour.getByRole('link', { name: 'Sign in to subscribe' })).toBeVisible();

  // A Gold subscriber: Gold's 10% comes off what they buy.
  const context = await signedUp(browser, newAccount('Fay', false));
  await subscribeThroughApi(context, creator.handle, creator.tiers.gold);
  const fanPage = await context.newPage();
  await fanPage.goto(`${serverUrl()}/c/${creator.handle}`);
  // Gold opens Studio tour: nothing to buy there.
  await expect(post(fanPage, 'Studio tour')).not.toContainText('Locked');
  const raku = post(fanPage, 'Raku secrets');
  await raku.getByRole('button', { name: 'Buy for $4.50' }).click();
  const dialog = fanPage.getByRole('dialog', { name: 'Buy “Raku secrets”' });
  await expect(dialog).toContainText('$5.00, less your 10% subscriber discount: $4.50.');
  await payInDialog(dialog, SUCCEEDS, 'Buy for $4.50');
  await expect(dialog).toContainText('You paid $4.50.');
  await context.close();
});
