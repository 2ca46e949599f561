import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { readCsv } from '../src/shared/test/csv-reader';
import { signInStudio, signOutStudio } from './support/media';
import { API_CARD, creatorWithOffers, forSale, serverUrl, subscribeThroughApi } from './support/money';
import { newAccount } from './support/new-account';
import { sendTip, serverCall, signUpFan } from './support/server-api';

/**
 * Money across every layer, in browser mode against `npm start`: a fan subscribes, buys a pay-per-view post
 * and tips (through the server's API, as the fan web does; the fan web's own flows have their specs), the
 * creator's studio syncs, and its Earnings screen and CSV export hold all three, each net of the platform's
 * 10% fee. The subscriber post and the bought post open for the fan on the creator's page.
 */
const account = newAccount('Mona', true);
const creator = { ...account, handle: account.handle! };

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signOutStudio(page, creator.email);
  await page.close();
});

test('a subscription, a pay-per-view purchase and a tip reach the studio’s Earnings and its CSV', async ({
  browser,
  page,
}) => {
  const made = await creatorWithOffers(browser, creator, {
    tiers: { gold: { name: 'Gold', rank: 1, monthlyPrice: '1000' } },
    posts: [
      {
        title: 'Gold only',
        body: 'For Gold.',
        access: ({ tiers }) => ({ kind: 'subscriber', minTier: tiers.gold }),
      },
      { title: 'Behind the scenes', body: 'Bought and opened.', price: '300', access: forSale },
    ],
  });
  const forSubscribers = made.posts['Gold only']!;
  const ppvId = made.posts['Behind the scenes']!;

  await signInStudio(page, creator);
  await page.getByRole('button', { name: 'Earnings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Earnings');

  const fan = await signUpFan(serverUrl(), 'Farah');
  const subscription = await subscribeThroughApi(fan, made.handle, made.tiers.gold);
  expect(subscription.status).toBe('active');
  const purchase = await serverCall<{ status: string }>(
    serverUrl(),
    'purchases.buy',
    { postId: ppvId, paymentMethod: API_CARD, idempotencyKey: randomUUID() },
    fan.token,
  );
  expect(purchase.status).toBe('succeeded');
  await sendTip(serverUrl(), fan.token, { handle: made.handle, amount: '500', message: 'Thank you' });

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
  ).toEqual([forSubscribers, ppvId].sort());

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
