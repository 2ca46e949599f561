import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { newAccount, type NewAccount } from './support/new-account';

/**
 * Pay-per-view on a creator's page, as a fan lives it in Chromium against `npm start` (the sandbox rail): "Buy
 * for $5.00" on a post for sale, the buy dialog with the card, a declined card said next to the card field, the
 * post open once paid; a subscriber's tier discount said and taken off; a visitor asked to sign in first.
 */
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const PASSWORD = 'correct horse battery';
const SUCCEEDS = '4242 4242 4242 4242';
const DECLINED = '4000 0000 0000 0002';

/** Calls a tRPC mutation as the context's signed-in account (if any), from the site's own origin. */
async function call(context: BrowserContext, procedure: string, input: unknown): Promise<unknown> {
  const response = await context.request.post(`${serverUrl()}/trpc/${procedure}`, {
    headers: { Origin: serverUrl() },
    data: input,
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: unknown } }).result.data;
}

async function signedUp(browser: Browser, who: NewAccount): Promise<BrowserContext> {
  const context = await browser.newContext();
  await call(context, 'accounts.signUp', {
    email: who.email,
    password: PASSWORD,
    displayName: who.displayName,
    role: who.handle ? 'creator' : 'fan',
    ...(who.handle ? { handle: who.handle } : {}),
  });
  return context;
}

interface Creator extends NewAccount {
  readonly handle: string;
  readonly gold: string;
}

/**
 * A creator of their own for a test: a Gold tier ($5.00 a month, 10% off pay-per-view), "Raku secrets" for sale
 * at $5.00 to anyone, and "Studio tour" open to Gold subscribers or for sale at $10.00.
 */
async function creatorWithPricedPosts(browser: Browser, name: string): Promise<Creator> {
  const account = newAccount(name, true);
  const context = await signedUp(browser, account);
  const gold = (
    (await call(context, 'subscriptions.createTier', {
      tier: { name: 'Gold', rank: 0, monthlyPrice: '500', ppvDiscountBps: 1000 },
    })) as { id: string }
  ).id;
  const studioTour = randomUUID();
  const rakuSecrets = randomUUID();
  const posts = [
    [
      studioTour,
      'Studio tour',
      '1000',
      {
        kind: 'any',
        rules: [
          { kind: 'subscriber', minTier: gold },
          { kind: 'purchased', itemId: studioTour },
        ],
      },
    ],
    [rakuSecrets, 'Raku secrets', '500', { kind: 'purchased', itemId: rakuSecrets }],
  ] as const;
  for (const [id, title, minor, accessRule] of posts) {
    await call(context, 'posts.create', {
      id,
      draft: { title, body: `${title}: the whole of it.`, accessRule, price: { currency: 'USD', minor } },
    });
    await call(context, 'posts.publish', { id });
  }
  await context.close();
  return { ...account, handle: account.handle ?? '', gold };
}

const post = (page: Page, title: string) => page.getByRole('article', { name: title });

test('a fan buys a post: a declined card is said next to the card field, then it is paid once and opens', async ({
  browser,
}) => {
  const creator = await creatorWithPricedPosts(browser, 'Mara');
  const context = await signedUp(browser, newAccount('Fay', false));
  const page = await context.newPage();
  const buys: { idempotencyKey: string }[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/trpc/purchases.buy') {
      buys.push((request.postDataJSON() as Record<string, { idempotencyKey: string }>)['0']!);
    }
  });
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  const raku = post(page, 'Raku secrets');
  await expect(raku).toContainText('Locked');
  const buy = raku.getByRole('button', { name: 'Buy for $5.00' });
  await buy.click();
  const dialog = page.getByRole('dialog', { name: 'Buy “Raku secrets”' });
  const card = dialog.getByLabel('Card number');
  await expect(card).toBeFocused();
  await expect(dialog).toContainText('Due today$5.00');
  await expect(dialog).toContainText('$5.00, paid once.');

  await card.fill(DECLINED);
  await dialog.getByRole('button', { name: 'Buy for $5.00' }).click();
  await expect(card).toHaveAccessibleDescription('Your card was declined.');
  await expect(card).toHaveAttribute('aria-invalid', 'true');
  await expect(card).toBeFocused();

  await card.fill(SUCCEEDS);
  await dialog.getByRole('button', { name: 'Buy for $5.00' }).click();
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
  await call(context, 'subscriptions.subscribe', {
    handle: creator.handle,
    tierId: creator.gold,
    interval: 'month',
    paymentMethod: 'sandbox_card_4242424242424242',
    idempotencyKey: randomUUID(),
  });
  const fanPage = await context.newPage();
  await fanPage.goto(`${serverUrl()}/c/${creator.handle}`);
  // Gold opens Studio tour: nothing to buy there.
  await expect(post(fanPage, 'Studio tour')).not.toContainText('Locked');
  const raku = post(fanPage, 'Raku secrets');
  await raku.getByRole('button', { name: 'Buy for $4.50' }).click();
  const dialog = fanPage.getByRole('dialog', { name: 'Buy “Raku secrets”' });
  await expect(dialog).toContainText('$5.00, less your 10% subscriber discount: $4.50.');
  await dialog.getByLabel('Card number').fill(SUCCEEDS);
  await dialog.getByRole('button', { name: 'Buy for $4.50' }).click();
  await expect(dialog).toContainText('You paid $4.50.');
  await context.close();
});
