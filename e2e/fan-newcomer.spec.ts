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

/** Calls a tRPC mutation as the page's signed-in account, from the page's own origin, and returns its data. */
async function call(page: Page, procedure: string, input: unknown): Promise<unknown> {
  const response = await page.context().request.post(`${serverUrl()}/trpc/${procedure}`, {
    headers: { Origin: serverUrl() },
    data: input,
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: unknown } }).result.data;
}

async function publish(page: Page, title: string, body: string, access: 'public' | 'follower') {
  const post = (await call(page, 'posts.create', {
    draft: { title, body, accessRule: { kind: access } },
  })) as { id: string };
  await call(page, 'posts.publish', { id: post.id });
}

test.describe("a creator's page", () => {
  // A creator who writes right to left: an Arabic name and bio, a Hebrew link label and post.
  const creator = { ...newAccount('sara', true), displayName: 'سارة الخزّافة' };

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${serverUrl()}/signup`);
    await signUp(page, creator);
    await call(page, 'profiles.update', {
      baseVersion: 0,
      draft: {
        displayName: creator.displayName,
        bio: 'أعمال خزفية جديدة كل جمعة. Shop: https://shop.example/sara',
        links: [{ label: 'חנות', url: 'https://shop.example' }],
        accentColor: '#336699',
      },
    });
    await publish(page, 'שלום לכולם', 'הפוסט הראשון שלי, לכולם.', 'public');
    await publish(page, 'Studio notes', 'Glazes for the spring firing.', 'follower');
    await context.close();
  });

  test('lays out right-to-left names, bios, link labels and posts right to left, and English left to right', async ({
    page,
  }) => {
    await page.goto(`${serverUrl()}/c/${creator.handle}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(creator.displayName);
    await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('direction', 'rtl');
    await expect(page.getByText('أعمال خزفية')).toHaveCSS('direction', 'rtl');
    await expect(page.getByText('חנות', { exact: true })).toHaveCSS('direction', 'rtl');
    const hebrewPost = page.getByRole('article').filter({ hasText: 'שלום לכולם' });
    await expect(hebrewPost.getByRole('heading')).toHaveCSS('direction', 'rtl');
    await expect(hebrewPost.getByText('הפוסט הראשון שלי')).toHaveCSS('direction', 'rtl');
    const englishPost = page.getByRole('article').filter({ hasText: 'Studio notes' });
    await expect(englishPost.getByRole('heading')).toHaveCSS('direction', 'ltr');
    await expect(page.getByText(`@${creator.handle}`)).toHaveCSS('direction', 'ltr');
  });

  test('shows a right-to-left account name right to left in the header', async ({ page }) => {
    await page.goto(`${serverUrl()}/signup`);
    await signUp(page, { ...newAccount('fan', false), displayName: 'דנה' });
    const name = page.getByRole('banner').getByText('דנה', { exact: true });
    await expect(name).toHaveCSS('direction', 'rtl');
  });

  test('"Following" says "Unfollow" when pointed at or reached by keyboard, and is named for what it does', async ({
    page,
  }) => {
    await page.goto(`${serverUrl()}/signup?next=${encodeURIComponent(`/c/${creator.handle}`)}`);
    await signUp(page, newAccount('follower', false));
    await page.getByRole('button', { name: 'Follow', exact: true }).click();

    const unfollow = page.getByRole('button', { name: `Unfollow ${creator.displayName}` });
    await expect(unfollow).toBeVisible();
    const [state, action] = [unfollow.getByText('Following'), unfollow.getByText('Unfollow')];
    // Just pressed, with the pointer still on it: it says what was done, not at once how to undo it.
    await expect(state).toBeVisible();
    await expect(action).toBeHidden();
    // Resting: it says what it is.
    await page.mouse.move(0, 0);
    await expect(state).toBeVisible();
    await expect(action).toBeHidden();
    const restingWidth = (await unfollow.boundingBox())?.width;

    await unfollow.hover();
    await expect(action).toBeVisible();
    await expect(state).toBeHidden();
    expect((await unfollow.boundingBox())?.width).toBe(restingWidth);

    await page.mouse.move(0, 0);
    await expect(state).toBeVisible();
    // By keyboard: Tab from the page's top until the button has focus.
    await page.getByRole('link', { name: 'Mesi home' }).focus();
    for (let presses = 0; presses < 10; presses++) {
      if (await unfollow.evaluate((element) => element === element.ownerDocument.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(unfollow).toBeFocused();
    await expect(action).toBeVisible();
    await expect(state).toBeHidden();

    await page.keyboard.press('Enter');
    // The same button turns back into Follow and keeps the keyboard's focus.
    await expect(page.getByRole('button', { name: 'Follow', exact: true })).toBeFocused();
    await expect(page.getByRole('article').filter({ hasText: 'Studio notes' })).toContainText('Locked');
  });
});
