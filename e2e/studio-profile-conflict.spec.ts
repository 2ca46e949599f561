import { expect, test } from '@playwright/test';
import { expectNoViolations } from './support/axe';
import { signInStudio, signOutStudio } from './support/media';
import { PASSWORD } from './support/money';
import { newAccount } from './support/new-account';
import { OwnServer } from './support/own-server';
import { serverCall, serverQuery } from './support/server-api';

/**
 * The profile edited offline in the studio while the web changes it too: when the studio is back, the Profile
 * screen shows both versions side by side (the shared conflict panel) and the creator keeps theirs, which then
 * reaches the server. A server of this file's own, stopped for the outage.
 */

const account = newAccount('Ines', true);
const creator = { ...account, handle: account.handle! };
const server = new OwnServer('mesi-e2e-profile-conflict-');
let token = '';

interface ServerProfile {
  readonly displayName: string;
  readonly bio: string;
  readonly links: readonly { label: string; url: string }[];
  readonly accentColor: string;
  readonly version: number;
}

test.beforeAll(async () => {
  await server.start();
  ({ token } = await serverCall<{ token: string }>(server.url, 'accounts.signUp', {
    email: creator.email,
    password: PASSWORD,
    role: 'creator',
    handle: creator.handle,
    displayName: creator.displayName,
  }));
});

test.afterAll(async ({ browser }) => {
  try {
    const page = await browser.newPage();
    await signOutStudio(page, creator.email);
    await page.close();
  } finally {
    await server.remove();
  }
});

test('a profile changed offline and on the web is settled on the Profile screen', async ({ page }) => {
  test.setTimeout(180_000);
  await signInStudio(page, creator, server.url);
  await page.getByRole('button', { name: /^Profile/ }).click();
  const form = page.getByRole('form', { name: 'Your profile' });
  await expect(form.getByLabel('Display name')).toHaveValue(creator.displayName);

  await server.stop();
  await expect(page.locator('.status-text')).toContainText('Offline', { timeout: 15_000 });
  await form.getByLabel('Display name').fill('Ines at the wheel');
  await form.getByRole('button', { name: 'Save profile' }).click();

  // Meanwhile the web changes the display name and the bio first.
  await server.start();
  const before = await serverQuery<ServerProfile>(server.url, 'profiles.mine', token);
  await serverCall(
    server.url,
    'profiles.update',
    {
      baseVersion: before.version,
      draft: {
        displayName: 'Ines (web)',
        bio: 'Wood-fired stoneware.',
        links: before.links,
        accentColor: before.accentColor,
      },
    },
    token,
  );

  const conflict = form.getByRole('region', { name: 'Your profile changed on the server too' });
  await expect(conflict).toBeVisible({ timeout: 60_000 });
  await expect(conflict.getByRole('group', { name: 'Your version' })).toContainText('Ines at the wheel');
  const theirs = conflict.getByRole('group', { name: "Server's version" });
  await expect(theirs).toContainText('Ines (web)');
  await expect(theirs).toContainText('Wood-fired stoneware.');
  await expectNoViolations(page, 'the profile in conflict');

  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(form.getByLabel('Display name')).toHaveValue('Ines at the wheel');
  await expect
    .poll(async () => (await serverQuery<ServerProfile>(server.url, 'profiles.mine', token)).displayName, {
      timeout: 30_000,
    })
    .toBe('Ines at the wheel');
});
