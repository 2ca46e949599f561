import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { newAccount, type NewAccount } from './support/new-account';
import { readOutbox, type OutboxMail } from '../server/src/test/mail-outbox';

/**
 * A forgotten password, as a person lives it in Chromium against `npm start`: "Forgot password?" on the
 * sign-in page, a neutral answer, the mail in the development outbox folder, its link, a new password typed
 * twice, signed in; the old password no longer works, the link works once, and asking too often is refused
 * with the server's own words.
 */
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const OLD_PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'staple battery horse';
const NEUTRAL_ANSWER =
  'If an account uses that email, a link to choose a new password is on its way. This server runs without a mail server: the mail is in its mail outbox folder (see the README).';

/** The folder `npm start` writes its mail to (set by the e2e set-up from the URL file). */
function outboxFolders(): string[] {
  const folder = process.env.E2E_MAIL_OUTBOX;
  if (!folder) throw new Error('E2E_MAIL_OUTBOX is not set: start the suite through playwright.config.ts');
  return [folder];
}

/** The newest mail to `to`, waiting for it: the server sends mail in the background. */
async function mailTo(to: string, after: readonly OutboxMail[] = []): Promise<OutboxMail> {
  const seen = new Set(after.map((mail) => mail.file));
  const deadline = Date.now() + 15_000;
  for (;;) {
    for (const folder of outboxFolders()) {
      const mails = (await readOutbox(folder)).filter((mail) => mail.to === to && !seen.has(mail.file));
      const latest = mails[mails.length - 1];
      if (latest) return latest;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${to} in ${outboxFolders().join(', ')}`);
    await sleep(100);
  }
}

async function allMailTo(to: string): Promise<OutboxMail[]> {
  const mails = await Promise.all(outboxFolders().map((folder) => readOutbox(folder)));
  return mails.flat().filter((mail) => mail.to === to);
}

/** The reset link in a mail, as the reader clicks it. */
function resetLinkIn(mail: OutboxMail): string {
  const link = /https?:\/\/\S+\/reset-password#token=\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no reset link in the mail "${mail.subject}":\n${mail.text}`);
  return link;
}

type Account = NewAccount;

/** Creates the account through the API, in a context of its own that is then closed (signed out here). */
async function createAccount(context: BrowserContext, who: Account) {
  const response = await context.request.post(`${serverUrl()}/trpc/accounts.signUp`, {
    headers: { Origin: serverUrl() },
    data: {
      email: who.email,
      password: OLD_PASSWORD,
      displayName: who.displayName,
      role: who.handle ? 'creator' : 'fan',
      ...(who.handle ? { handle: who.handle } : {}),
    },
  });
  expect(response.status(), await response.text()).toBe(200);
  await context.clearCookies();
}

/** From the sign-in page: the email typed there, "Forgot password?", and the link asked for. */
async function askForLink(page: Page, email: string) {
  await page.goto(`${serverUrl()}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(`${serverUrl()}/forgot-password`);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(NEUTRAL_ANSWER);
}

async function chooseNewPassword(page: Page, password: string) {
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('New password again').fill(password);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${serverUrl()}/signin`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('a fan who forgot their password gets a link by mail, chooses a new one and is signed in', async ({
  page,
  context,
}) => {
  const fan = newAccount('Fay', false);
  await createAccount(context, fan);
  await askForLink(page, fan.email);

  const mail = await mailTo(fan.email);
  const link = resetLinkIn(mail);
  // The token rides in the fragment: browsers send it neither to the server nor in a Referer.
  expect(link.startsWith(`${serverUrl()}/reset-password#token=`), link).toBe(true);
  await page.goto(link);
  // Typed twice: a mistake in the second is caught before anything is sent.
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('New password again').fill(`${NEW_PASSWORD}!`);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page.getByText('The two passwords differ; type the same one twice.')).toBeVisible();
  await chooseNewPassword(page, NEW_PASSWORD);

  // Signed in, on the home page, with the token gone from the address.
  await expect(page).toHaveURL(`${serverUrl()}/`);
  await expect(page.getByRole('banner')).toContainText(fan.displayName);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('banner').getByRole('link', { name: 'Sign in' })).toBeVisible();

  // The old password no longer works; the new one does.
  await signIn(page, fan.email, OLD_PASSWORD);
  await expect(page.getByRole('alert')).toBeVisible();
  await signIn(page, fan.email, NEW_PASSWORD);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The link works once: the second time the server's words, and the way to a new link.
  await page.goto(link);
  await chooseNewPassword(page, 'a third password');
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText(
    'This reset link has expired or was already used; ask for a new one',
  );
  await page.getByRole('link', { name: 'Ask for a new link' }).click();
  await expect(page).toHaveURL(`${serverUrl()}/forgot-password`);
});

test('a creator who chose a new password lands on their own page', async ({ page, context }) => {
  const creator = newAccount('Mara', true);
  await createAccount(context, creator);
  await askForLink(page, creator.email);
  await page.goto(resetLinkIn(await mailTo(creator.email)));
  await chooseNewPassword(page, NEW_PASSWORD);
  await expect(page).toHaveURL(`${serverUrl()}/c/${creator.handle}`);
  await expect(page.getByText('This is your page.')).toBeVisible();
});

test('the answer is the same for an email nobody uses, and no mail goes out for it', async ({ page }) => {
  const nobody = newAccount('Nobody', false);
  await askForLink(page, nobody.email);
  // A mail asked for afterwards arrives; none came for the unknown address meanwhile.
  const fan = newAccount('Ana', false);
  await createAccount(page.context(), fan);
  await askForLink(page, fan.email);
  await mailTo(fan.email);
  expect(await allMailTo(nobody.email)).toEqual([]);
});

test('a reset page opened without a token says so and leads to a new link', async ({ page }) => {
  await page.goto(`${serverUrl()}/reset-password`);
  await expect(page.getByRole('heading', { name: 'This link does not work' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('has no reset token');
  await expect(page.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute(
    'href',
    '/forgot-password',
  );
});

test('asking too often for one email is refused with the wait, in the server’s words', async ({
  page,
  context,
}) => {
  const fan = newAccount('Lea', false);
  await createAccount(context, fan);
  // Three links an hour pass for one email; the fourth waits.
  for (let asked = 0; asked < 3; asked++) await askForLink(page, fan.email);
  await page.goto(`${serverUrl()}/forgot-password`);
  await page.getByLabel('Email').fill(fan.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('alert')).toHaveText(/^Too many reset requests; try again in \d+ minutes?$/);
  await expect(page.getByRole('heading', { name: 'Forgot your password?' })).toBeVisible();
});
