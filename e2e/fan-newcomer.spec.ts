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
    await page.evaluate(() => {
      window.history.pushState({}, '', '/nope/at/all');
      window.dispatchEvent(new PopStateEvent('popstate'));
    });
    await expectNotFoundPage(page, 'Page not found');
  });

  test('/index.html shows the home page, under the home address', async ({ page }) => {
    const response = await page.goto(`${serverUrl()}/index.html`);
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(`${serverUrl()}/`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Closer to the creators you love.');
  });
});
