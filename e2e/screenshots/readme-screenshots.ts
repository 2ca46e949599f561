import { expect, test, type Locator } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { DEMO_CREATOR } from '../../scripts/start/demo';
import { DEMO_FAN } from '../../scripts/start/demo';
import { expectVideoAdvancing } from '../support/live';
import { call, payInDialog, signedUp, SUCCEEDS } from '../support/money';
import { newAccount } from '../support/new-account';

/**
 * The README's screenshots (docs/screenshots/), taken by `npm run screenshots` only, never by the test suite:
 * a first run of `npm start` with its demo data, as a newcomer sees it. The studio is signed in as the demo
 * creator; the fan page is the demo creator's, seen by a visitor.
 */
const DIR = 'docs/screenshots';
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const studioUrl = () => process.env.E2E_STUDIO_URL ?? '';

/** The sample text posts (resources/demo/posts.json) and the two media posts the demo media adds. */
const DEMO_POSTS = 6;
const PHOTO_POST = 'Glaze tests from Friday’s firing';
const VIDEO_POST = 'Kiln tour';
const DEMO_MEDIA_ITEMS = 4;
/**
 * The demo media is made, processed in the studio, uploaded and processed again on the server in the background
 * after `npm start` is up; on a busy machine that takes a minute or two.
 */
const DEMO_MEDIA_WITHIN_MS = 240_000;

test('the README screenshots', async ({ browser }) => {
  test.setTimeout(DEMO_MEDIA_WITHIN_MS + 120_000);
  mkdirSync(DIR, { recursive: true });
  // No transitions: a screen's navigation button would still be fading from the previous one.
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const studio = await context.newPage();
  await studio.goto(studioUrl());
  await expect(studio.getByRole('status')).toContainText(`@${DEMO_CREATOR.handle}`);
  await expect(studio.getByRole('status')).toContainText(/online/i);

  // Content: the demo posts, synced from the server (the media posts once their media is ready), with the
  // photo post open in the editor.
  await studio.getByRole('button', { name: /^Content/ }).click();
  const posts = studio.getByRole('list', { name: 'Posts' }).getByRole('listitem');
  await expect(posts).toHaveCount(DEMO_POSTS, { timeout: DEMO_MEDIA_WITHIN_MS });
  for (const post of await posts.all()) await expect(post).toContainText('Synced');
  const photoPost = posts.filter({ hasText: PHOTO_POST });
  await expect(photoPost).toContainText('3 media items');
  await photoPost.getByRole('button').first().click();
  await expect(studio.getByLabel('Title')).toHaveValue(PHOTO_POST);
  await studio.screenshot({ path: `${DIR}/studio.png` });

  // Vault: the demo's photos and video, processed in the studio (thumbnails) and ready on the server.
  await studio.getByRole('button', { name: 'Vault', exact: true }).click();
  await expect(studio.getByRole('heading', { level: 1 })).toHaveText('Vault');
  const tiles = studio.getByRole('list', { name: 'Vault items' }).getByRole('listitem');
  await expect(tiles).toHaveCount(DEMO_MEDIA_ITEMS);
  for (const tile of await tiles.all()) {
    await expect(tile.locator('img')).toHaveAttribute('src', /^data:image\//);
    await expect(tile).toContainText('On server');
    await expect(tile.getByRole('progressbar')).toHaveCount(0);
  }
  await studio.screenshot({ path: `${DIR}/studio-vault.png` });

  // Profile: the demo creator's bio with a link, a shop link and an accent colour, beside the preview.
  await studio.getByRole('button', { name: /^Profile/ }).click();
  await expect(studio.getByLabel('Display name')).toHaveValue(DEMO_CREATOR.displayName);
  await expect(studio.locator('.profile .screen-header')).toContainText('Synced');
  await studio.screenshot({ path: `${DIR}/studio-profile.png` });

  // The fan page as a visitor sees it: the newest post, photos for everyone, under the creator's header.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${serverUrl()}/c/${DEMO_CREATOR.handle}`);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText(DEMO_CREATOR.displayName);
  await expect(visitor.getByRole('article')).toHaveCount(DEMO_POSTS);
  const photos = visitor.getByRole('article', { name: PHOTO_POST }).getByTestId('media-grid');
  await expectImagesLoaded(photos.locator('img'), 3);
  await visitor.screenshot({ path: `${DIR}/fan-page.png` });

  // Further down: the end of the photo grid, then the video post, locked behind its blurred preview with what
  // opens it (subscribing, or buying it for $4.00).
  const videoPost = visitor.getByRole('article', { name: VIDEO_POST });
  await expect(videoPost).toContainText('Locked');
  await expect(videoPost.getByRole('link', { name: 'Sign in to buy for $4.00' })).toBeVisible();
  await expectVideoPreviewShown(videoPost.getByTestId('locked-media').locator('video'));
  await videoPost.evaluate((element) => element.scrollIntoView({ block: 'end' }));
  await visitor.mouse.wheel(0, 24);
  await visitor.screenshot({ path: `${DIR}/fan-media-post.png` });

  await Promise.all([context.close(), visitorContext.close()]);
});

test('the README screenshots of a live stream', async ({ browser }) => {
  test.setTimeout(240_000);
  // The studio's Live screen: the demo creator goes live with the test pattern and its tone, for everyone.
  const title = 'Throwing a big bowl, live';
  const context = await browser.newContext({ reducedMotion: 'reduce' });
  const studio = await context.newPage();
  await studio.goto(studioUrl());
  await expect(studio.getByRole('status')).toContainText(`@${DEMO_CREATOR.handle}`);
  await expect(studio.getByRole('status')).toContainText(/online/i);
  await studio.getByRole('button', { name: /^Live/ }).click();
  const form = studio.getByRole('form', { name: 'New stream' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Picture').selectOption({ label: 'Test pattern with tone' });
  await form.getByLabel('Quality').selectOption({ label: '480p, 30 fps, 1.2 Mbit/s' });
  await form.getByRole('button', { name: 'Go live' }).click();
  const status = studio.getByRole('region', { name: title });
  await expect(status.getByRole('status')).toHaveText(/^Live for /, { timeout: 90_000 });
  await expect(status.locator('dl')).toContainText(/\d+ fps/, { timeout: 90_000 });

  // Two fans on the watch page (the demo fan and one more), the video playing; they chat and the demo fan tips.
  const fanContext = await browser.newContext({ reducedMotion: 'reduce' });
  await call(fanContext, 'accounts.signIn', { email: DEMO_FAN.email, password: DEMO_FAN.password });
  const fan = await fanContext.newPage();
  await fan.goto(`${serverUrl()}/c/${DEMO_CREATOR.handle}`);
  await fan.getByRole('link', { name: `Live now: ${title}` }).click();
  await expectVideoAdvancing(fan, 90_000);
  // Sends a chat line from a watch page and waits until it shows in that page's chat.
  const say = async (page: typeof fan, text: string) => {
    await page.getByRole('textbox', { name: 'Chat message' }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('log', { name: 'Chat messages' })).toContainText(text);
  };
  const other = await (await signedUp(browser, newAccount('Rosa', false))).newPage();
  await other.goto(fan.url());
  await say(other, 'Hi from Lisbon! What clay is that?');
  await say(fan, 'Love the colours on this one');
  await fan.getByRole('button', { name: 'Tip', exact: true }).click();
  const tip = fan.getByRole('dialog', { name: `Tip ${DEMO_CREATOR.displayName}` });
  await tip.getByRole('radio', { name: '$5.00' }).check();
  await tip.getByLabel('Message (optional)').fill('For the kiln fund');
  await payInDialog(tip, SUCCEEDS, 'Tip $5.00');
  await tip.getByRole('button', { name: 'Done' }).click();
  const fanChat = fan.getByRole('log', { name: 'Chat messages' });
  await expect(fanChat.locator('.chat-line--tip')).toContainText('For the kiln fund');

  // The studio with the chat lines, the tip's alert (it goes after a few seconds) and its own preview playing.
  await expect(studio.getByRole('log', { name: 'Chat' })).toContainText('Love the colours on this one');
  await expectVideoAdvancing(studio, 90_000);
  await expect(studio.locator('.tip-alert')).toContainText(`${DEMO_FAN.displayName} tipped $5.00`);
  await studio.screenshot({ path: `${DIR}/studio-live.png` });
  await expectVideoAdvancing(fan);
  await fan.screenshot({ path: `${DIR}/fan-live.png` });

  await status.getByRole('button', { name: 'End stream' }).click();
  await expect(fan.getByText('This stream has ended.')).toBeVisible({ timeout: 30_000 });
  await Promise.all([context.close(), fanContext.close(), other.context().close()]);
});

/** Waits until each of `count` images has loaded (a screenshot taken before shows empty boxes). */
async function expectImagesLoaded(images: Locator, count: number): Promise<void> {
  await expect(images).toHaveCount(count);
  for (const image of await images.all()) {
    await expect
      .poll(() => image.evaluate((element) => (element as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
  }
}

/** Waits until the locked video's looping preview shows a frame (a video with no data draws nothing). */
async function expectVideoPreviewShown(video: Locator): Promise<void> {
  await expect
    .poll(() => video.evaluate((element) => (element as unknown as { readyState: number }).readyState))
    .toBeGreaterThanOrEqual(2);
}
