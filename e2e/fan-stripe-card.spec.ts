import { expect, test } from '@playwright/test';
import { ask, callsTo, cardField, creatorWithOffers, fanOn, type Creator } from './support/money';
import { OwnServer } from './support/own-server';

/**
 * The fan web's card part on a server with Stripe keys: Stripe Elements instead of the sandbox's form. This machine
 * cannot reach js.stripe.com (nor api.stripe.com), so live Stripe Elements is NOT exercised here or in CI: what is
 * checked is what a fan sees when Stripe.js cannot load (offline, blocked): no sandbox test cards, a card part
 * that says card payments could not load, and a Pay that says so instead of hanging, charging nothing. The request
 * for Stripe.js is aborted (`page.route`) so the run does not depend on how the network fails.
 *
 * The server is one of this spec's own, with test keys in Stripe's shapes (all three: the config refuses a part
 * of them). Nothing here reaches the Stripe API: the server only calls it to charge, so the rail's stand-in is not
 * needed.
 */
const server = new OwnServer('mesi-e2e-stripe-card-', {
  STRIPE_SECRET_KEY: 'sk_test_e2e_stripe_card_unused',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_e2e_stripe_card',
  STRIPE_WEBHOOK_SECRET: 'whsec_e2e_stripe_card_unused',
});
const COULD_NOT_LOAD = 'Card payments could not load; check your connection and reload.';

// The money helpers talk to E2E_SERVER_URL: this spec's server while it runs, the suite's again after.
let suiteServerUrl: string | undefined;
let creator: Creator;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  await server.start();
  suiteServerUrl = process.env.E2E_SERVER_URL;
  process.env.E2E_SERVER_URL = server.url;
  creator = await creatorWithOffers(browser, 'Stella', {
    tips: { minimum: '100', presets: ['500', '1000'], goal: null },
  });
});

test.afterAll(async () => {
  process.env.E2E_SERVER_URL = suiteServerUrl;
  await server.remove();
});

test('with a publishable key, the tip form has no sandbox cards, says Stripe could not load, and Pay charges nothing', async ({
  browser,
}) => {
  const page = await fanOn(browser, creator);
  const csp = (await page.request.get(`${server.url}/c/${creator.handle}`)).headers()[
    'content-security-policy'
  ];
  expect(csp).toContain("script-src 'self' https://js.stripe.com");
  expect(csp).toContain("frame-src 'self' https://js.stripe.com https://hooks.stripe.com");

  const stripeJsRequests: string[] = [];
  await page.route('https://js.stripe.com/**', (route) => {
    stripeJsRequests.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  const tips = callsTo(page, 'tips.send');

  await page
    .getByRole('region', { name: creator.displayName })
    .getByRole('button', { name: 'Tip', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: `Tip ${creator.displayName}` });
  await expect(dialog).toBeVisible();

  // The card part says Stripe could not load; the sandbox's form and its test cards are nowhere.
  await expect(dialog.getByRole('alert')).toHaveText(COULD_NOT_LOAD);
  await expect(dialog.getByRole('group', { name: 'Card' })).toBeVisible();
  await expect(dialog.getByText('Sandbox — no real money moves.')).toHaveCount(0);
  await expect(dialog.getByText('Test cards')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: /4242 4242 4242 4242/ })).toHaveCount(0);
  await expect(cardField(dialog)).toHaveCount(0);
  // The page did ask for Stripe.js (the CSP let it), and was refused by the network.
  expect(stripeJsRequests.length).toBeGreaterThan(0);
  expect(stripeJsRequests[0]).toMatch(/^https:\/\/js\.stripe\.com\/.+\.js$/);

  // Pay answers with the same sentence at once, on the card, and the focus goes to it; nothing is sent.
  const pay = dialog.getByRole('button', { name: 'Tip $5.00' });
  await pay.click();
  await expect(dialog.getByText(COULD_NOT_LOAD)).toBeFocused();
  await expect(pay).toHaveText('Tip $5.00');
  await expect(pay).not.toHaveAttribute('aria-disabled');
  expect(tips).toEqual([]);
  const mine = await ask<{ receipts: unknown[] }>(page.context(), 'payments.mine');
  expect(mine.receipts).toEqual([]);
  await page.context().close();
});
