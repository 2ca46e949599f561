import AxeBuilder from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';
import { newAccount, type NewAccount } from './support/new-account';

/**
 * axe-core on every page of the fan site, in Chromium against `npm start`, in the light and the dark scheme and
 * on a phone:
 * each page in the states a visitor meets (empty, with field errors, with the server's refusal, signed out,
 * signed in, following), with zero violations of any rule axe runs by default (WCAG 2.x A and AA, and its best
 * practices). A violation lists the rule, its impact and the elements, so the failure says what to fix.
 */
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const stamp = Date.now().toString(36);
const PASSWORD = 'correct horse battery';

type Account = NewAccount;

/** Calls a tRPC mutation as the context's signed-in account (if any), from the site's own origin. */
async function call(context: BrowserContext, procedure: string, input: unknown): Promise<unknown> {
  const response = await context.request.post(`${serverUrl()}/trpc/${procedure}`, {
    headers: { Origin: serverUrl() },
    data: input,
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: unknown } }).result.data;
}

/** A browser context signed in as a new account (its session cookie set by the server). */
async function signedUp(
  browser: Browser,
  who: Account,
  look: Pick<BrowserContextOptions, 'colorScheme' | 'viewport'>,
) {
  const context = await browser.newContext(look);
  await call(context, 'accounts.signUp', {
    email: who.email,
    password: PASSWORD,
    displayName: who.displayName,
    role: who.handle ? 'creator' : 'fan',
    ...(who.handle ? { handle: who.handle } : {}),
  });
  return context;
}

/** Runs axe on the page as it is now and expects no violation. */
async function expectNoViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const violations = results.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`).join('\n'),
  );
  expect(violations, `axe on ${what}`).toEqual([]);
}

// A creator with an open, a followers-only and a subscribers-only post and two tiers, set up once for the whole file.
const creator = newAccount('Mara', true);

test.beforeAll(async ({ browser }) => {
  const context = await signedUp(browser, creator, {});
  await call(context, 'profiles.update', {
    baseVersion: 0,
    draft: {
      displayName: creator.displayName,
      bio: 'Ceramics and glazes, new work every Friday. Shop: https://shop.example/mara',
      links: [{ label: 'Shop', url: 'https://shop.example' }],
      accentColor: '#e0b000',
    },
  });
  for (const [title, access] of [
    ['Spring firing', 'public'],
    ['Glaze recipes', 'follower'],
    ['Kiln diary', 'subscriber'],
  ] as const) {
    const post = (await call(context, 'posts.create', {
      draft: {
        title,
        body: `${title}: what went in the kiln, and what came out.`,
        accessRule: { kind: access },
      },
    })) as { id: string };
    await call(context, 'posts.publish', { id: post.id });
  }
  // A tip goal, so every check of the creator's page covers its goal bar too.
  await call(context, 'tips.updateSettings', {
    minimum: '100',
    presets: ['500', '1000', '2000'],
    goal: { title: 'New kiln', amount: '250000' },
  });
  // Tiers, so every check of the creator's page covers them too: one with a yearly price and a free trial, one
  // charged at once (so a declined card is declined).
  await call(context, 'subscriptions.createTier', {
    tier: {
      name: 'Gold',
      perks: ['Every subscriber post', 'A monthly kiln-opening video'],
      rank: 0,
      monthlyPrice: '500',
      annualPrice: '5000',
      trialDays: 7,
      ppvDiscountBps: 1000,
    },
  });
  await call(context, 'subscriptions.createTier', {
    tier: { name: 'Studio', description: 'Everything, and a call a month.', rank: 1, monthlyPrice: '1500' },
  });
  // A post for sale, so every check of the creator's page covers Buy too.
  const forSale = randomUUID();
  await call(context, 'posts.create', {
    id: forSale,
    draft: {
      title: 'Raku secrets',
      body: 'Raku secrets: the whole of it.',
      accessRule: { kind: 'purchased', itemId: forSale },
      price: { currency: 'USD', minor: '500' },
    },
  });
  await call(context, 'posts.publish', { id: forSale });
  await context.close();
});

const LOOKS = [
  { name: 'in the light scheme', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: 'in the dark scheme', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
  // A phone: the header wraps, and touch targets must stay large enough.
  { name: 'on a phone', colorScheme: 'light', viewport: { width: 390, height: 844 } },
] as const;

for (const { name, colorScheme, viewport } of LOOKS) {
  test.describe(name, () => {
    test.use({ colorScheme, viewport });

    test('home, sign-in and sign-up, empty, with field errors and with a refusal', async ({ page }) => {
      await page.goto(`${serverUrl()}/`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Sign up' })).toBeVisible();
      await expectNoViolations(page, 'home');
      await page.getByRole('button', { name: 'Go', exact: true }).click();
      await expect(page.getByText('Enter a creator handle')).toBeVisible();
      await expectNoViolations(page, 'home with a handle error');

      await page.goto(`${serverUrl()}/signin`);
      await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
      await expectNoViolations(page, 'sign-in');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByText('Enter your email address.')).toBeVisible();
      await expectNoViolations(page, 'sign-in with field errors');
      await page.getByLabel('Email').fill(`nobody_${stamp}@example.com`);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await expectNoViolations(page, "sign-in with the server's refusal");

      await page.goto(`${serverUrl()}/signup`);
      await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
      await expectNoViolations(page, 'sign-up');
      await page.getByLabel(/I.m a creator/).check();
      await page.getByRole('button', { name: 'Sign up', exact: true }).click();
      await expect(page.getByText('Choose a handle for your page address.')).toBeVisible();
      await expectNoViolations(page, 'sign-up as a creator, with field errors');
    });

    test('the welcome page a new creator lands on, and their own page', async ({ page }) => {
      const newCreator = newAccount('Ines', true);
      await page.goto(`${serverUrl()}/signup`);
      await page.getByLabel('Display name').fill(newCreator.displayName);
      await page.getByLabel('Email').fill(newCreator.email);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByLabel(/I.m a creator/).check();
      await page.getByLabel('Handle').fill(newCreator.handle ?? '');
      await page.getByRole('button', { name: 'Sign up', exact: true }).click();
      await expect(page).toHaveURL(`${serverUrl()}/welcome`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome');
      await expectNoViolations(page, 'welcome');

      await page.getByRole('link', { name: 'Open your page' }).click();
      await expect(page.getByText('Nothing published yet.')).toBeVisible();
      await expectNoViolations(page, "a creator's own, empty page");
    });

    test("a creator's page signed out, as a fan, and as a follower", async ({ page, browser }) => {
      const creatorPage = `${serverUrl()}/c/${creator.handle}`;
      await page.goto(creatorPage);
      await expect(page.getByRole('link', { name: 'Sign in to unlock' })).toBeVisible();
      await expectNoViolations(page, "a creator's page, signed out");

      const fan = await signedUp(browser, newAccount('Fay', false), { colorScheme, viewport });
      const fanPage = await fan.newPage();
      await fanPage.goto(creatorPage);
      await expect(fanPage.getByRole('button', { name: 'Unlock for free' })).toBeVisible();
      await expectNoViolations(fanPage, "a creator's page as a fan who does not follow");

      await fanPage.getByRole('button', { name: 'Follow', exact: true }).click();
      const unfollow = fanPage.getByRole('button', { name: `Unfollow ${creator.displayName}` });
      await expect(unfollow).toBeVisible();
      await expect(fanPage.getByRole('article').filter({ hasText: 'Glaze recipes' })).not.toContainText(
        'Locked',
      );
      await fanPage.mouse.move(0, 0);
      await expectNoViolations(fanPage, "a creator's page as a follower");
      // Pointed at, "Following" reads "Unfollow" in the colours of undoing: those must read well too.
      await unfollow.hover();
      await expect(unfollow.getByText('Unfollow')).toBeVisible();
      await expectNoViolations(fanPage, 'the Following button pointed at');
      await fan.close();
    });

    test('the tip dialog: open, with field errors, with a declined card, and its thanks', async ({
      browser,
    }) => {
      const fan = await signedUp(browser, newAccount('Tom', false), { colorScheme, viewport });
      const page = await fan.newPage();
      await page.goto(`${serverUrl()}/c/${creator.handle}`);
      await expect(page.getByRole('progressbar')).toHaveAccessibleName(/of \$2,500\.00 · New kiln/);
      await page
        .getByRole('region', { name: creator.displayName })
        .getByRole('button', { name: 'Tip', exact: true })
        .click();
      const dialog = page.getByRole('dialog', { name: `Tip ${creator.displayName}` });
      await expect(dialog.getByRole('radio', { name: '$5.00' })).toBeFocused();
      await expectNoViolations(page, 'the tip dialog');

      await dialog.getByLabel('Or your own amount').fill('0.5');
      await dialog.getByLabel('Message (optional)').fill('x'.repeat(201));
      await dialog.getByRole('button', { name: 'Tip', exact: true }).click();
      await expect(dialog.getByText('The smallest tip is $1.00.')).toBeVisible();
      await expect(dialog.getByText('Enter a card number: one of the test cards below.')).toBeVisible();
      await expectNoViolations(page, 'the tip dialog with field errors');

      await dialog.getByRole('radio', { name: '$5.00' }).check();
      await dialog.getByLabel('Message (optional)').fill('Lovely glazes');
      await dialog.getByLabel('Card number').fill('4000 0000 0000 0002');
      await dialog.getByRole('button', { name: 'Tip $5.00' }).click();
      await expect(dialog.getByText('Your card was declined.')).toBeVisible();
      await expectNoViolations(page, 'the tip dialog with a declined card');

      await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
      await dialog.getByRole('button', { name: 'Tip $5.00' }).click();
      await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
      await expectNoViolations(page, "the tip dialog's thanks");
      await fan.close();
    });

    test('the subscribe dialog: open, with field errors, refused, and subscribed; the page as a subscriber', async ({
      browser,
    }) => {
      const fan = await signedUp(browser, newAccount('Sol', false), { colorScheme, viewport });
      const page = await fan.newPage();
      await page.goto(`${serverUrl()}/c/${creator.handle}`);
      const tiers = page.getByRole('region', { name: 'Tiers' });
      await expect(page.getByRole('button', { name: 'Subscribe to Gold for $5.00/month' })).toBeVisible();
      await expectNoViolations(page, "a creator's page with tiers, as a fan");

      // Gold: monthly or yearly, and a free trial.
      await tiers.getByRole('button', { name: 'Subscribe to Gold' }).click();
      const gold = page.getByRole('dialog', { name: 'Subscribe to Gold' });
      await expect(gold.getByRole('radio', { name: /Monthly/ })).toBeFocused();
      await expectNoViolations(page, 'the subscribe dialog with a choice of interval and a trial');
      await page.keyboard.press('Escape');
      await expect(gold).toBeHidden();

      await tiers.getByRole('button', { name: 'Subscribe to Studio' }).click();
      const dialog = page.getByRole('dialog', { name: 'Subscribe to Studio' });
      await expect(dialog.getByLabel('Card number')).toBeFocused();
      await expectNoViolations(page, 'the subscribe dialog');
      const subscribe = dialog.getByRole('button', { name: 'Subscribe for $15.00/month' });
      await subscribe.click();
      await expect(dialog.getByText('Enter a card number: one of the test cards below.')).toBeVisible();
      await expectNoViolations(page, 'the subscribe dialog with a field error');
      await dialog.getByLabel('Promo code (optional)').fill('NOPE');
      await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
      await subscribe.click();
      await expect(dialog.getByText('This promo code does not exist.')).toBeVisible();
      await expectNoViolations(page, 'the subscribe dialog with a refused promo code');
      await dialog.getByLabel('Promo code (optional)').fill('');
      await dialog.getByLabel('Card number').fill('4000 0000 0000 0002');
      await subscribe.click();
      await expect(dialog.getByText('Your card was declined.')).toBeVisible();
      await expectNoViolations(page, 'the subscribe dialog with a declined card');
      await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
      await subscribe.click();
      await expect(dialog.getByRole('heading', { name: 'You’re subscribed to Studio' })).toBeVisible();
      await expectNoViolations(page, "the subscribe dialog's confirmation");

      await dialog.getByRole('button', { name: 'Done' }).click();
      await expect(tiers.getByText('Your tier')).toBeVisible();
      await expectNoViolations(page, "a creator's page as a subscriber");
      await tiers.getByRole('button', { name: 'Downgrade to Gold' }).click();
      const change = page.getByRole('dialog', { name: 'Change to Gold' });
      await expect(change.getByRole('button', { name: 'Change to Gold' })).toBeFocused();
      await expectNoViolations(page, 'the change-tier dialog');
      await fan.close();
    });

    test('My subscriptions: empty, a trial, cancelling it, cancelled, and updating the card', async ({
      browser,
    }) => {
      const fan = await signedUp(browser, newAccount('Ada', false), { colorScheme, viewport });
      const page = await fan.newPage();
      await page.goto(`${serverUrl()}/`);
      await page.getByRole('link', { name: 'My subscriptions' }).click();
      await expect(page.getByText('You have no subscriptions yet.')).toBeVisible();
      await expectNoViolations(page, 'My subscriptions, empty');

      await page.goto(`${serverUrl()}/c/${creator.handle}`);
      await page.getByRole('button', { name: 'Subscribe to Gold for $5.00/month' }).click();
      const dialog = page.getByRole('dialog', { name: 'Subscribe to Gold' });
      await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
      await dialog.getByRole('button', { name: 'Start free trial' }).click();
      await dialog.getByRole('link', { name: 'My subscriptions' }).click();
      const subscription = page.getByRole('article', { name: creator.displayName });
      await expect(subscription).toContainText('Free trial — first payment on');
      await expectNoViolations(page, 'My subscriptions with a trial');

      await subscription.getByRole('button', { name: 'Cancel subscription' }).click();
      const confirm = page.getByRole('dialog', { name: 'Cancel this subscription?' });
      await expect(confirm.getByRole('button', { name: 'Keep subscription' })).toBeFocused();
      await expectNoViolations(page, 'the cancel dialog');
      await confirm.getByRole('button', { name: 'Cancel subscription' }).click();
      await expect(subscription).toContainText('Ends on');
      await expectNoViolations(page, 'My subscriptions with a cancelled subscription');

      await subscription.getByRole('button', { name: 'Update card' }).click();
      const card = page.getByRole('dialog', { name: 'Update your card' });
      await expect(card.getByLabel('Card number')).toBeFocused();
      await expectNoViolations(page, 'the update-card dialog');
      await card.getByRole('button', { name: 'Save card' }).click();
      await expect(card.getByText('Enter a card number: one of the test cards below.')).toBeVisible();
      await expectNoViolations(page, 'the update-card dialog with a field error');
      await card.getByLabel('Card number').fill('4242 4242 4242 4242');
      await card.getByRole('button', { name: 'Save card' }).click();
      await expect(card.getByRole('heading', { name: 'Your new card is saved' })).toBeVisible();
      await expectNoViolations(page, 'the update-card dialog, saved');
      await fan.close();
    });

    test('the buy dialog: open, with a declined card, and bought', async ({ browser }) => {
      const fan = await signedUp(browser, newAccount('Kai', false), { colorScheme, viewport });
      const page = await fan.newPage();
      await page.goto(`${serverUrl()}/c/${creator.handle}`);
      await page.getByRole('button', { name: 'Buy for $5.00' }).click();
      const dialog = page.getByRole('dialog', { name: 'Buy “Raku secrets”' });
      await expect(dialog.getByLabel('Card number')).toBeFocused();
      await expectNoViolations(page, 'the buy dialog');
      await dialog.getByLabel('Card number').fill('4000 0000 0000 0002');
      await dialog.getByRole('button', { name: 'Buy for $5.00' }).click();
      await expect(dialog.getByText('Your card was declined.')).toBeVisible();
      await expectNoViolations(page, 'the buy dialog with a declined card');
      await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
      await dialog.getByRole('button', { name: 'Buy for $5.00' }).click();
      await expect(dialog.getByRole('heading', { name: '“Raku secrets” is yours' })).toBeVisible();
      await expectNoViolations(page, "the buy dialog's confirmation");
      await fan.close();
    });

    test('Receipts: empty, with paid, failed and part-refunded payments, and a receipt', async ({
      browser,
    }) => {
      const fan = await signedUp(browser, newAccount('Rae', false), { colorScheme, viewport });
      const page = await fan.newPage();
      await page.goto(`${serverUrl()}/`);
      await page.getByRole('link', { name: 'Receipts' }).click();
      await expect(page.getByRole('heading', { name: 'No payments yet' })).toBeVisible();
      await expectNoViolations(page, 'Receipts, empty');

      const tip = (paymentMethod: string) =>
        fan.request.post(`${serverUrl()}/trpc/tips.send`, {
          headers: { Origin: serverUrl() },
          data: {
            handle: creator.handle,
            amount: '500',
            currency: 'USD',
            message: 'Lovely glazes',
            paymentMethod,
            idempotencyKey: randomUUID(),
          },
        });
      const paid = (await (await tip('sandbox_card_4242424242424242')).json()) as {
        result: { data: { paymentId: string } };
      };
      await tip('sandbox_card_4000000000000002'); // declined: a failed receipt
      await tip('sandbox_card_4242424242424242');
      // The creator refunds part of the first tip: a receipt of each status colour.
      const owner = await browser.newContext();
      await call(owner, 'accounts.signIn', { email: creator.email, password: PASSWORD });
      await call(owner, 'payments.refund', {
        paymentId: paid.result.data.paymentId,
        amount: '200',
        idempotencyKey: randomUUID(),
      });
      await owner.close();

      await page.reload();
      await expect(page.getByText('Refunded $2.00 of $5.00')).toBeVisible();
      await expect(page.getByText('Failed', { exact: true })).toBeVisible();
      await expectNoViolations(page, 'Receipts with payments');
      await page
        .getByRole('button', { name: /^View receipt/ })
        .last()
        .click();
      const receipt = page.getByRole('dialog', { name: 'Receipt' });
      await expect(receipt.getByText('Refunded $2.00', { exact: true })).toBeVisible();
      await expectNoViolations(page, 'a receipt with a refund');
      await fan.close();
    });

    test('the 404 pages', async ({ page }) => {
      await page.goto(`${serverUrl()}/nope`);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      await expectNoViolations(page, 'page not found');
      await page.goto(`${serverUrl()}/c/nobody_${stamp}`);
      await expect(page.getByRole('heading', { name: 'Creator not found' })).toBeVisible();
      await expectNoViolations(page, 'creator not found');
    });

    test('the password pages: asking for a link, and choosing a new password', async ({ page }) => {
      await page.goto(`${serverUrl()}/signin`);
      await page.getByRole('link', { name: 'Forgot password?' }).click();
      await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
      await expectNoViolations(page, 'forgot password');
      await page.getByRole('button', { name: 'Send the link' }).click();
      await expect(page.getByText('Enter your email address.')).toBeVisible();
      await expectNoViolations(page, 'forgot password with a field error');
      await page.getByLabel('Email').fill(`nobody_${stamp}@example.com`);
      await page.getByRole('button', { name: 'Send the link' }).click();
      await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
      await expectNoViolations(page, 'forgot password, link on its way');

      await page.goto(`${serverUrl()}/reset-password`);
      await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
      await expectNoViolations(page, 'reset password without a token');

      await page.goto(`${serverUrl()}/reset-password#token=0190a5c2-7c1e-7000-8000-000000000000.unknown`);
      await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
      await expectNoViolations(page, 'reset password');
      await page.getByRole('button', { name: 'Save and sign in' }).click();
      await expect(page.getByText('Type the new password again.')).toBeVisible();
      await expectNoViolations(page, 'reset password with field errors');
      await page.getByLabel('New password', { exact: true }).fill('a new password');
      await page.getByLabel('New password again').fill('a new password');
      await page.getByRole('button', { name: 'Save and sign in' }).click();
      await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
      await expectNoViolations(page, 'reset password with a refused link');
    });
  });
}
