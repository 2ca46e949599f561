import { expect, test } from '@playwright/test';
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

test('the README screenshots', async ({ browser }) => {
  mkdirSync(DIR, { recursive: true });
  const context = await browser.newContext();
  const studio = await context.newPage();
  await studio.goto(studioUrl());
  await expect(studio.getByRole('status')).toContainText(`@${DEMO_CREATOR.handle}`);
  await expect(studio.getByRole('status')).toContainText(/online/i);

  // Content: the demo posts, synced from the server, with the newest open in the editor.
  await studio.getByRole('button', { name: /^Content/ }).click();
  const posts = studio.getByRole('list', { name: 'Posts' }).getByRole('listitem');
  await expect(posts).toHaveCount(4);
  for (const post of await posts.all()) await expect(post).toContainText('Synced');
  await posts.first().getByRole('button').first().click();
  await expect(studio.getByLabel('Title')).toHaveValue('Welcome to my corner of Mesi');
  await studio.screenshot({ path: `${DIR}/studio.png` });

  // Profile: the demo creator's bio with a link, a shop link and an accent colour, beside the preview.
  await studio.getByRole('button', { name: /^Profile/ }).click();
  await expect(studio.getByLabel('Display name')).toHaveValue(DEMO_CREATOR.displayName);
  await expect(studio.locator('.profile .screen-header')).toContainText('Synced');
  await studio.screenshot({ path: `${DIR}/studio-profile.png` });

  // The fan page as a visitor sees it: public posts in full, follower and subscriber posts locked.
  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  await visitor.goto(`${serverUrl()}/c/${DEMO_CREATOR.handle}`);
  await expect(visitor.getByRole('heading', { level: 1 })).toContainText(DEMO_CREATOR.displayName);
  await expect(visitor.getByRole('article')).toHaveCount(4);
  await expect(visitor.getByRole('article').nth(1)).toContainText('Locked');
  await visitor.screenshot({ path: `${DIR}/fan-page.png` });

  await Promise.all([context.close(), visitorContext.close()]);
});
