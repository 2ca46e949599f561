import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInStudio, signOutStudio } from './support/media';
import { OwnServer } from './support/own-server';
import { sendTip, signUpFan } from './support/server-api';
import { expectNoViolations } from './support/axe';

/**
 * axe-core on every studio screen, in the light and the dark colour scheme, with zero violations: sign-in
 * (with its field errors), the accounts list with its switcher, the post list, the editor (new, existing, with
 * errors, asking before closing), the profile editor (and the navigation marking its unsaved edits), earnings
 * (empty, with a fan's tip, with a filter error, offline), the offline state, and the pages for a wrong or
 * missing token. The studio is `npm start`'s, signed in to a server of this file's own (stopped for the
 * offline state).
 */
const studioUrl = () => process.env.E2E_STUDIO_URL ?? '';
const stamp = Date.now().toString(36);
const creators = [
  { email: `axe-a-${stamp}@example.com`, handle: `axe_a_${stamp}`, displayName: 'Ana Axe' },
  { email: `axe-b-${stamp}@example.com`, handle: `axe_b_${stamp}`, displayName: 'Ben Axe' },
];
const password = 'correct horse battery';

const server = new OwnServer('mesi-e2e-axe-');

async function openStudio(
  page: Page,
  screen: 'Content' | 'Accounts' | 'Profile' | 'Earnings',
): Promise<void> {
  await page.goto(studioUrl());
  await expect(page.getByRole('status')).toContainText(`@${creators[1]!.handle}`);
  await page.getByRole('button', { name: new RegExp(`^${screen}`) }).click();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  await server.start();
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const creator of creators) {
    await context.clearCookies();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Display name').fill(creator.displayName);
    await page.getByLabel('Email').fill(creator.email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel(/I.m a creator/).check();
    await page.getByLabel('Handle').fill(creator.handle);
    await page.getByRole('button', { name: 'Sign up', exact: true }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  }
  await context.close();
});

test.afterAll(async ({ browser }: { browser: Browser }) => {
  try {
    await server.start().catch(() => undefined); // back online if a test stopped it
    const context = await browser.newContext();
    const page = await context.newPage();
    for (const creator of creators) await signOutStudio(page, creator.email);
    await context.close();
  } finally {
    await server.remove();
  }
});

test('the pages for a wrong or a missing token', async ({ page }) => {
  await page.goto(studioUrl().replace(/#token=.*$/, '#token=wrong'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/token is wrong/);
  await expectNoViolations(page, 'wrong token');
  const fresh = await page.context().newPage();
  await fresh.goto(new URL(studioUrl()).origin);
  await expect(fresh.getByRole('heading', { level: 1 })).toHaveText(/has no token/);
  await expectNoViolations(fresh, 'missing token');
});

test('sign-in, its refusal, and the accounts list with the switcher', async ({ page }) => {
  await page.goto(studioUrl());
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await page.getByLabel('Server URL').fill(server.url);
  await expectNoViolations(page, 'sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter your email address.');
  await expectNoViolations(page, 'sign-in with field errors');

  await page.getByLabel('Email').fill(creators[0]!.email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('#sign-in-error')).toBeVisible();
  await expectNoViolations(page, 'sign-in refused');

  for (const creator of creators) await signInStudio(page, { ...creator, password }, server.url);
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: creators[0]!.email })
      .getByRole('button', { name: 'Switch' }),
  ).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: creators[1]!.email })).toContainText('Active');
  await expectNoViolations(page, 'accounts and switcher');
});

test('the post list and the editor: new, with errors, existing, asking before closing', async ({ page }) => {
  await openStudio(page, 'Content');
  await expectNoViolations(page, 'empty post list');

  await page.getByRole('button', { name: 'New post' }).click();
  await expectNoViolations(page, 'editor, new post');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'before saving' })).toBeVisible();
  await expectNoViolations(page, 'editor with errors');

  await page.getByLabel('Title').fill('A post for axe');
  await page.getByLabel('Body').fill('Its body.');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  const row = page.getByRole('listitem').filter({ hasText: 'A post for axe' });
  await expect(row).toContainText('Synced');
  await page.getByRole('button', { name: 'New post' }).click();
  await page.getByLabel('Title').fill('A draft for axe');
  await page.getByLabel('Body').fill('Its body.');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'A draft for axe' })).toContainText('Draft');
  await expectNoViolations(page, 'post list and editor, saved');

  await row.getByRole('button').first().click();
  await page.getByLabel('Access').selectOption({ label: 'Followers' });
  await page.getByLabel('Title').fill('A post for axe, edited');
  await expectNoViolations(page, 'editor, existing post with unsaved changes');
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  const ask = page.getByRole('group', { name: 'This post has unsaved changes.' });
  await expect(ask).toBeVisible();
  await expectNoViolations(page, 'editor asking before closing');
  await ask.getByRole('button', { name: 'Discard changes' }).click();
});

test('the profile editor', async ({ page }) => {
  await openStudio(page, 'Profile');
  await page.getByLabel('Bio').fill('Pots and films. https://shop.example/ana');
  await page.getByRole('button', { name: 'Add a link' }).click();
  await page.getByLabel('Link 1 label').fill('Shop');
  await page.getByLabel('Link 1 address').fill('https://shop.example');
  await expectNoViolations(page, 'profile editor');
  await page.getByLabel('Link 1 address').fill('not a link');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expectNoViolations(page, 'profile editor with errors');
  // Left with unsaved edits: the navigation marks the screen that keeps them.
  await page.getByRole('button', { name: /^Content/ }).click();
  await expect(page.getByRole('button', { name: /^Profile/ })).toHaveAccessibleName(/unsaved changes/i);
  await expectNoViolations(page, 'navigation marking unsaved profile edits');
});

test('earnings: empty, with a fan’s tip, and with a filter error', async ({ page }) => {
  await openStudio(page, 'Earnings');
  await expect(page.getByText(/^No earnings yet/)).toBeVisible();
  await expectNoViolations(page, 'earnings, empty');

  const fan = await signUpFan(server.url, 'Axel');
  await sendTip(server.url, fan.token, { handle: creators[1]!.handle, amount: '1250' });
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('$11.25');
  await expect(page.getByRole('figure')).toBeVisible();
  await expectNoViolations(page, 'earnings with a tip');

  await page.getByLabel('From', { exact: true }).fill('2030-01-02');
  await page.getByLabel('To', { exact: true }).fill('2030-01-01');
  await expect(page.getByLabel('To', { exact: true })).toHaveAccessibleDescription(
    'The last day must not be before the first.',
  );
  await expectNoViolations(page, 'earnings, filter with an error');
  await page.getByLabel('To', { exact: true }).fill('2030-01-03');
  await expect(page.getByText('No payments match these filters.').first()).toBeVisible();
  await expectNoViolations(page, 'earnings, nothing matches the filter');
});

test('the offline state, and a post published while offline', async ({ page }) => {
  await openStudio(page, 'Content');
  await server.stop();
  await expect(page.getByRole('status')).toContainText('Offline', { timeout: 15_000 });
  await page.getByRole('listitem').filter({ hasText: 'A draft for axe' }).getByRole('button').first().click();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await expect(page.locator('.notice')).toHaveText(/back online/);
  await expectNoViolations(page, 'offline, content');
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await expectNoViolations(page, 'offline, accounts');
  // Earnings read the studio's own copy: the tip is there with the server gone.
  await page.getByRole('button', { name: 'Earnings', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Balance' })).toContainText('$11.25');
  await expectNoViolations(page, 'offline, earnings');
  await server.start();
});
