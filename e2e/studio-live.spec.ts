import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { expectVideoAdvancing } from './support/live';
import { signInStudio, signOutStudio } from './support/media';
import { payInDialog, serverUrl, signedUp, SUCCEEDS } from './support/money';
import { newAccount } from './support/new-account';

/**
 * Going live from the studio's own Live screen, in browser mode against `npm start` and its RTMP relay: the
 * creator fills the form (a title, ticket holders at a price, the test pattern with its tone) and presses Go
 * live; the studio's encoder service runs the real ffmpeg that pushes. A fan who buys a ticket in the fan web's
 * ticket dialog (sandbox card) watches the video play; a fan without one sees the lock and no player. The
 * ticket holder's chat reaches the studio's chat panel, their tip shows in both chats and as the studio's tip
 * alert, and End stream tells the fan's page the stream has ended. axe-core checks the Live screen on air.
 */

const account = newAccount('Lia', true);
const creator = { ...account, handle: account.handle! };

/** A loaded 2-core machine: ffmpeg's first frames through the relay may take long. */
const FIRST_FRAMES = 90_000;

/**
 * On the studio's Live screen, goes live as a creator would: the title, ticket holders at `price` dollars, the
 * test pattern (with its tone), 480p (kind to a loaded machine) and the software encoder; waits until the status
 * says it is live and the encoder reports frames. Resolves with the stream's card on the screen.
 */
async function goLiveInStudio(studio: Page, title: string, price: string): Promise<Locator> {
  await studio.getByRole('button', { name: /^Live/ }).click();
  await expect(studio.getByRole('heading', { level: 1 })).toHaveText('Live');
  const form = studio.getByRole('form', { name: 'New stream' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Who can watch').selectOption({ label: 'Ticket holders' });
  await form.getByLabel('Ticket price (USD)').fill(price);
  await form.getByLabel('Picture').selectOption({ label: 'Test pattern with tone' });
  // The test pattern brings its own tone: there is no microphone to choose with it.
  await expect(form.getByLabel('Microphone')).toHaveCount(0);
  await form.getByLabel('Quality').selectOption({ label: '480p, 30 fps, 1.2 Mbit/s' });
  await form.getByLabel('Video encoder').selectOption({ label: 'x264 (software)' });
  await form.getByRole('button', { name: 'Go live' }).click();

  const status = studio.getByRole('region', { name: title });
  await expect(status.getByRole('status')).toHaveText(/^Live for \d+:\d\d$/, { timeout: FIRST_FRAMES });
  // Health: ffmpeg's own progress (frames per second, bitrate) reaches the screen.
  const figure = (name: string) =>
    status
      .locator('dl > div')
      .filter({ has: studio.getByRole('term').filter({ hasText: name }) })
      .getByRole('definition');
  await expect(figure('Frame rate')).toHaveText(/^\d+ fps$/, { timeout: FIRST_FRAMES });
  await expect(figure('Bitrate')).toHaveText(/^\d[\d,]* kbit\/s$/);
  await expect(status.getByRole('button', { name: 'End stream' })).toBeEnabled();
  return status;
}

/** A new fan signed in, on the creator's page, following its "Live now" link to the watch page. */
async function fanOnWatchPage(browser: Browser, name: string, title: string): Promise<Page> {
  const page = await (await signedUp(browser, newAccount(name, false))).newPage();
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  await page
    .getByRole('region', { name: 'Live streams' })
    .getByRole('link', { name: `Live now: ${title}` })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  return page;
}

/** On a locked watch page, buys a ticket through the ticket dialog with the sandbox card that succeeds. */
async function buyTicket(fan: Page, title: string, price: string): Promise<void> {
  const lock = fan.getByRole('region', { name: 'This stream is locked' });
  await expect(lock).toContainText(`Ticket holders (${price})`);
  await lock.getByRole('button', { name: `Buy a ticket for ${price}` }).click();
  const ticket = fan.getByRole('dialog', { name: `Ticket to “${title}”` });
  await payInDialog(ticket, SUCCEEDS, `Buy ticket for ${price}`);
  await expect(ticket.getByRole('heading', { name: `You have a ticket to “${title}”` })).toBeVisible();
  await ticket.getByRole('button', { name: 'Done' }).click();
  await expect(lock).toHaveCount(0);
}

test.beforeAll(async ({ browser }) => {
  await (await signedUp(browser, creator)).close();
});

test.afterAll(async ({ browser }) => {
  // Signing out closes the account's live session (and stops its encoder) if a test left it on air. Between the
  // tests the creator stays signed in, so the second signs in again over a signed-in account: its Live screen
  // must follow the session that replaces the first.
  const page = await browser.newPage();
  await signOutStudio(page, creator.email);
  await page.close();
});

test('a creator goes live from the studio; a ticket holder watches, chats and tips; End stream ends it for the fan', async ({
  page: studio,
  browser,
}) => {
  test.setTimeout(300_000);
  const title = 'Wheel throwing, live';
  await signInStudio(studio, creator);
  const status = await goLiveInStudio(studio, title, '4');
  const studioChat = studio.getByRole('log', { name: 'Chat' });
  await expect(studioChat).toContainText('No messages yet.');
  await expectNoViolations(studio, 'the Live screen on air');

  // A fan buys a ticket in the watch page's ticket dialog; the video then plays in place.
  const fan = await fanOnWatchPage(browser, 'Noor', title);
  await buyTicket(fan, title, '$4.00');
  await expectVideoAdvancing(fan, FIRST_FRAMES);

  // Another fan, without a ticket, sees the lock and no player.
  const outsider = await fanOnWatchPage(browser, 'Omar', title);
  await expect(outsider.getByRole('region', { name: 'This stream is locked' })).toContainText(
    'Ticket holders ($4.00)',
  );
  await expect(outsider.locator('video')).toHaveCount(0);
  await expect(outsider.getByRole('log')).toHaveCount(0);

  // The ticket holder's chat reaches the studio's chat panel.
  const hello = 'Hello from the front row!';
  await fan.getByRole('textbox', { name: 'Chat message' }).fill(hello);
  await fan.getByRole('button', { name: 'Send' }).click();
  const fanChat = fan.getByRole('log', { name: 'Chat messages' });
  await expect(fanChat.getByText(hello, { exact: true })).toBeVisible();
  await expect(studioChat.getByRole('listitem').filter({ hasText: hello })).toContainText('Noor');
  await expect(status).toContainText(/Watching now:\s*[1-9]/);

  // A tip from the chat's Tip button: highlighted in the fan's chat, in the studio's chat and as its tip alert.
  await fan.getByRole('button', { name: 'Tip', exact: true }).click();
  const tipDialog = fan.getByRole('dialog', { name: `Tip ${creator.displayName}` });
  await tipDialog.getByRole('radio', { name: '$5.00' }).check();
  await tipDialog.getByLabel('Message (optional)').fill('For the clay');
  await payInDialog(tipDialog, SUCCEEDS, 'Tip $5.00');
  await expect(tipDialog.getByRole('heading', { name: 'Thanks! You tipped $5.00' })).toBeVisible();
  await tipDialog.getByRole('button', { name: 'Done' }).click();
  await expect(fanChat.locator('.chat-line--tip')).toContainText('Noor');
  await expect(fanChat.locator('.chat-line--tip')).toContainText('tipped $5.00');
  await expect(fanChat.locator('.chat-line--tip')).toContainText('For the clay');
  const alert = studio.locator('.tip-alert');
  await expect(alert).toContainText('Noor tipped $5.00');
  await expect(alert).toContainText('For the clay');
  await expect(studioChat.locator('.live-chat-line--tip')).toContainText('Noor tipped $5.00');

  // End stream: the studio stops the encoder and ends the stream; the fan's page says so.
  await status.getByRole('button', { name: 'End stream' }).click();
  await expect(studio.getByRole('form', { name: 'New stream' })).toBeVisible({ timeout: 60_000 });
  await expect(fan.getByText('This stream has ended.')).toBeVisible({ timeout: 30_000 });
  await expect(fan.getByText('The stream has ended; its chat is closed.')).toBeVisible();
  await expect(fan.locator('video')).toHaveCount(0);
});

// The creator's reply goes through the studio (`live.say`) to the server's chat, and back to the panel's log
// as fans see it: that line is the confirmation, so the box empties and no notice is added.
test('the creator’s reply from the studio’s chat panel appears on a ticket holder’s watch page', async ({
  page: studio,
  browser,
}) => {
  test.setTimeout(300_000);
  const title = 'Glazing questions';
  await signInStudio(studio, creator);
  await goLiveInStudio(studio, title, '2');
  const fan = await fanOnWatchPage(browser, 'Pia', title);
  await buyTicket(fan, title, '$2.00');

  await fan.getByRole('textbox', { name: 'Chat message' }).fill('Which glaze is that?');
  await fan.getByRole('button', { name: 'Send' }).click();
  const studioChat = studio.getByRole('region', { name: 'Chat', exact: true });
  await expect(studioChat.getByRole('log')).toContainText('Which glaze is that?');
  await studioChat.getByRole('textbox', { name: 'Reply in chat' }).fill('Tenmoku, fired to cone 10');
  await studioChat.getByRole('button', { name: 'Send' }).click();
  await expect(studioChat.getByRole('textbox', { name: 'Reply in chat' })).toHaveValue('');
  await expect(studioChat.getByRole('log')).toContainText('Tenmoku, fired to cone 10');
  await expect(studioChat.getByText('Sent.')).toHaveCount(0);
  await expect(studioChat.getByRole('alert')).toHaveCount(0);
  const reply = fan
    .getByRole('log', { name: 'Chat messages' })
    .getByRole('listitem')
    .filter({ hasText: 'Tenmoku, fired to cone 10' });
  await expect(reply).toContainText(creator.displayName);
  await expect(reply).toContainText('Creator');
  await studio.getByRole('button', { name: 'End stream' }).click();
  await expect(fan.getByText('This stream has ended.')).toBeVisible({ timeout: 30_000 });
});
