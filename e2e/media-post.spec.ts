import { expect, test, type Response } from '@playwright/test';
import { recordProgressBars, signInStudio, signOutStudio, testVideo } from './support/media';
import { creatorWithOffers, payInDialog, serverUrl, signedUp, SUCCEEDS } from './support/money';
import { newAccount } from './support/new-account';
import { expectNoViolations } from './support/axe';

/**
 * Issue 16's proof, as people live it against `npm start` (the studio in browser mode, the real server, real
 * ffmpeg, Chromium): a creator imports a video in the studio's Vault and watches its progress bar until it is on
 * the server, then publishes it in a post for subscribers or buyers at $5.00. A fan who follows sees only the
 * public blurred preview behind a lock, with Subscribe and Buy, and no signed URL anywhere (the full video is
 * refused to them); once they buy it with the sandbox card, the video plays in the page.
 */

const stamp = Date.now().toString(36);
const account = newAccount('Vera', true);
const creator = { ...account, handle: account.handle! };
// The vault titles an item by its file name; a name of this run's own finds it in the picker.
const videoTitle = `kiln-tour-${stamp}`;
const postTitle = 'The kiln, opened';

/** What the spec uses of a `<video>` (the e2e code is typed without the DOM's types). */
interface Playable {
  muted: boolean;
  readonly currentTime: number;
  play(): Promise<void>;
}

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signOutStudio(page, creator.email);
  await page.close();
});

test('a video imported in the studio is published for subscribers or buyers; a buyer plays it', async ({
  browser,
  page: studio,
}) => {
  // Two ffmpeg passes (studio, then server) of an 8 s clip on a machine shared with other work: more than the
  // suite's 90 s is allowed, and the waits on processing below say how long each may take.
  test.setTimeout(240_000);
  // 8 s, so the 5 s public preview is visibly not the whole video.
  const video = await testVideo(`${videoTitle}.mp4`, 8);
  try {
    await creatorWithOffers(browser, creator, {
      tiers: { gold: { name: 'Gold', rank: 0, monthlyPrice: '500', ppvDiscountBps: 0 } },
    });

    // The creator imports the video on the Vault screen and watches it being prepared and uploaded.
    await signInStudio(studio, creator);
    await studio.getByRole('button', { name: 'Vault', exact: true }).click();
    await expect(studio.getByRole('heading', { level: 1 })).toHaveText('Vault');
    const progress = await recordProgressBars(studio);
    await studio.getByLabel('Import files').setInputFiles(video.path);
    await expect(studio.getByRole('region', { name: 'Imported files' }).getByText('Imported.')).toBeVisible();
    const tile = studio
      .getByRole('list', { name: 'Vault items' })
      .getByRole('listitem')
      .filter({ has: studio.getByRole('button', { name: videoTitle, exact: true }) });
    await expect(tile.getByRole('progressbar').first()).toBeVisible();
    // Processing in the studio, the upload, then the server's own processing (the tile follows the server).
    await expect(tile.getByText('On server'), 'the video reaches the server, ready').toBeVisible({
      timeout: 120_000,
    });
    await expect(tile.getByRole('progressbar')).toHaveCount(0);
    const states = (await progress.states()).filter((state) => state.name.endsWith(` of ${videoTitle}`));
    // The bar moved: more than one state, its value never going back within a job, its words changing.
    expect(states.length, JSON.stringify(states)).toBeGreaterThan(1);
    expect(new Set(states.map((state) => state.text)).size).toBeGreaterThan(1);
    for (const name of new Set(states.map((state) => state.name))) {
      const values = states.filter((state) => state.name === name).map((state) => state.value);
      expect(values, name).toEqual([...values].sort((a, b) => a - b));
    }
    const processing = states.filter((state) => state.name === `Processing of ${videoTitle}`);
    expect(processing.length, 'the processing bar was seen').toBeGreaterThan(1);
    expect(processing.at(-1)!.value).toBeGreaterThan(processing[0]!.value);

    // A post with the video, for subscribers or whoever buys it at $5.00.
    await studio.getByRole('button', { name: /^Content/ }).click();
    await studio.getByRole('button', { name: 'New post' }).click();
    await studio.getByLabel('Title').fill(postTitle);
    await studio.getByLabel('Body').fill('Twelve hours at cone 10, and what came out.');
    await studio.getByLabel('Price (pay-per-view)').fill('5');
    await studio.getByRole('button', { name: 'Add from vault' }).click();
    const picker = studio.getByRole('dialog', { name: 'Add media from your vault' });
    await picker.getByRole('checkbox', { name: videoTitle }).check();
    await picker.getByRole('button', { name: 'Add to post' }).click();
    await expect(picker).toBeHidden();
    await studio.getByLabel('Access').selectOption({ label: 'Subscribers or buyers' });
    await studio.getByRole('button', { name: 'Publish', exact: true }).click();
    const row = studio
      .getByRole('list', { name: 'Posts' })
      .getByRole('listitem')
      .filter({ hasText: postTitle });
    await expect(row).toContainText('Published');
    await expect(row).toContainText('1 media item');
    await expect(row).toContainText('Synced');

    // A fan who follows: the blurred public preview behind a lock, Subscribe and Buy, nothing signed.
    const fan = await signedUp(browser, newAccount('Fay', false));
    const fanPage = await fan.newPage();
    const answers: Promise<string>[] = [];
    fanPage.on('response', (response: Response) => {
      if (response.url().includes('/trpc/')) answers.push(response.text().catch(() => ''));
    });
    await fanPage.goto(`${serverUrl()}/c/${creator.handle}`);
    await expect(fanPage.getByRole('heading', { level: 1 })).toHaveText(creator.displayName);
    await fanPage.getByRole('button', { name: 'Follow', exact: true }).click();
    await expect(fanPage.getByRole('button', { name: /^(Following|Unfollow)/ })).toBeVisible();
    const post = fanPage.getByRole('article', { name: postTitle });
    const locked = post.getByTestId('locked-media');
    await expect(locked).toBeVisible();
    await expect(post).toContainText('Locked');
    await expect(post).not.toContainText('Twelve hours at cone 10');
    await expect(post.getByRole('button', { name: 'Subscribe to Gold for $5.00/month' })).toBeVisible();
    await expect(post.getByRole('button', { name: 'Buy for $5.00' })).toBeVisible();
    await expect(post.getByTestId('post-video')).toHaveCount(0);
    const preview = locked.locator('video');
    const previewSrc = (await preview.getAttribute('src')) ?? '';
    const mediaId = /\/media\/([0-9a-f-]{36})\/preview\.mp4$/.exec(previewSrc)?.[1];
    expect(mediaId, `the preview's address: ${previewSrc}`).toBeDefined();
    await expect(preview).toHaveAttribute('poster', new RegExp(`/media/${mediaId}/thumb\\.webp$`));
    expect(await fanPage.content()).not.toContain('sig=');
    expect((await Promise.all(answers)).join('\n')).not.toContain('sig=');
    // The preview is anyone's; the video itself, asked for without a signature, is not theirs.
    expect((await fan.request.get(new URL(previewSrc, serverUrl()).href)).status()).toBe(200);
    const full = await fan.request.get(`${serverUrl()}/media/${mediaId}/full.mp4`);
    expect([403, 404]).toContain(full.status());
    await expectNoViolations(fanPage, 'the locked video post', { include: 'article.post--locked' });

    // The fan buys it with the sandbox card: the post opens and its video plays.
    await post.getByRole('button', { name: 'Buy for $5.00' }).click();
    const dialog = fanPage.getByRole('dialog', { name: `Buy “${postTitle}”` });
    await payInDialog(dialog, SUCCEEDS, 'Buy for $5.00');
    await expect(dialog.getByRole('heading', { name: `“${postTitle}” is yours` })).toBeVisible();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toBeHidden();
    await expect(post).toContainText('Twelve hours at cone 10');
    await expect(post.getByTestId('locked-media')).toHaveCount(0);
    const player = post.getByTestId('post-video');
    await expect(player).toHaveAttribute('src', new RegExp(`/media/${mediaId}/full\\.mp4\\?.*sig=`));
    // Muted, so Chromium lets a script start it.
    await player.evaluate((element: Playable) => {
      element.muted = true;
      return element.play();
    });
    await expect
      .poll(() => player.evaluate((element: Playable) => element.currentTime), {
        message: 'the video plays past its first second',
        timeout: 20_000,
      })
      .toBeGreaterThan(1);
    await fan.close();
  } finally {
    video.remove();
  }
});
