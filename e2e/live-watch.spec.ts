import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { newAccount } from './support/new-account';
import { expectVideoAdvancing, navigations, publish } from './support/live';
import { call, payInDialog, serverUrl, signedUp, SUCCEEDS } from './support/money';

/**
 * The fan web's watch page in Chromium against `npm start` with its RTMP relay: real ffmpeg pushes a test
 * pattern and a tone with the stream's key from `live.goLive`; fans watch over HTTP-FLV, chat across browser
 * contexts, see the video come back by itself when the publisher drops and returns; a fan without a ticket sees
 * what unlocks the stream and no player, and buying a ticket opens it without a reload.
 */

interface LiveStream {
  readonly id: string;
  readonly handle: string;
  readonly ingestUrl: string | null;
}

/** A creator of the test's own with one stream (`live` true: gone live, with its ingest URL). */
async function creatorWithStream(
  browser: Browser,
  draft: (id: string) => Record<string, unknown>,
  live: boolean,
): Promise<LiveStream> {
  const creator = newAccount('Ana', true);
  const context = await signedUp(browser, creator);
  const id = randomUUID();
  await call(context, 'live.create', { id, draft: { ticketPrice: null, scheduledFor: null, ...draft(id) } });
  const ingestUrl = live
    ? (await call<{ ingestUrl: string }>(context, 'live.goLive', { id })).ingestUrl
    : null;
  await context.close();
  return { id, handle: creator.handle ?? '', ingestUrl };
}

const watchUrl = (stream: LiveStream) => `${serverUrl()}/c/${stream.handle}/live/${stream.id}`;
// An expression run in the page (the e2e files are typed for Node, which has no DOM).

async function fanWatching(
  browser: Browser,
  stream: LiveStream,
  name: string,
): Promise<[BrowserContext, Page]> {
  const context = await signedUp(browser, newAccount(name, false));
  const page = await context.newPage();
  await page.goto(watchUrl(stream));
  return [context, page];
}

const publishers: ChildProcess[] = [];
test.afterEach(() => {
  for (const publisher of publishers.splice(0)) publisher.kill('SIGKILL');
});

test('a fan watches a live stream: the video plays over HTTP-FLV and another fan’s chat appears as text', async ({
  browser,
}) => {
  const stream = await creatorWithStream(
    browser,
    () => ({ title: 'Kiln opening', accessRule: { kind: 'public' } }),
    true,
  );
  publishers.push(publish(stream.ingestUrl ?? ''));

  const [, bea] = await fanWatching(browser, stream, 'Bea');
  await expect(bea.getByRole('heading', { level: 1, name: 'Kiln opening' })).toBeVisible();
  await expectVideoAdvancing(bea);
  await expect(bea.locator('video')).toHaveAttribute('data-engine', 'flv');
  await expect(bea.getByRole('button', { name: 'Unmute' })).toBeVisible();

  const [, cy] = await fanWatching(browser, stream, 'Cy');
  const markup = '<img src=x onerror="window.hacked=1"> hello <script>window.hacked=2</script>';
  await cy.getByRole('textbox', { name: 'Chat message' }).fill(markup);
  await cy.getByRole('button', { name: 'Send' }).click();
  const log = bea.getByRole('log', { name: 'Chat messages' });
  await expect(log.getByText(markup, { exact: true })).toBeVisible();
  await expect(log.locator('img, script')).toHaveCount(0);
  expect(await bea.evaluate<unknown>('window.hacked')).toBeUndefined();
  await expect(bea.getByText(/\d+ watching/)).toBeVisible();

  const results = await new AxeBuilder({ page: bea }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('the video comes back by itself when the publisher drops and returns, without a reload', async ({
  browser,
}) => {
  const stream = await creatorWithStream(
    browser,
    () => ({ title: 'Glaze night', accessRule: { kind: 'public' } }),
    true,
  );
  const first = publish(stream.ingestUrl ?? '');
  publishers.push(first);
  const [, page] = await fanWatching(browser, stream, 'Dee');
  await expectVideoAdvancing(page);
  const loaded = await navigations(page);

  first.kill('SIGKILL');
  await expect(page.getByText('The stream dropped on the creator’s side')).toBeVisible({ timeout: 20_000 });
  publishers.push(publish(stream.ingestUrl ?? ''));
  await expect(page.getByText('The stream dropped on the creator’s side')).toBeHidden({ timeout: 30_000 });
  await expectVideoAdvancing(page);
  // The same document all along: nobody reloaded.
  expect(await navigations(page)).toBe(loaded);
});

test('a fan without a ticket sees what unlocks the stream and no player; a ticket opens it in place', async ({
  browser,
}) => {
  const stream = await creatorWithStream(
    browser,
    (id) => ({
      title: 'Private firing',
      accessRule: { kind: 'purchased', itemId: id },
      ticketPrice: { currency: 'USD', minor: '900' },
    }),
    false,
  );
  const [, page] = await fanWatching(browser, stream, 'Eli');
  const lock = page.getByRole('region', { name: 'This stream is locked' });
  await expect(lock).toContainText('Ticket holders ($9.00)');
  await expect(page.locator('video')).toHaveCount(0);
  await expect(page.getByRole('log')).toHaveCount(0);

  await lock.getByRole('button', { name: 'Buy a ticket for $9.00' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ticket to “Private firing”' });
  await payInDialog(dialog, SUCCEEDS, 'Buy ticket for $9.00');
  await expect(dialog.getByRole('heading', { name: 'You have a ticket to “Private firing”' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(lock).toHaveCount(0);
  await expect(page.getByRole('log', { name: 'Chat messages' })).toBeVisible();
  await expect(page.getByText('This stream has not started yet')).toBeVisible();
});
