import { expect, test, type Browser, type Page } from '@playwright/test';
import { signInStudio } from './support/media';

/**
 * The foundation's proof, as a person does it: a creator signs up on the fan site, signs the studio in,
 * writes and publishes posts; fans see on /c/<handle> exactly what their access allows.
 */
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const stamp = Date.now().toString(36);
const creator = {
  email: `creator-${stamp}@example.com`,
  password: 'correct horse battery',
  handle: `maker_${stamp}`,
  displayName: 'Mara the Maker',
};

async function signUp(
  page: Page,
  who: { email: string; password: string; displayName: string; handle?: string },
) {
  await page.goto(`${serverUrl()}/signup`);
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

async function newFan(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, {
    email: `${name}-${stamp}@example.com`,
    password: 'fan password 123',
    displayName: name,
  });
  return { context, page };
}

async function writePost(studio: Page, title: string, body: string, access: 'Public' | 'Followers') {
  await studio.getByRole('button', { name: 'New post' }).click();
  await studio.getByLabel('Title').fill(title);
  await studio.getByLabel('Body').fill(body);
  await studio.getByLabel('Access').selectOption({ label: access });
  await studio.getByRole('button', { name: 'Publish', exact: true }).click();
  const row = studio.getByRole('listitem').filter({ hasText: title });
  await expect(row).toContainText('Published');
  await expect(row).toContainText('Synced');
}

test('a post written in the studio reaches exactly the fans its access rule allows', async ({ browser }) => {
  const creatorContext = await browser.newContext();
  const site = await creatorContext.newPage();
  await signUp(site, creator);

  const studio = await creatorContext.newPage();
  await signInStudio(studio, creator);

  await studio.getByRole('button', { name: /^Content/ }).click();
  await writePost(studio, 'Hello, everyone', 'A public note for the whole world.', 'Public');
  await writePost(studio, 'Only for followers', 'The secret schedule: Tuesday at eight.', 'Followers');

  // The profile, edited in the studio: bio with a link, one profile link, an accent colour.
  await studio.getByRole('button', { name: /^Profile/ }).click();
  await studio
    .getByLabel('Bio')
    .fill('Ceramics and slow films. New work every Friday at https://shop.example/mara');
  await studio.getByRole('button', { name: 'Add a link' }).click();
  await studio.getByLabel('Link 1 label').fill('Shop');
  await studio.getByLabel('Link 1 address').fill('https://shop.example');
  await studio.getByLabel('Accent colour as hex').fill('#336699');
  await studio.getByRole('button', { name: 'Save profile' }).click();
  await expect(studio.getByText('Saved.')).toBeVisible();
  await expect(studio.locator('.profile .screen-header')).toContainText('Synced');

  // A fan who follows sees both posts in full.
  const follower = await newFan(browser, 'follower');
  await follower.page.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(follower.page.getByRole('heading', { level: 1 })).toContainText(creator.displayName);
  const bioLink = follower.page.getByRole('link', { name: 'https://shop.example/mara' });
  await expect(bioLink).toHaveAttribute('href', 'https://shop.example/mara');
  await expect(bioLink).toHaveAttribute('rel', /noopener/);
  await expect(follower.page.getByRole('link', { name: /^Shop/ })).toHaveAttribute(
    'href',
    'https://shop.example',
  );
  await expect(follower.page.getByRole('article').filter({ hasText: 'Hello, everyone' })).toContainText(
    'public note',
  );
  const locked = follower.page.getByRole('article').filter({ hasText: 'Only for followers' });
  await expect(locked).toContainText('Locked');
  await expect(locked).not.toContainText('Tuesday at eight');
  await follower.page.getByRole('button', { name: 'Follow', exact: true }).click();
  await expect(follower.page.getByRole('article').filter({ hasText: 'Only for followers' })).toContainText(
    'Tuesday at eight',
  );

  // A visitor without access sees the public post, and the follower post stays locked: its body is never sent.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const pageResponses: string[] = [];
  visitor.on('response', async (response) => {
    if (response.url().includes('/trpc/')) pageResponses.push(await response.text().catch(() => ''));
  });
  const pageResponse = await visitor.goto(`${serverUrl()}/c/${creator.handle}`);
  // The head is the server's, before any script: a shared link previews with the creator's name and bio.
  const head = (await pageResponse?.text()) ?? '';
  expect(head).toContain(`<title>${creator.displayName} (@${creator.handle}) · Mesi</title>`);
  expect(head).toContain('<meta property="og:description" content="Ceramics and slow films.');
  await expect(visitor.getByRole('article').filter({ hasText: 'Hello, everyone' })).toContainText(
    'public note',
  );
  await expect(visitor.getByRole('article').filter({ hasText: 'Only for followers' })).toContainText(
    'Locked',
  );
  expect(await visitor.content()).not.toContain('Tuesday at eight');
  expect(pageResponses.join('\n')).not.toContain('Tuesday at eight');
  const missing = await visitor.goto(`${serverUrl()}/c/nobody_${stamp}`);
  expect(missing?.status()).toBe(404);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText('Creator not found');

  await Promise.all([creatorContext.close(), follower.context.close(), visitorContext.close()]);
});
