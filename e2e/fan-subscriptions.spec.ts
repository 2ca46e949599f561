import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { setTimeout as sleep } from 'node:timers/promises';
import { newAccount } from './support/new-account';
import {
  ask,
  callsTo,
  cardField,
  creatorWithOffers,
  DECLINED,
  fanOn,
  payInDialog,
  serverUrl,
  signedIn,
  signedUp,
  subscribeThroughApi,
  SUCCEEDS,
} from './support/money';

/**
 * Subscriptions on a creator's page and on My subscriptions, as a fan lives them in Chromium against `npm start`
 * (the sandbox rail): the tiers with their prices, trial and perks; a free trial started from a locked post's
 * "Subscribe to Gold", which opens the post; cancelling and resuming from My subscriptions; a declined card said
 * next to the card field and an expired promo code next to the promo field; a first payment still being processed
 * waited on; a prorated upgrade said before it is paid. The fan reads in British English in UTC, so dates read
 * "12 March".
 */
const DAY_MS = 86_400_000;
/** The fan reads in British English, in UTC. */
const LOOK = { locale: 'en-GB', timezoneId: 'UTC' } as const;

interface SubscriptionView {
  readonly id: string;
  readonly tierId: string;
  readonly status: string;
  readonly currentPeriodEnd: string;
  readonly cancelAtPeriodEnd: boolean;
}

/** The context's account's subscriptions, as the server has them. */
const mySubscriptions = (context: BrowserContext) => ask<SubscriptionView[]>(context, 'subscriptions.mine');

/**
 * A creator of their own for a test, with three tiers: Friends ($3.00 a month), Gold ($5.00 a month or $50.00 a
 * year, a 7-day free trial, 10% off pay-per-view) and Studio ($15.00 a month); a public post, a post for Gold
 * and up, and one for Studio; and a promo code that has expired.
 */
const creatorWithTiers = (browser: Browser, name: string) =>
  creatorWithOffers(browser, name, {
    tiers: {
      friends: { name: 'Friends', rank: 0, monthlyPrice: '300' },
      gold: {
        name: 'Gold',
        description: 'The whole studio, every week.',
        perks: ['Every subscriber post', 'A monthly kiln-opening video'],
        rank: 1,
        monthlyPrice: '500',
        annualPrice: '5000',
        trialDays: 7,
        ppvDiscountBps: 1000,
      },
      studio: { name: 'Studio', rank: 2, monthlyPrice: '1500' },
    },
    posts: [
      {
        title: 'Spring firing',
        body: 'Spring firing: what the kiln taught me this week.',
        access: { kind: 'public' },
      },
      {
        title: 'Glaze notebook',
        body: 'Glaze notebook: what the kiln taught me this week.',
        access: ({ tiers }) => ({ kind: 'subscriber', minTier: tiers.gold }),
      },
      {
        title: 'Studio sessions',
        body: 'Studio sessions: what the kiln taught me this week.',
        access: ({ tiers }) => ({ kind: 'subscriber', minTier: tiers.studio }),
      },
    ],
    // The server takes only a promo that expires in the future: this one does in a moment, and is then waited out.
    then: async (asCreator) => {
      const expiresAt = Date.now() + 1500;
      await asCreator('subscriptions.createPromo', {
        promo: { code: 'SPRING', percentOff: 20, expiresAt: new Date(expiresAt).toISOString() },
      });
      await sleep(expiresAt + 500 - Date.now());
    },
  });

/** A day as the app writes it for a reader in en-GB and UTC: `12 March`, with the year if it is not this one. */
function dayMonth(when: string | Date): string {
  const date = new Date(when);
  const withYear = date.getUTCFullYear() !== new Date().getUTCFullYear();
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    ...(withYear ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

/** `1st`, `2nd`, `11th`, `23rd`. */
function ordinal(day: number): string {
  const suffix =
    day % 100 >= 11 && day % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[day % 10] ?? 'th');
  return `${day}${suffix}`;
}

const tierCard = (page: Page, name: string) => page.getByRole('article', { name, exact: true });
const post = (page: Page, title: string) => page.getByRole('article', { name: title });
const subscribeDialog = (page: Page, tier: string) =>
  page.getByRole('dialog', { name: `Subscribe to ${tier}` });

interface SentSubscribe {
  readonly idempotencyKey: string;
  readonly tierId: string;
  readonly promoCode?: string | null;
}

/** Every subscriptions.subscribe call the page makes, with what it sent. */
const subscribeCalls = (page: Page) => callsTo<SentSubscribe>(page, 'subscriptions.subscribe');

test('a fan starts a free trial from a locked post, which opens; cancels and resumes from My subscriptions', async ({
  browser,
}) => {
  const creator = await creatorWithTiers(browser, 'Mara');
  const page = await fanOn(browser, creator, LOOK);

  // The tiers, cheapest first, with their prices, trial and perks.
  const tiers = page.getByRole('region', { name: 'Tiers' });
  await expect(tiers.getByRole('heading', { level: 3 })).toHaveText(['Friends', 'Gold', 'Studio']);
  const gold = tierCard(page, 'Gold');
  await expect(gold).toContainText('$5.00/month');
  await expect(gold).toContainText('or $50.00/year (save 16%)');
  await expect(gold).toContainText('Includes a free trial of 7 days');
  await expect(gold.getByRole('listitem')).toHaveText([
    'Every subscriber post',
    'A monthly kiln-opening video',
    '10% off pay-per-view posts',
  ]);
  await expect(tierCard(page, 'Studio')).not.toContainText('free trial');

  // The locked post offers the lowest tier that opens it.
  const notebook = post(page, 'Glaze notebook');
  await expect(notebook).toContainText('Locked');
  const offer = notebook.getByRole('button', { name: 'Subscribe to Gold for $5.00/month' });
  await offer.click();
  const dialog = subscribeDialog(page, 'Gold');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /Monthly/ })).toBeFocused();
  await expect(dialog.getByRole('radio', { name: /Monthly/ })).toBeChecked();
  const trialEnds = dayMonth(new Date(Date.now() + 7 * DAY_MS));
  await expect(dialog).toContainText('Due today$0.00');
  await expect(dialog).toContainText(`Free for 7 days, then $5.00/month from ${trialEnds}.`);
  await expect(dialog).toContainText(`cancel before ${trialEnds} and you pay nothing.`);
  // Yearly is offered, with its own price and terms.
  await dialog.getByRole('radio', { name: /Yearly/ }).check();
  await expect(dialog).toContainText(`Free for 7 days, then $50.00/year from ${trialEnds}.`);
  await dialog.getByRole('radio', { name: /Monthly/ }).check();

  await payInDialog(dialog, SUCCEEDS, 'Start free trial');
  const started = dialog.getByRole('heading', { name: 'Your free trial has started' });
  await expect(started).toBeFocused();
  const [trial] = await mySubscriptions(page.context());
  expect(trial).toMatchObject({ tierId: creator.tiers.gold, status: 'trialing', cancelAtPeriodEnd: false });
  const firstPayment = dayMonth(trial!.currentPeriodEnd);
  await expect(dialog).toContainText(`Your first payment, $5.00/month, is on ${firstPayment}.`);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  // The post is open now, and Gold is the fan's tier.
  await expect(notebook).toContainText('Glaze notebook: what the kiln taught me this week.');
  await expect(notebook).not.toContainText('Locked');
  await expect(gold).toContainText('Your tier');
  await expect(gold).toContainText(`Free trial — first payment on ${firstPayment}`);
  await expect(
    post(page, 'Studio sessions').getByRole('button', { name: 'Upgrade to Studio' }),
  ).toBeVisible();

  // My subscriptions, from the header.
  await page.getByRole('link', { name: 'My subscriptions' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My subscriptions');
  const subscription = page.getByRole('article', { name: creator.displayName });
  await expect(subscription).toContainText('Gold · $5.00/month');
  await expect(subscription).toContainText(`Free trial — first payment on ${firstPayment}`);

  // Cancel, confirmed: the trial runs to its end, and is never charged.
  const cancel = subscription.getByRole('button', { name: 'Cancel subscription' });
  await cancel.click();
  const confirm = page.getByRole('dialog', { name: 'Cancel this subscription?' });
  await expect(confirm).toContainText(`Your free trial ends on ${firstPayment} and you won't be charged.`);
  await expect(confirm.getByRole('button', { name: 'Keep subscription' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Cancel subscription' }).click();
  await expect(confirm).toBeHidden();
  await expect(subscription).toContainText(`Ends on ${firstPayment}`);
  const resume = subscription.getByRole('button', { name: 'Resume subscription' });
  // The focus comes back to the same button, which now resumes.
  await expect(resume).toBeFocused();
  expect((await mySubscriptions(page.context()))[0]).toMatchObject({ cancelAtPeriodEnd: true });

  await resume.click();
  await expect(subscription).toContainText(`Free trial — first payment on ${firstPayment}`);
  await expect(subscription.getByRole('button', { name: 'Cancel subscription' })).toBeFocused();
  expect((await mySubscriptions(page.context()))[0]).toMatchObject({
    status: 'trialing',
    cancelAtPeriodEnd: false,
  });
  await page.context().close();
});

test('an expired promo is said next to the promo field and a declined card next to the card; then it subscribes once', async ({
  browser,
}) => {
  const creator = await creatorWithTiers(browser, 'Ines');
  const page = await fanOn(browser, creator, LOOK);
  const calls = subscribeCalls(page);
  await tierCard(page, 'Studio').getByRole('button', { name: 'Subscribe to Studio' }).click();
  const dialog = subscribeDialog(page, 'Studio');
  // No yearly price: no choice of interval, and the card is where the focus goes.
  await expect(dialog.getByRole('radio')).toHaveCount(0);
  await expect(cardField(dialog)).toBeFocused();
  await expect(dialog).toContainText('Due today$15.00');
  await expect(dialog).toContainText(`Renews monthly on the ${ordinal(new Date().getUTCDate())}`);

  const promo = dialog.getByLabel('Promo code (optional)');
  await promo.fill('SPRING');
  await payInDialog(dialog, SUCCEEDS, 'Subscribe for $15.00/month');
  await expect(promo).toHaveAccessibleDescription(
    'Taken off your first payment. This promo code has expired.',
  );
  await expect(promo).toHaveAttribute('aria-invalid', 'true');
  await expect(promo).toBeFocused();
  await expect(cardField(dialog)).not.toHaveAttribute('aria-invalid');

  await promo.fill('');
  await payInDialog(dialog, DECLINED, 'Subscribe for $15.00/month');
  await expect(cardField(dialog)).toHaveAccessibleDescription('Your card was declined.');
  await expect(cardField(dialog)).toHaveAttribute('aria-invalid', 'true');
  await expect(cardField(dialog)).toBeFocused();
  await expect(promo).not.toHaveAttribute('aria-invalid');
  // A subscription whose first payment was declined never existed: nothing is listed, nothing runs.
  expect(await mySubscriptions(page.context())).toEqual([]);

  await payInDialog(dialog, SUCCEEDS, 'Subscribe for $15.00/month');
  await expect(dialog.getByRole('heading', { name: 'You’re subscribed to Studio' })).toBeFocused();
  // A refused promo left no subscription behind, so its key was tried again; the declined card's was not.
  expect(calls.map((sent) => sent.promoCode ?? null)).toEqual(['SPRING', null, null]);
  expect(calls[1]?.idempotencyKey).toBe(calls[0]?.idempotencyKey);
  expect(calls[2]?.idempotencyKey).not.toBe(calls[1]?.idempotencyKey);
  const subscriptions = await mySubscriptions(page.context());
  expect(subscriptions.map((s) => s.status)).toEqual(['active']);
  expect(subscriptions[0]).toMatchObject({ tierId: creator.tiers.studio });
  await expect(dialog).toContainText(
    `It renews on ${dayMonth(subscriptions[0]!.currentPeriodEnd)}, at $15.00/month.`,
  );

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(tierCard(page, 'Studio')).toContainText('Your tier');
  await expect(post(page, 'Studio sessions')).not.toContainText('Locked');
  await expect(post(page, 'Glaze notebook')).not.toContainText('Locked');
  await page.context().close();
});

test('a first payment still being processed is waited on, and the subscription shown once it is paid', async ({
  browser,
}) => {
  const creator = await creatorWithTiers(browser, 'Ola');
  const page = await fanOn(browser, creator, LOOK);
  // As a card network may: the subscribe's answer says its first payment is still being processed (the real
  // answer, with that status), and the fan's list leaves the subscription out until the test lets it through.
  let waitedOn: string | null = null;
  let paid = false;
  let hiddenLooks = 0;
  await page.route(
    (url) => url.pathname === '/trpc/subscriptions.subscribe',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { result: { data: { id: string; status: string } } }[];
      expect(body[0]?.result.data.status).toBe('active');
      waitedOn = body[0]!.result.data.id;
      body[0]!.result.data.status = 'incomplete';
      await route.fulfill({ response, json: body });
    },
  );
  await page.route(
    (url) => url.pathname.startsWith('/trpc/') && url.pathname.includes('subscriptions.mine'),
    async (route) => {
      const response = await route.fetch();
      if (waitedOn === null || paid) return route.fulfill({ response });
      const procedures = new URL(route.request().url()).pathname.slice('/trpc/'.length).split(',');
      const body = (await response.json()) as { result: { data: unknown } }[];
      procedures.forEach((procedure, index) => {
        if (procedure !== 'subscriptions.mine') return;
        const list = body[index]!.result.data as { id: string }[];
        body[index]!.result.data = list.filter((s) => s.id !== waitedOn);
      });
      hiddenLooks += 1;
      await route.fulfill({ response, json: body });
    },
  );

  await tierCard(page, 'Studio').getByRole('button', { name: 'Subscribe to Studio' }).click();
  const dialog = subscribeDialog(page, 'Studio');
  await payInDialog(dialog, SUCCEEDS, 'Subscribe for $15.00/month');
  await expect(dialog.getByRole('status')).toHaveText('Your card is being processed…');
  await expect(dialog.getByRole('button', { name: 'Processing…' })).toBeDisabled();
  await expect.poll(() => hiddenLooks).toBeGreaterThanOrEqual(1);
  paid = true;
  await expect(dialog.getByRole('heading', { name: 'You’re subscribed to Studio' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(tierCard(page, 'Studio')).toContainText('Your tier');
  await expect(post(page, 'Studio sessions')).not.toContainText('Locked');
  await page.context().close();
});

test('a subscriber sees what an upgrade costs now, prorated, before paying it, and the post it opens opens', async ({
  browser,
}) => {
  const creator = await creatorWithTiers(browser, 'Noor');
  const fan = await signedUp(browser, newAccount('Fay', false), LOOK);
  await subscribeThroughApi(fan, creator.handle, creator.tiers.friends);
  const [friends] = await mySubscriptions(fan);
  expect(friends).toMatchObject({ status: 'active' });
  const renewal = dayMonth(friends!.currentPeriodEnd);
  const page = await fan.newPage();
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(tierCard(page, 'Friends')).toContainText('Your tier');
  await expect(tierCard(page, 'Friends')).toContainText(`Renews on ${renewal}`);
  await expect(tierCard(page, 'Gold').getByRole('button', { name: 'Upgrade to Gold' })).toBeVisible();

  await post(page, 'Studio sessions').getByRole('button', { name: 'Upgrade to Studio' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change to Studio' });
  // ($15.00 − $3.00) for what is left of a period that has just begun: a few seconds less than $12.00.
  const due = dialog.getByText(/^You pay about \$(11\.99|12\.00) now, to your card on file/);
  await expect(due).toContainText(`the difference for the rest of this period, until ${renewal}.`);
  await expect(dialog).toContainText(`From ${renewal}, $15.00/month.`);
  const pay = dialog.getByRole('button', { name: /^Upgrade and pay about \$(11\.99|12\.00)$/ });
  await expect(pay).toBeFocused();
  await pay.click();
  await expect(dialog.getByRole('heading', { name: 'You’re now on Studio' })).toBeFocused();
  expect((await mySubscriptions(fan))[0]).toMatchObject({ tierId: creator.tiers.studio, status: 'active' });
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(post(page, 'Studio sessions')).not.toContainText('Locked');
  await expect(tierCard(page, 'Studio')).toContainText('Your tier');
  await fan.close();
});

test('a visitor is asked to sign in to subscribe; the creator sees their tiers without buttons', async ({
  browser,
  page,
}) => {
  const creator = await creatorWithTiers(browser, 'Rui');
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(tierCard(page, 'Gold')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Subscribe/ })).toHaveCount(0);
  await expect(
    post(page, 'Glaze notebook').getByRole('link', { name: 'Sign in to subscribe' }),
  ).toBeVisible();
  await page
    .getByRole('region', { name: 'Tiers' })
    .getByRole('link', { name: 'Sign in to subscribe' })
    .click();
  await expect(page).toHaveURL(`${serverUrl()}/signin?next=%2Fc%2F${creator.handle}`);

  const own = await signedIn(browser, creator);
  const ownPage = await own.newPage();
  await ownPage.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(ownPage.getByText('This is how fans see your tiers.')).toBeVisible();
  await expect(tierCard(ownPage, 'Gold')).toContainText('$5.00/month');
  await expect(ownPage.getByRole('region', { name: 'Tiers' }).getByRole('button')).toHaveCount(0);
  await own.close();
});
