import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { signInStudio, signOutStudio } from './support/media';
import { PASSWORD } from './support/money';
import { newAccount } from './support/new-account';
import { OwnServer } from './support/own-server';
import { serverCall, serverQuery } from './support/server-api';

/**
 * Planned streams and chat settings on the studio's Live screen, in browser mode against a server of this
 * file's own (stopped for the conflict test): the creator plans a stream, edits it (a missing title said under
 * its field first) and the server has the edit; chat settings changed on the web reach the open form, which
 * keeps what the creator is typing and says a newer copy arrived; then, edited offline in the studio while the
 * same plan and settings change on the web, both come back as conflicts, settled on the screen: the server's
 * plan taken, the creator's settings kept. axe-core checks the screen in both colour schemes along the way.
 */

const studioUrl = () => process.env.E2E_STUDIO_URL ?? '';
const account = newAccount('Rhea', true);
const creator = { ...account, handle: account.handle! };
const server = new OwnServer('mesi-e2e-live-plans-');
/** The creator's own session on the server, as the web (a second client) uses it. */
let token = '';

interface ServerStream {
  readonly id: string;
  readonly title: string;
  readonly accessRule: { readonly kind: string };
  readonly ticketPrice: { readonly minor: string } | null;
  readonly scheduledFor: string | null;
  readonly version: number;
}

const two = (n: number) => String(n).padStart(2, '0');

/** A `datetime-local` value `days` from now at `time`, in this computer's time (as the studio reads it). */
function localStart(days: number, time: string): string {
  const at = new Date(Date.now() + days * 86_400_000);
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${time}`;
}

/** A query of the server's API as the creator (`serverCall` sends mutations, as POST). */
async function serverStream(title: string): Promise<ServerStream | undefined> {
  const streams = await serverQuery<ServerStream[]>(server.url, 'live.mine', token);
  return streams.find((stream) => stream.title === title);
}

/** The shared studio signed in to this file's server, on the Live screen. */
async function openLive(page: Page): Promise<void> {
  await page.goto(studioUrl());
  await expect(page.locator('.status-text')).toContainText(`@${creator.handle}`);
  await page.getByRole('button', { name: /^Live/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Live');
}

const plans = (page: Page): Locator => page.getByRole('region', { name: 'Planned streams' });
const plan = (page: Page, title: string): Locator =>
  plans(page).getByRole('listitem', { name: title, exact: true });
const chatSettings = (page: Page): Locator =>
  page.getByRole('region', { name: 'Chat settings', exact: true });

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  await server.start();
  ({ token } = await serverCall<{ token: string }>(server.url, 'accounts.signUp', {
    email: creator.email,
    password: PASSWORD,
    role: 'creator',
    handle: creator.handle,
    displayName: creator.displayName,
  }));
  const page = await browser.newPage();
  await signInStudio(page, creator, server.url);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  try {
    // Leave the shared studio as it was: this file's account signed out.
    const page = await browser.newPage();
    await signOutStudio(page, creator.email);
    await page.close();
  } finally {
    await server.remove();
  }
});

test('a creator plans a stream, edits it, and the server has the edit', async ({ page }) => {
  await openLive(page);
  const form = page.getByRole('form', { name: 'New stream' });
  await form.getByLabel('Title').fill('Raku firing');
  await form.getByLabel('Who can watch').selectOption({ label: 'Ticket holders' });
  await form.getByLabel('Ticket price (USD)').fill('6');
  const firstStart = localStart(1, '18:30');
  await form.getByLabel('Starts at').fill(firstStart);
  await form.getByRole('button', { name: 'Plan for later' }).click();
  await expect(form.getByText('Planned: fans see it on your page as upcoming.')).toBeVisible();
  await expect(plan(page, 'Raku firing')).toContainText('for ticket holders ($6.00)');
  await expect(plan(page, 'Raku firing')).toContainText('On your page', { timeout: 30_000 });

  // Edit opens the stream's own fields, filled in as planned.
  await plan(page, 'Raku firing').getByRole('button', { name: 'Edit “Raku firing”' }).click();
  const editor = plans(page).getByRole('form', { name: 'Edit “Raku firing”' });
  await expect(editor.getByLabel('Title')).toBeFocused();
  await expect(editor.getByLabel('Title')).toHaveValue('Raku firing');
  await expect(editor.getByLabel('Who can watch')).toHaveValue('ticket');
  await expect(editor.getByLabel('Ticket price (USD)')).toHaveValue('6.00');
  await expect(editor.getByLabel('Starts at')).toHaveValue(firstStart);

  // A missing title is said under its field, and nothing is saved.
  await editor.getByLabel('Title').fill('  ');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByText('Give the stream a title: fans see it above the player.')).toBeVisible();
  await expect(editor.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByRole('alert')).toHaveText('Fix the fields marked above, then save again.');
  await expectNoViolations(page, 'editing a planned stream, with an error');

  // Cancel leaves it as it was; Edit again, and Save.
  await editor.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor).toHaveCount(0);
  await expect(plan(page, 'Raku firing')).toBeVisible();
  await plan(page, 'Raku firing').getByRole('button', { name: 'Edit “Raku firing”' }).click();
  await editor.getByLabel('Title').fill('Raku firing at dusk');
  await editor.getByLabel('Who can watch').selectOption({ label: 'Subscribers' });
  const secondStart = localStart(2, '20:00');
  await editor.getByLabel('Starts at').fill(secondStart);
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(plans(page).getByText('Saved: fans see the change on your page.')).toBeVisible();
  await expect(plans(page).getByRole('form')).toHaveCount(0);
  const edited = plan(page, 'Raku firing at dusk');
  await expect(edited).toContainText('for subscribers');
  await expect(edited).toContainText('On your page', { timeout: 30_000 });

  // The server has the edit: the same stream, its new title, audience and start.
  await expect
    .poll(async () => {
      const stream = await serverStream('Raku firing at dusk');
      return stream && { rule: stream.accessRule.kind, price: stream.ticketPrice, at: stream.scheduledFor };
    })
    .toEqual({ rule: 'subscriber', price: null, at: new Date(secondStart).toISOString() });
  await expectNoViolations(page, 'the planned streams after an edit');
});

test('chat settings changed on the web reach the form, without overwriting what the creator types', async ({
  page,
}) => {
  await openLive(page);
  const chat = chatSettings(page);
  await expect(chat.getByLabel('Slow mode (seconds)')).toHaveValue('0');

  await serverCall(
    server.url,
    'liveChat.updateSettings',
    { slowModeSeconds: 15, blockedWords: ['spam'] },
    token,
  );
  await expect(chat.getByLabel('Slow mode (seconds)')).toHaveValue('15', { timeout: 30_000 });
  await expect(chat.getByLabel('Blocked words')).toHaveValue('spam');

  // The creator is typing when another copy arrives: their text stays, and the form says so.
  await chat.getByLabel('Slow mode (seconds)').fill('30');
  await serverCall(
    server.url,
    'liveChat.updateSettings',
    { slowModeSeconds: 45, blockedWords: ['spam', 'scam'] },
    token,
  );
  await expect(chat.getByText(/A newer copy of your chat settings arrived from the server/)).toBeVisible({
    timeout: 30_000,
  });
  await expect(chat.getByLabel('Slow mode (seconds)')).toHaveValue('30');
  await expectNoViolations(page, 'chat settings with a newer copy arrived');
  await chat.getByRole('button', { name: 'Show the newer copy' }).click();
  await expect(chat.getByLabel('Slow mode (seconds)')).toHaveValue('45');
  await expect(chat.getByLabel('Blocked words')).toHaveValue('spam scam');
  await expect(chat.getByText(/A newer copy/)).toHaveCount(0);
});

test('a plan and chat settings edited offline and on the web meanwhile are settled on the screen', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openLive(page);
  const onServer = await serverStream('Raku firing at dusk');
  expect(onServer).toBeDefined();

  await server.stop();
  await expect(page.locator('.status-text')).toContainText('Offline', { timeout: 15_000 });

  // Offline, in the studio: the plan gets a new title, the chat a longer slow mode.
  await plan(page, 'Raku firing at dusk').getByRole('button', { name: 'Edit “Raku firing at dusk”' }).click();
  const editor = plans(page).getByRole('form', { name: 'Edit “Raku firing at dusk”' });
  await editor.getByLabel('Title').fill('Raku firing, studio');
  await editor.getByRole('button', { name: 'Save' }).click();
  // Where each change stands, rather than the notices: while the studio retries offline its sync state flickers
  // through 'syncing', which the notices take for online (the sync engine's, reported).
  await expect(plan(page, 'Raku firing, studio')).toContainText('Waiting to reach the server');
  const chat = chatSettings(page);
  await chat.getByLabel('Slow mode (seconds)').fill('60');
  await chat.getByRole('button', { name: 'Save chat settings' }).click();
  await expect(chat.getByText('Pending', { exact: true })).toBeVisible();

  // Meanwhile, on the web: the same plan and the settings change first (the studio, retrying with backoff
  // after the outage, comes back later than this client's calls).
  await server.start();
  await serverCall(
    server.url,
    'live.update',
    {
      id: onServer!.id,
      baseVersion: onServer!.version,
      draft: {
        title: 'Raku firing, web',
        accessRule: onServer!.accessRule,
        ticketPrice: null,
        scheduledFor: onServer!.scheduledFor,
      },
    },
    token,
  );
  await serverCall(server.url, 'liveChat.updateSettings', { slowModeSeconds: 5, blockedWords: [] }, token);

  // The plan: both versions side by side; the creator takes the server's.
  const planConflict = plan(page, 'Raku firing, studio').getByRole('region', {
    name: '“Raku firing, studio” changed on the server too',
  });
  await expect(planConflict).toBeVisible({ timeout: 60_000 });
  await expect(planConflict.getByRole('group', { name: 'Your version' })).toContainText(
    'Raku firing, studio',
  );
  await expect(planConflict.getByRole('group', { name: "Server's version" })).toContainText(
    'Raku firing, web',
  );
  await expect(plan(page, 'Raku firing, studio')).toContainText('choose the version to keep');

  // The chat settings: the same, and the creator keeps theirs.
  const chatConflict = chat.getByRole('region', { name: 'Your chat settings changed on the server too' });
  await expect(chatConflict).toBeVisible({ timeout: 60_000 });
  await expect(chatConflict.getByRole('group', { name: 'Your version' })).toContainText('60 s');
  await expect(chatConflict.getByRole('group', { name: "Server's version" })).toContainText('5 s');
  await expectNoViolations(page, 'a planned stream and the chat settings in conflict');

  await planConflict.getByRole('button', { name: "Keep server's" }).click();
  await expect(plan(page, 'Raku firing, web')).toContainText('On your page', { timeout: 30_000 });
  await expect(plan(page, 'Raku firing, studio')).toHaveCount(0);

  await chatConflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(chatConflict).toHaveCount(0);
  await expect(chat.getByLabel('Slow mode (seconds)')).toHaveValue('60');
  await expect(chat.getByText('Synced')).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(async () => {
      const settings = await serverQuery<{ slowModeSeconds: number }>(server.url, 'liveChat.settings', token);
      return settings.slowModeSeconds;
    })
    .toBe(60);
  expect((await serverStream('Raku firing, web'))?.id).toBe(onServer!.id);
});
