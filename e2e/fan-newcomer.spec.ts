import { expect, test, type Page } from '@playwright/test';

/**
 * What a newcomer meets on the fan site, in Chromium against `npm start`: dead ends that say so (404) and lead
 * home, a new creator told where their page is and how to post, a Following button that says Unfollow before
 * it does, and right-to-left names and posts laid out right to left.
 */
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const stamp = Date.now().toString(36);

async function expectNotFoundPage(page: Page, title: string) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('banner').getByRole('link', { name: 'Mesi home' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'Back to home' })).toBeVisible();
  await expect(page).toHaveTitle(`${title} · Mesi`);
}

test.describe('unknown pages', () => {
  test('answer 404 with the styled page, title, header and a way home, on the first answer', async ({
    page,
  }) => {
    const cases: [string, string][] = [
      ['/c/', 'Page not found'],
      ['/nope', 'Page not found'],
      ['/c/someone/posts', 'Page not found'],
      ['/SIGNIN', 'Page not found'],
      [`/c/UNKNOWN_${stamp}`, 'Creator not found'],
    ];
    for (const [path, title] of cases) {
      const response = await page.goto(`${serverUrl()}${path}`);
      expect(response?.status(), path).toBe(404);
      await expectNotFoundPage(page, title);
    }
    await page.getByRole('link', { name: 'Back to home' }).click();
    await expect(page).toHaveURL(`${serverUrl()}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Closer to the creators you love.');
  });

  test('show the same page when reached inside the app', async ({ page }) => {
    await page.goto(`${serverUrl()}/`);
    await page.getByLabel('Handle').fill(`nobody_${stamp}`);
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect(page).toHaveURL(`${serverUrl()}/c/nobody_${stamp}`);
    await expectNotFoundPage(page, 'Creator not found');

    // An address the app has no page for, reached without a reload (as a link inside the app would).
    await page.evaluate(
      "window.history.pushState({}, '', '/nope/at/all'); window.dispatchEvent(new PopStateEvent('popstate'))",
    );
    await expectNotFoundPage(page, 'Page not found');
  });

  test('/index.html shows the home page, under the home address', async ({ page }) => {
    const response = await page.goto(`${serverUrl()}/index.html`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(`${serverUrl()}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Closer to the creators you love.');
  });
});

interface NewAccount {
  readonly displayName: string;
  readonly email: string;
  readonly password: string;
  readonly handle?: string;
}

function newAccount(name: string, creator: boolean): NewAccount {
  const id = `${name.toLowerCase()}_${stamp}_${Math.random().toString(36).slice(2, 6)}`;
  return {
    displayName: name,
    email: `${id}@example.com`,
    password: 'correct horse battery',
    ...(creator ? { handle: id } : {}),
  };
}

/** Fills in and sends the sign-up form on the page it is on. */
async function signUp(page: Page, who: NewAccount) {
  await page.getByLabel('Display name').fill(who.displayName);
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  if (who.handle) {
    await page.getByLabel(/I.m a creator/).check();
    await page.getByLabel('Handle').fill(who.handle);
  }
  await page.getByRole('button', { name: 'Sign up', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test.describe('a new creator', () => {
  test("lands on a page with their page's address and how to write posts, and keeps a link to their page", async ({
    page,
  }) => {
    const creator = newAccount('Mara', true);
    await page.goto(`${serverUrl()}/signup`);
    await signUp(page, creator);

    await expect(page).toHaveURL(`${serverUrl()}/welcome`);
    const address = `${serverUrl()}/c/${creator.handle}`;
    const yourPage = page.getByRole('region', { name: 'Your page' });
    await expect(yourPage).toContainText(address);
    const studio = page.getByRole('region', { name: 'Write posts in Mesi Studio' });
    await expect(studio).toContainText('npm start');
    await expect(studio).toContainText(creator.email);
    await expect(studio).toContainText(serverUrl());

    const headerLink = page.getByRole('banner').getByRole('link', { name: 'Your page', exact: true });
    await expect(headerLink).toHaveAttribute('href', `/c/${creator.handle}`);
    await yourPage.getByRole('link', { name: 'Open your page' }).click();
    await expect(page).toHaveURL(address);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mara');
    // Their own page leads back to how to write posts; the header link stays on every page.
    await page.getByRole('link', { name: 'How to write posts' }).click();
    await expect(page).toHaveURL(`${serverUrl()}/welcome`);
    await page.goto(`${serverUrl()}/`);
    await expect(headerLink).toBeVisible();
  });

  test('who signed up from a creator page is offered the way back to it', async ({ page }) => {
    await page.goto(`${serverUrl()}/signup?next=${encodeURIComponent('/c/someone_else')}`);
    await signUp(page, newAccount('Ines', true));
    await expect(page).toHaveURL(`${serverUrl()}/welcome?next=%2Fc%2Fsomeone_else`);
    await expect(page.getByRole('link', { name: 'Back to where you were' })).toHaveAttribute(
      'href',
      '/c/someone_else',
    );
  });

  test('a new fan goes back where they were, with no creator page to link to', async ({ page }) => {
    await page.goto(`${serverUrl()}/signup?next=${encodeURIComponent('/nope')}`);
    await signUp(page, newAccount('Fay', false));
    await expect(page).toHaveURL(`${serverUrl()}/nope`);
    await expect(page.getByRole('link', { name: 'Your page', exact: true })).toHaveCount(0);
    await page.goto(`${serverUrl()}/welcome`);
    await expect(page).toHaveURL(`${serverUrl()}/`);
  });

  test('the welcome page asks a signed-out visitor to sign in first', async ({ page }) => {
    await page.goto(`${serverUrl()}/welcome`);
    await expect(page).toHaveURL(`${serverUrl()}/signin?next=%2Fwelcome`);
  });
});
