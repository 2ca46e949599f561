import { expect, test } from '@playwright/test';
import { signInStudio, signOutStudio } from './support/media';
import { fanOn, signedUp } from './support/money';
import { newAccount } from './support/new-account';
import { expectNoViolations } from './support/axe';

/**
 * Offers in the studio, in browser mode against `npm start`: the creator makes a tier and sets a tip minimum
 * on the Offers screen, sync takes them to the server, and a fan on the creator's page sees the tier and the
 * new minimum in the tip dialog. A rule broken in the form is said next to its field before anything is saved;
 * axe-core finds nothing on the screen, with those errors and with the saved offers, in both colour schemes.
 */
const account = newAccount('Odile', true);
const creator = { ...account, handle: account.handle! };

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signOutStudio(page, creator.email);
  await page.close();
});

test('a tier and a tip minimum set in the studio reach the fan page after sync', async ({
  page,
  browser,
}) => {
  await (await signedUp(browser, creator)).close();

  await signInStudio(page, creator);
  await page.getByRole('button', { name: 'Offers', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offers');
  await expect(page.getByText('No tiers yet. Create one to let fans subscribe.')).toBeVisible();

  // A new tier: a trial longer than the rules allow is said next to its field, and nothing is saved.
  await page.getByRole('button', { name: 'New tier' }).click();
  const form = page.getByRole('form', { name: 'New tier' });
  await form.getByLabel('Name').fill('Gold');
  await form.getByLabel('Monthly price ($)').fill('5');
  await form.getByLabel('Annual price ($, optional)').fill('50');
  await form.getByLabel('Free trial (days)').fill('8');
  await form.getByLabel('Perks').fill('Monthly Q&A\nEvery stream');
  await form.getByRole('button', { name: 'Create tier' }).click();
  await expect(form.getByText('A free trial is 0 to 7 days.')).toBeVisible();
  await expect(form.getByLabel('Free trial (days)')).toHaveAttribute('aria-invalid', 'true');
  await expectNoViolations(page, 'the new tier form with an error');
  await form.getByLabel('Free trial (days)').fill('7');
  await form.getByRole('button', { name: 'Create tier' }).click();

  const tiers = page.getByRole('list', { name: 'Tiers on sale' });
  const gold = tiers.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Gold' }) });
  await expect(gold).toContainText('$5.00 a month · $50.00 a year');
  await expect(gold).toContainText('7-day free trial');
  await expect(gold.getByText('Synced')).toBeVisible();

  // Tips: the smallest tip goes from $1.00 to $3.00; the presets stay $5, $10 and $20.
  const tips = page.getByRole('region', { name: 'Tips' });
  await expect(tips.getByLabel('Smallest tip ($)')).toHaveValue('1.00');
  await tips.getByLabel('Smallest tip ($)').fill('3');
  await tips.getByRole('button', { name: 'Save tip settings' }).click();
  await expect(tips.getByText('Saved.')).toBeVisible();
  await expect(tips.getByText('Synced')).toBeVisible();
  await expect(tips.getByLabel('Smallest tip ($)')).toHaveValue('3.00');
  await expectNoViolations(page, 'the saved offers');

  // A fan on the creator's page.
  const fanPage = await fanOn(browser, creator);
  const fanTiers = fanPage.getByRole('region', { name: 'Tiers' });
  const card = fanTiers.getByRole('article', { name: 'Gold' });
  await expect(card).toContainText('$5.00/month');
  await expect(card).toContainText('Monthly Q&A');
  await expect(card.getByRole('button', { name: 'Subscribe to Gold' })).toBeVisible();

  await fanPage
    .getByRole('region', { name: creator.displayName })
    .getByRole('button', { name: 'Tip', exact: true })
    .click();
  const dialog = fanPage.getByRole('dialog', { name: `Tip ${creator.displayName}` });
  await expect(dialog.getByText('In US dollars, at least $3.00.')).toBeVisible();
  await expect(dialog.getByRole('radio')).toHaveCount(3);
  await fanPage.context().close();
});
