import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { readCsv } from '../src/shared/test/csv-reader';
import { newAccount } from './support/new-account';
import { sendTip, serverCall, signUpFan } from './support/server-api';

/**
 * Money across every layer, in browser mode against `npm start`: a fan subscribes, buys a pay-per-view post
 * and tips (through the server's API, as the fan web does; the fan web's own flows have their specs), the
 * creator's studio syncs, and its Earnings screen and CSV export hold all three, each net of the platform's
 * 10% fee. The subscriber post and the bought post open for the fan on the creator's page.
 */
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const studioUrl = () => process.env.E2E_STUDIO_URL ?? '';
const creator = { ...newAccount('Mona', true), password: 'correct horse battery' };
const CARD = 'sandbox_card_4242424242424242';

async function signInStudio(page: Page): Promise<void> {
  await page.goto(studioUrl());
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await page.getByLabel('Server URL').fill(serverUrl());
  await page.getByLabel('Email').fill(creator.email);
  await page.getByLabel('Password').fill(creator.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toContainText(`@${creator.handle}`);
  await expect(page.getByRole('status')).toContainText(/online/i);
}

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto(studioUrl());
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  const card = page.getByRole('listitem').filter({ hasText: creator.email });
  if ((await card.count()) > 0) await card.getByRole('button', { name: 'Sign out' }).click();
  await expect(card).toHaveCount(0);
  await page.close();
});

test('a subscription, a pay-per-view purchase and a tip reach the studio’s Earnings and its CSV', async ({
  page,
}) => {
  const signedUp = await serverCall<{ token: string }>(serverUrl(), 'accounts.signUp', {
    email: creator.email,
    password: creator.password,
    role: 'creator',
    displayName: creator.displayName,
    handle: creator.handle,
  });
  const token = signedUp.token;
  const tier = await serverCall<{ id: string }>(
    serverUrl(),
    'subscriptions.createTier',
    { tier: { name: 'Gold', rank: 1, monthlyPrice: '1000' } },
    token,
  );
  const forSubscribers = await serverCall<{ id: string }>(
    serverUrl(),
    'posts.create',
    {
      draft: { title: 'Gold only', body: 'For Gold.', accessRule: { kind: 'subscriber', minTier: tier.id } },
    },
    token,
  );
  await serverCall(serverUrl(), 'posts.publish', { id: forSubscribers.id }, token);
  const ppvId = randomUUID();
  await serverCall(
    serverUrl(),
    'posts.create',
    {
      id: ppvId,
      draft: {
        title: 'Behind the scenes',
        body: 'Bought and opened.',
        accessRule: { kind: 'purchased', itemId: ppvId },
        price: { currency: 'USD', minor: '300' },
      },
    },
    token,
  );
  await serverCall(serverUrl(), 'posts.publish', { id: ppvId }, token);

  await signInStudio(page);
  await page.getByRole('button', { name: 'Earnings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Earnings');

  const fan = await signUpFan(serverUrl(), 'Farah');
  const subscription = await serverCall<{ status: string }>(
    serverUrl(),
    'subscriptions.subscribe',
    {
      handle: creator.handle,
      tierId: tier.id,
      interval: 'month',
      paymentMethod: CARD,
      idempotencyKey: randomUUID(),
    },
    fan.token,
  );
  expect(subscription.status).toBe('active');
  const purchase = await serverCall<{ status: string }>(
    serverUrl(),
    'purchases.buy',
    { postId: ppvId, paymentMethod: CARD, idempotencyKey: randomUUID() },
    fan.token,
  );
  expect(purchase.status).toBe('succeeded');
  await sendTip(serverUrl(), fan.token, { handle: creator.handle!, amount: '500', message: 'Thank you' });

  // Both posts open for the fan on the creator's page.
  const pageAnswer = await fetch(
    `${serverUrl()}/trpc/creators.page?input=${encodeURIComponent(JSON.stringify({ handle: creator.handle }))}`,
    { headers: { authorization: `Bearer ${fan.token}` } },
  );
  const pageOf = (
    (await pageAnswer.json()) as { result: { data: { posts: { id: string; access: string }[] } } }
  ).result.data;
  expect(
    pageOf.posts
      .filter((p) => p.access === 'open')
      .map((p) => p.id)
      .sort(),
  ).toEqual([forSubscribers.id, ppvId].sort());

  // The studio hears of all three through sync: $9.00 + $2.70 + $4.50 net.
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('$16.20');
  const rows = page.getByRole('table').filter({ hasText: 'Refunded' }).getByRole('row');
  await expect(rows).toHaveCount(4);
  await expect(page.getByRole('table').filter({ hasText: 'Refunded' })).toContainText('Subscription');
  await expect(page.getByRole('table').filter({ hasText: 'Refunded' })).toContainText('Pay-per-view');
  await expect(page.getByRole('table').filter({ hasText: 'Refunded' })).toContainText('Tip');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const [header, ...records] = readCsv(await readFile((await (await downloading).path())!, 'utf8'));
  const column = (name: string) => header!.indexOf(name);
  const bySource = Object.fromEntries(
    records.map((r) => [r[column('Source')], [r[column('Amount')], r[column('Fee')], r[column('Net')]]]),
  );
  expect(bySource).toEqual({
    subscription: ['10.00', '1.00', '9.00'],
    ppv: ['3.00', '0.30', '2.70'],
    tip: ['5.00', '0.50', '4.50'],
  });
});
