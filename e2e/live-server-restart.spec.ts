import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectVideoAdvancing, navigations, publish, videoTime } from './support/live';
import { PASSWORD } from './support/money';
import { newAccount } from './support/new-account';
import { OwnServer } from './support/own-server';

/**
 * Issue 17's "restart the server mid-stream … fans resume without reloading", from the fan's side: a server of
 * this spec's own (its relay on fixed free ports, so the restarted one listens where the player and the encoder
 * come back to) is stopped and started again while a fan watches; the watch page's player comes back by itself
 * in the same document. The studio's side of the same restart is `src/main/studio/live/live-real.test.ts`.
 */

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** How far the page's video moves in 1.5 s (0 while it stands still; its time restarts with a new element). */
async function movedIn1500ms(page: Page): Promise<number> {
  const from = await videoTime(page);
  await page.waitForTimeout(1_500);
  return (await videoTime(page)) - from;
}

/**
 * ffmpeg pushing to `ingestUrl` again whenever it exits, half a second later, as the studio's encoder
 * reconnects (a publish refused or cut, a server away), until `stop`.
 */
function keepPublishing(ingestUrl: string): { stop(): void } {
  let current: ChildProcess | null = null;
  let stopped = false;
  const start = () => {
    if (stopped) return;
    current = publish(ingestUrl);
    current.once('exit', () => setTimeout(start, 500));
  };
  start();
  return {
    stop() {
      stopped = true;
      current?.kill('SIGKILL');
    },
  };
}

let server: OwnServer;
const publishers: { stop(): void }[] = [];

test.beforeAll(async () => {
  const [rtmp, http] = [await freePort(), await freePort()];
  server = new OwnServer('mesi-e2e-live-restart-', { RTMP_PORT: String(rtmp), LIVE_HTTP_PORT: String(http) });
  await server.start();
});

test.afterAll(async () => {
  for (const publisher of publishers.splice(0)) publisher.stop();
  await server.remove();
});

/** A tRPC mutation on this spec's server, as the context's signed-in account, from the site's own origin. */
async function callOn<T>(context: BrowserContext, procedure: string, input: unknown): Promise<T> {
  const response = await context.request.post(`${server.url}/trpc/${procedure}`, {
    headers: { Origin: server.url },
    data: input,
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

test('a fan’s player comes back by itself, without a reload, when the server restarts mid-stream', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  const creator = newAccount('Ivo', true);
  const studio = await browser.newContext();
  await callOn(studio, 'accounts.signUp', {
    email: creator.email,
    password: PASSWORD,
    displayName: creator.displayName,
    role: 'creator',
    handle: creator.handle,
  });
  const id = randomUUID();
  await callOn(studio, 'live.create', {
    id,
    draft: { title: 'Restart show', accessRule: { kind: 'public' }, ticketPrice: null, scheduledFor: null },
  });
  const { ingestUrl } = await callOn<{ ingestUrl: string }>(studio, 'live.goLive', { id });
  await studio.close();
  const publisher = keepPublishing(ingestUrl);
  publishers.push(publisher);

  await page.goto(`${server.url}/c/${creator.handle}/live/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Restart show' })).toBeVisible();
  await expectVideoAdvancing(page, 60_000);
  const loaded = await navigations(page);

  // The server goes (its relay with it, so the publisher's connection ends too) and comes back on the same
  // ports and database; the publisher pushes again with the same key, as the studio's encoder reconnects.
  await server.stop();
  // The picture stops once what the player had buffered is played.
  await expect.poll(() => movedIn1500ms(page), { timeout: 30_000, intervals: [0] }).toBe(0);
  await server.start();

  await expect.poll(() => movedIn1500ms(page), { timeout: 90_000, intervals: [0] }).toBeGreaterThan(1);
  await expect(page.locator('video')).toHaveAttribute('data-engine', 'flv');
  // The same document all along: nobody reloaded.
  expect(await navigations(page)).toBe(loaded);
});
