import { expect, test, type Browser, type Page, type Route } from '@playwright/test';
import { newAccount } from './support/new-account';
import {
  call,
  callsTo,
  cardField,
  creatorWithOffers,
  DECLINED,
  FAILS_LATER,
  fanOn,
  PASSWORD,
  payInDialog,
  serverUrl,
  signedUp,
  SUCCEEDS,
  type Creator,
} from './support/money';

/**
 * Tips on a creator's page, as a fan lives them in Chromium against `npm start` (the sandbox rail: no Stripe
 * keys): Tip, a preset or one's own amount, a message, a sandbox test card, the thanks, and the creator's goal
 * bar moving by exactly what was tipped. A declined card is said next to the card field; a double click, or a
 * retry after the answer was lost, tips once; a visitor is asked to sign in and comes back.
 */

/** A creator of their own for a test (so what their goal shows depends on that test alone): one public post,
 * tips from $1 with presets of $5, $10 and $20, and a goal of $1,000 for a new camera. */
function creatorWithGoal(browser: Browser, name: string): Promise<Creator> {
  return creatorWithOffers(browser, name, {
    profile: { bio: 'Ceramics.', accentColor: '#2f6f4f' },
    posts: [{ title: 'Spring firing', body: 'What came out of the kiln.', access: { kind: 'public' } }],
    tips: {
      minimum: '100',
      presets: ['500', '1000', '2000'],
      goal: { title: 'New camera', amount: '100000' },
    },
  });
}

const goalBar = (page: Page) => page.getByRole('progressbar');
// The Tip beside Follow, at the top of the page (a post's own Tip names the post).
const tipButton = (page: Page, creator: Creator) =>
  page.getByRole('region', { name: creator.displayName }).getByRole('button', { name: 'Tip', exact: true });
const tipDialog = (page: Page, creator: Creator) =>
  page.getByRole('dialog', { name: `Tip ${creator.displayName}` });

interface SentTip {
  readonly idempotencyKey: string;
  readonly amount: string;
  readonly postId?: string | null;
}

/** Every tips.send call the page makes, with what it sent. */
const tipCalls = (page: Page) => callsTo<SentTip>(page, 'tips.send');

test("a fan tips $5 with a message, sees the thanks, and the creator's goal moves by $5", async ({
  browser,
}) => {
  const creator = await creatorWithGoal(browser, 'Mara');
  const page = await fanOn(browser, creator);
  await expect(goalBar(page)).toHaveAccessibleName(/\$0\.00 of \$1,000\.00 · New camera/);

  const tip = tipButton(page, creator);
  await tip.click();
  const dialog = tipDialog(page, creator);
  await expect(dialog).toBeVisible();
  // The focus moves in, to the first amount.
  await expect(dialog.getByRole('radio', { name: '$5.00' })).toBeFocused();
  await expect(dialog.getByRole('radio')).toHaveCount(3);
  await expect(dialog.getByText('Sandbox — no real money moves.')).toBeVisible();
  // The test cards are listed, and one is picked by pressing it.
  await dialog.getByRole('button', { name: /4000 0000 0000 0002 Declined$/ }).click();
  await expect(cardField(dialog)).toHaveValue(DECLINED);

  await dialog.getByRole('radio', { name: '$10.00' }).check();
  await dialog.getByRole('radio', { name: '$5.00' }).check();
  const message = '<b>Bravo</b> & thanks for the glazes';
  await dialog.getByLabel('Message (optional)').fill(message);
  await expect(dialog.getByText(`${message.length}/200`)).toBeVisible();
  await payInDialog(dialog, SUCCEEDS, 'Tip $5.00');

  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeFocused();
  // The fan's words come back as text: the markup is shown as typed, never made into elements.
  await expect(dialog.getByText(message, { exact: true })).toBeVisible();
  await expect(dialog.locator('b')).toHaveCount(0);
  await expect(goalBar(page)).toHaveAccessibleName(/\$5\.00 of \$1,000\.00 · New camera/);
  await expect(page.getByText('$5.00 of $1,000.00 · New camera')).toBeVisible();

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  // The focus comes back to the button that opened the dialog.
  await expect(tip).toBeFocused();
  await page.context().close();
});

test('a declined card is said next to the card field; another card then tips once', async ({ browser }) => {
  const creator = await creatorWithGoal(browser, 'Ines');
  const page = await fanOn(browser, creator);
  const calls = tipCalls(page);
  await tipButton(page, creator).click();
  const dialog = tipDialog(page, creator);
  await payInDialog(dialog, DECLINED, 'Tip $5.00');

  await expect(cardField(dialog)).toHaveAccessibleDescription('Your card was declined.');
  await expect(cardField(dialog)).toHaveAttribute('aria-invalid', 'true');
  await expect(cardField(dialog)).toBeFocused();
  await expect(dialog.getByRole('heading', { name: /Thanks/ })).toHaveCount(0);

  // A declined payment is over: the next try is a new payment, under a new key.
  await payInDialog(dialog, SUCCEEDS, 'Tip $5.00');
  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
  expect(calls).toHaveLength(2);
  expect(calls[1]?.idempotencyKey).not.toBe(calls[0]?.idempotencyKey);
  await expect(goalBar(page)).toHaveAccessibleName(/^Tip goal \$5\.00 of/);
  await page.context().close();
});

test('a card that fails after being accepted is waited on, then said on the card field', async ({
  browser,
}) => {
  const creator = await creatorWithGoal(browser, 'Noor');
  const page = await fanOn(browser, creator);
  await tipButton(page, creator).click();
  const dialog = tipDialog(page, creator);
  await payInDialog(dialog, FAILS_LATER, 'Tip $5.00');
  await expect(cardField(dialog)).toHaveAccessibleDescription('The card was declined after all.');
  await expect(dialog.getByRole('heading', { name: /Thanks/ })).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Tip $5.00' })).toBeEnabled();
  await page.reload();
  await expect(goalBar(page)).toHaveAccessibleName(/^Tip goal \$0\.00 of/);
  await page.context().close();
});

test('a payment still being processed is asked after until it settles, then thanked and counted', async ({
  browser,
}) => {
  const creator = await creatorWithGoal(browser, 'Ola');
  const page = await fanOn(browser, creator);
  // As a card network may: the tip's answer and the first look at the payment say it is still being processed
  // (the real answers, with that status); the next look gets the server's own answer, settled.
  const stillProcessing = async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { result: { data: { status: string } } }[];
    expect(body[0]?.result.data.status).toBe('succeeded');
    body[0]!.result.data.status = 'pending';
    await route.fulfill({ response, json: body });
  };
  await page.route((url) => url.pathname === '/trpc/tips.send', stillProcessing);
  let looks = 0;
  let letFirstLookThrough = () => {};
  const firstLook = new Promise<void>((resolve) => (letFirstLookThrough = resolve));
  await page.route(
    (url) => url.pathname.startsWith('/trpc/') && url.pathname.includes('payments.get'),
    async (route) => {
      looks += 1;
      if (looks > 1) return route.continue();
      await firstLook;
      return stillProcessing(route);
    },
  );

  await tipButton(page, creator).click();
  const dialog = tipDialog(page, creator);
  await payInDialog(dialog, SUCCEEDS, 'Tip $5.00');
  await expect(dialog.getByRole('status')).toHaveText('Your card is being processed…');
  await expect(dialog.getByRole('button', { name: 'Processing…' })).toBeDisabled();
  letFirstLookThrough();
  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
  expect(looks).toBeGreaterThanOrEqual(2);
  await expect(goalBar(page)).toHaveAccessibleName(/^Tip goal \$5\.00 of/);
  await page.context().close();
});

test('a retry after the answer was lost, and a double click, each tip once', async ({ browser }) => {
  const creator = await creatorWithGoal(browser, 'Lea');
  const page = await fanOn(browser, creator);
  const calls = tipCalls(page);

  // The tip reaches the server, but its answer never reaches the page.
  await page.route('**/trpc/tips.send**', async (route) => {
    await route.fetch();
    await route.abort('connectionreset');
  });
  await tipButton(page, creator).click();
  const dialog = tipDialog(page, creator);
  await cardField(dialog).fill(SUCCEEDS);
  const send = dialog.getByRole('button', { name: 'Tip $5.00' });
  await send.click();
  await expect(dialog.getByRole('alert')).toContainText("can't be reached");
  await page.unroute('**/trpc/tips.send**');

  // Tip again: the same key, so the server answers the tip it already made instead of making another.
  await send.click();
  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
  expect(calls).toHaveLength(2);
  expect(calls[1]?.idempotencyKey).toBe(calls[0]?.idempotencyKey);
  await expect(goalBar(page)).toHaveAccessibleName(/^Tip goal \$5\.00 of/);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // A new dialog, a double click on Tip: one call, one tip.
  await tipButton(page, creator).click();
  await cardField(dialog).fill(SUCCEEDS);
  await dialog.getByRole('radio', { name: '$10.00' }).check();
  await dialog.getByRole('button', { name: 'Tip $10.00' }).dblclick();
  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $10.00' })).toBeVisible();
  expect(calls).toHaveLength(3);
  expect(calls[2]?.idempotencyKey).not.toBe(calls[0]?.idempotencyKey);
  await expect(goalBar(page)).toHaveAccessibleName(/^Tip goal \$15\.00 of/);
  await page.context().close();
});

test('an own amount is read in cents and checked next to its field; Escape closes', async ({ browser }) => {
  const creator = await creatorWithGoal(browser, 'Ana');
  const page = await fanOn(browser, creator);
  const calls = tipCalls(page);
  const tip = tipButton(page, creator);
  await tip.click();
  const dialog = tipDialog(page, creator);
  const amount = dialog.getByLabel('Or your own amount');
  await cardField(dialog).fill(SUCCEEDS);

  await amount.fill('0.50');
  // Typing an amount of one's own leaves the presets.
  await expect(dialog.getByRole('radio', { checked: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Tip', exact: true }).click();
  await expect(amount).toHaveAccessibleDescription(/The smallest tip is \$1\.00\./);
  await expect(amount).toBeFocused();
  await amount.fill('5.123');
  await dialog.getByRole('button', { name: 'Tip', exact: true }).click();
  await expect(amount).toHaveAccessibleDescription(/Use at most two decimals \(cents\), like 12\.50\./);

  const message = dialog.getByLabel('Message (optional)');
  await message.fill('x'.repeat(201));
  await expect(dialog.getByText('201/200')).toBeVisible();
  await amount.fill('$12.5');
  await dialog.getByRole('button', { name: 'Tip $12.50' }).click();
  await expect(message).toHaveAccessibleDescription(/A tip message is at most 200 characters\./);
  await expect(message).toBeFocused();
  expect(calls).toHaveLength(0);

  await message.fill('Keep going');
  await dialog.getByRole('button', { name: 'Tip $12.50' }).click();
  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $12.50' })).toBeVisible();
  expect(calls.map((sent) => sent.amount)).toEqual(['1250']);

  // Escape closes the dialog and gives the focus back.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(tip).toBeFocused();
  await page.context().close();
});

test('a tip on a post names the post and sends it along', async ({ browser }) => {
  const creator = await creatorWithGoal(browser, 'Sami');
  const page = await fanOn(browser, creator);
  const calls = tipCalls(page);
  const post = page.getByRole('article').filter({ hasText: 'Spring firing' });
  const postTip = post.getByRole('button', { name: 'Tip for “Spring firing”' });
  await postTip.click();
  const dialog = tipDialog(page, creator);
  await expect(dialog).toContainText('For “Spring firing”');
  await payInDialog(dialog, SUCCEEDS, 'Tip $5.00');
  await expect(dialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
  expect(calls.map((sent) => sent.postId)).toEqual([creator.posts['Spring firing']]);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(postTip).toBeFocused();
  await page.context().close();
});

test('a visitor is asked to sign in to tip, and comes back to the page to tip', async ({ browser, page }) => {
  const creator = await creatorWithGoal(browser, 'Rui');
  const fan = newAccount('Fay', false);
  await (await signedUp(browser, fan)).close();

  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(goalBar(page)).toHaveAccessibleName(/\$0\.00 of \$1,000\.00 · New camera/);
  await expect(page.getByRole('button', { name: /^Tip/ })).toHaveCount(0);
  await page.getByRole('link', { name: 'Sign in to tip' }).click();
  await expect(page).toHaveURL(`${serverUrl()}/signin?next=%2Fc%2F${creator.handle}`);
  await page.getByLabel('Email').fill(fan.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(`${serverUrl()}/c/${creator.handle}`);
  await tipButton(page, creator).click();
  await expect(tipDialog(page, creator)).toBeVisible();
});

test('a creator sees their goal on their own page, and no Tip', async ({ browser }) => {
  const creator = newAccount('Yuki', true);
  const context = await signedUp(browser, creator);
  await call(context, 'tips.updateSettings', {
    minimum: '100',
    presets: [],
    goal: { title: 'Kiln', amount: '5000' },
  });
  const page = await context.newPage();
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(goalBar(page)).toHaveAccessibleName(/\$0\.00 of \$50\.00 · Kiln/);
  await expect(page.getByRole('button', { name: /^Tip/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Sign in to tip' })).toHaveCount(0);
  await context.close();
});
