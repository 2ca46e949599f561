import { expect, test, type Locator } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { DEMO_CREATOR } from '../../scripts/start/demo';

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
