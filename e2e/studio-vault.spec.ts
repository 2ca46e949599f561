import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInStudio, signOutStudio } from './support/media';
import { signedUp } from './support/money';
import { newAccount } from './support/new-account';
import { expectNoViolations } from './support/axe';

/**
 * The vault in the studio, in browser mode against `npm start`: a creator imports a video made here with ffmpeg
 * through the Import files input (with a text file that is refused by name), watches its progress bar move with
 * a time left until the studio has processed it, sees its thumbnail, imports it again (already in the vault),
 * drops a photo on the screen, gives the video a title and tags, finds it by search, tag and kind, puts both in
 * a post from the picker and reorders them (the post's row shows the first one's thumbnail), cannot delete the
 * video while the post uses it, and has a watched folder import a photo saved there. axe-core finds nothing on
 * the Vault screen and its dialogs, light and dark.
 */
const account = newAccount('Vera', true);
const creator = { ...account, handle: account.handle! };
const folder = mkdtempSync(join(tmpdir(), 'mesi-e2e-vault-'));
const video = join(folder, 'colour-bars.mp4');
const notes = join(folder, 'notes.txt');
const photo = join(folder, 'pier-photo.jpg');

test.beforeAll(() => {
  // 3 s of 720p test pattern with a tone: real media, made here, never a committed fixture.
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=1280x720:rate=30',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440',
    '-t',
    '3',
    '-c:v',
    'libx264',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
    video,
  ]);
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=640x480',
    '-frames:v',
    '1',
    photo,
  ]);
  writeFileSync(notes, 'Not a photo, a video or audio.\n');
});

test.afterAll(async ({ browser }) => {
  rmSync(folder, { recursive: true, force: true });
  const page = await browser.newPage();
  await signOutStudio(page, creator.email);
  await page.close();
});

test('a video imported in the vault is processed with a progress bar, found, and used in a post', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await (await signedUp(browser, creator)).close();
  await signInStudio(page, creator);

  await page.getByRole('button', { name: 'Vault', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vault');
  await expect(page.getByText(/Your vault is empty/)).toBeVisible();
  await expectNoViolations(page, 'the empty vault');

  // Both files through the file input: the video comes in, the text file is refused with its reason.
  await page.getByLabel('Import files').setInputFiles([video, notes]);
  const results = page.getByRole('region', { name: 'Imported files' });
  await expect(results.getByRole('listitem').filter({ hasText: 'colour-bars.mp4' })).toContainText(
    'Imported.',
  );
  await expect(results.getByRole('listitem').filter({ hasText: 'notes.txt' })).toContainText(
    /not a photo, video or audio file/,
  );

  const grid = page.getByRole('list', { name: 'Vault items' });
  const tile = grid.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'colour-bars' }) });
  await expect(tile).toContainText('Video · 3 seconds · 1280 × 720');

  // The processing bar moves: its value is read as it changes, and its text says the percent and time left.
  const bar = tile.getByRole('progressbar', { name: 'Processing of colour-bars' });
  await expect(bar).toBeVisible();
  const seen: number[] = [];
  const texts: string[] = [];
  // Read until it goes (a 3 s clip takes seconds; a minute and a half means processing is stuck). Read without
  // waiting: the bar may go between two looks, and a read that waits for it would wait for ever.
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const [reading] = await bar.evaluateAll((bars) =>
      bars.map((b) => ({ now: b.getAttribute('aria-valuenow'), text: b.getAttribute('aria-valuetext') })),
    );
    if (!reading) break;
    if (reading.now !== null) seen.push(Number(reading.now));
    if (reading.text !== null) texts.push(reading.text);
    await page.waitForTimeout(100);
  }
  await expect(bar, `still processing after 90 s: ${texts.at(-1)}`).toBeHidden({ timeout: 1 });
  expect(new Set(seen).size, `values seen: ${seen.join(', ')}`).toBeGreaterThan(1);
  // Forward at some point (the last reading may be one taken as the job ended, so compare with the most seen).
  expect(Math.max(...seen), `values seen: ${seen.join(', ')}`).toBeGreaterThan(seen[0]!);
  expect(
    texts.some((text) => /^Processing \d+% · (\d+ s|about \d+ min) left$/.test(text)),
    texts.join(' | '),
  ).toBe(true);

  // Done: the thumbnail the studio made shows in the tile, and the video goes up to the server.
  await expect(tile.locator('img')).toHaveAttribute('src', /^data:image\//);
  await expect(tile.getByRole('progressbar')).toHaveCount(0);
  await expect(tile).toContainText(/On server|Server processing|Uploading/, { timeout: 60_000 });

  // The same bytes again: nothing new, the existing item named.
  await page.getByLabel('Import files').setInputFiles([video]);
  await expect(results.getByRole('listitem').first()).toContainText('Already in your vault: colour-bars');
  await expect(grid.getByRole('listitem')).toHaveCount(1);
  await expectNoViolations(page, 'the vault with an item and import results');

  // A photo dropped on the screen (a drag carrying a file, as a file manager's): the overlay says what a drop
  // does, and the photo comes in.
  const dataTransfer = await page.evaluateHandle((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    // The page's DataTransfer (this file is typed for Node, which has none).
    const web = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
    const transfer = new web.DataTransfer();
    transfer.items.add(new File([bytes], 'pier-photo.jpg', { type: 'image/jpeg' }));
    return transfer;
  }, readFileSync(photo).toString('base64'));
  const screen = page.getByRole('main');
  await grid.dispatchEvent('dragenter', { dataTransfer });
  await expect(page.getByText('Drop files to import them into your vault')).toBeVisible();
  await grid.dispatchEvent('dragover', { dataTransfer });
  await grid.dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('Drop files to import them into your vault')).toBeHidden();
  await expect(results.getByRole('listitem').first()).toContainText('pier-photo.jpg');
  await expect(results.getByRole('listitem').first()).toContainText('Imported.');
  const photoTile = grid
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'pier-photo' }) });
  await expect(photoTile).toContainText('Photo · 640 × 480');
  await expect(photoTile.locator('img')).toHaveAttribute('src', /^data:image\//);
  await expect(screen.getByRole('progressbar', { name: /^Processing of/ })).toHaveCount(0);

  // Details: a title and tags.
  await tile.getByRole('button', { name: 'colour-bars' }).click();
  const details = page.getByRole('dialog', { name: 'colour-bars' });
  await expect(details).toBeVisible();
  await expect(details).toContainText('No post uses it yet.');
  await details.getByLabel('Title').fill('Colour bars at the pier');
  await details.getByLabel('Tags').fill('Beach, #test pattern');
  await details.getByRole('button', { name: 'Save', exact: true }).click();
  // The dialog is named by the title, so it is found by its new name once saved.
  const renamed = page.getByRole('dialog', { name: 'Colour bars at the pier' });
  await expect(renamed.getByText('Saved.')).toBeVisible();
  await expect(renamed.getByLabel('Tags')).toHaveValue('beach, test pattern');
  await expectNoViolations(page, 'the details dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Search as typed, by a word of the new title; then words that match nothing; then by tag.
  const search = page.getByRole('searchbox', { name: 'Search' });
  await search.fill('pier');
  await expect(grid.getByRole('button', { name: 'Colour bars at the pier', exact: true })).toBeVisible();
  await search.fill('volcano');
  await expect(page.getByText('Nothing matches. Try other words or filters.')).toBeVisible();
  await expect(grid.getByRole('listitem')).toHaveCount(0);
  await search.fill('');
  await page.getByLabel('Tag', { exact: true }).selectOption('beach');
  await expect(grid.getByRole('button', { name: 'Colour bars at the pier', exact: true })).toBeVisible();
  await expect(grid.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Tag', { exact: true }).selectOption('');
  await page.getByLabel('Kind').selectOption('photo');
  await expect(grid.getByRole('button', { name: 'pier-photo', exact: true })).toBeVisible();
  await expect(grid.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Kind').selectOption('all');
  await expect(grid.getByRole('listitem')).toHaveCount(2);

  // A post with the video, picked from the vault; its row shows the thumbnail.
  await page.getByRole('button', { name: /^Content/ }).click();
  await page.getByRole('button', { name: /^New post/ }).click();
  await page.getByLabel('Title', { exact: true }).fill('Test pattern');
  await page.getByRole('button', { name: 'Add from vault' }).click();
  const picker = page.getByRole('dialog', { name: 'Add media from your vault' });
  await picker.getByRole('searchbox', { name: 'Search the vault' }).fill('colour');
  await picker.getByRole('checkbox', { name: 'Colour bars at the pier' }).check();
  await expectNoViolations(page, 'the vault picker');
  await picker.getByRole('button', { name: 'Add to post' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByLabel('Caption for Colour bars at the pier').fill('Three seconds of colour');

  // The photo too, then the order changed from the keyboard and with the buttons; focus stays where it was.
  await page.getByRole('button', { name: 'Add from vault' }).click();
  await expect(picker.getByText('Already in this post')).toBeVisible();
  await picker.getByRole('checkbox', { name: 'pier-photo' }).check();
  await picker.getByRole('button', { name: 'Add to post' }).click();
  const media = page.getByRole('group', { name: 'Media' }).getByRole('listitem');
  await expect(media).toHaveCount(2);
  await expect(media.nth(1)).toContainText('pier-photo');
  const photoCaption = page.getByLabel('Caption for pier-photo');
  await photoCaption.fill('The pier');
  await photoCaption.press('Alt+ArrowUp');
  await expect(media.nth(0)).toContainText('pier-photo');
  await expect(photoCaption).toBeFocused();
  await expect(page.getByText('pier-photo moved to position 1 of 2.')).toBeAttached();
  const down = page.getByRole('button', { name: 'Move pier-photo down' });
  await down.click();
  await expect(media.nth(1)).toContainText('pier-photo');
  await expect(down).toBeFocused();
  await expect(down).toHaveAttribute('aria-disabled', 'true');
  await expectNoViolations(page, 'the editor with two media items');

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  const row = page
    .getByRole('list', { name: 'Posts' })
    .getByRole('listitem')
    .filter({ hasText: 'Test pattern' });
  // The first item's thumbnail: the video's.
  await expect(row.locator('img')).toHaveAttribute('src', /^data:image\//);
  await expect(row).toContainText('2 media items');

  // Used in that post: listed in its details, and Delete says why it cannot.
  await page.getByRole('button', { name: 'Vault', exact: true }).click();
  await grid.getByRole('button', { name: 'Colour bars at the pier', exact: true }).click();
  const used = page.getByRole('dialog', { name: 'Colour bars at the pier' });
  await expect(used.getByRole('region', { name: 'Used in' })).toContainText('Test pattern');
  await used.getByRole('button', { name: 'Delete', exact: true }).click();
  await used.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(used.getByRole('alert')).toContainText(/used in a post .*Test pattern/);
  await expect(used).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // A watched folder: a photo saved there later comes into the vault by itself; then watching is turned off.
  const camera = join(folder, 'camera');
  mkdirSync(camera);
  await page.getByText('Watched folder: off').click();
  const watch = page.getByRole('form', { name: 'Watched folder' });
  await watch.getByLabel('Folder', { exact: true }).fill(camera);
  await watch.getByLabel('Import new files that appear in this folder').check();
  await watch.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    watch.getByText(`Watching ${camera}: new photos, videos and audio there are imported.`).first(),
  ).toBeVisible();
  await expectNoViolations(page, 'the watched folder');
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240',
    '-frames:v',
    '1',
    join(camera, 'from-camera.jpg'),
  ]);
  await expect(grid.getByRole('button', { name: 'from-camera', exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await watch.getByLabel('Import new files that appear in this folder').uncheck();
  await watch.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Watched folder: off')).toBeVisible();
});
