import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { calendarDayOf } from '../src/shared/domain/calendar-day';
import { readCsv } from '../src/shared/test/csv-reader';
import { signInStudio, signOutStudio } from './support/media';
import { newAccount } from './support/new-account';
import { sendTip, signUpFan } from './support/server-api';

/**
 * Earnings in the studio, in browser mode against `npm start`: a fan tips the creator through the server's
 * API, the tip reaches the studio by sync, the Earnings screen shows it (net of the platform's fee), and the
 * CSV the creator downloads holds it, exact to the cent.
 */
const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
const account = newAccount('Tess', true);
const creator = { ...account, handle: account.handle!, password: 'correct horse battery' };
const SCREENSHOTS = process.env.E2E_EARNINGS_SCREENSHOTS;
// Days are the creator's own: a zone far from UTC shows the screen and the export agree on them.
const TIME_ZONE = 'Pacific/Auckland';

test.use({ timezoneId: TIME_ZONE });

/** The whole screen (it scrolls inside the window), in both colour schemes, for a person to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = await page.locator('main').evaluate((main) => main.scrollHeight + 60);
  await page.setViewportSize({ width: viewport.width, height: Math.max(height, viewport.height) });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${colorScheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
  await page.setViewportSize(viewport);
}

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signOutStudio(page, creator.email);
  await page.close();
});

test('a fan’s tip reaches the Earnings screen after sync, and the downloaded CSV holds it', async ({
  page,
}) => {
  const site = await page.context().newPage();
  await site.goto(`${serverUrl()}/signup`);
  await site.getByLabel('Display name').fill(creator.displayName);
  await site.getByLabel('Email').fill(creator.email);
  await site.getByLabel('Password').fill(creator.password);
  await site.getByLabel(/I.m a creator/).check();
  await site.getByLabel('Handle').fill(creator.handle);
  await site.getByRole('button', { name: 'Sign up', exact: true }).click();
  await expect(site.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await site.close();

  await signInStudio(page, creator);
  await page.getByRole('button', { name: 'Earnings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Earnings');
  await expect(
    page.getByText(
      'No earnings yet — tips, subscriptions, pay-per-view and live tickets appear here after sync.',
    ),
  ).toBeVisible();
  await expect(page.getByText('Payouts: not set up yet')).toBeVisible();

  const fan = await signUpFan(serverUrl(), 'Fiona');
  const tip = await sendTip(serverUrl(), fan.token, {
    handle: creator.handle,
    amount: '555',
    message: 'Lovely!',
  });
  expect(tip).toMatchObject({ status: 'succeeded', amount: '555' });

  // The studio hears of the payment through sync, with nothing clicked.
  const balance = page.getByRole('region', { name: 'Balance' });
  await expect(balance).toContainText('$5.00');
  const sources = page.getByRole('region', { name: 'By source' });
  await expect(sources.getByRole('definition')).toHaveText(['$0.00', '$0.00', '$0.00', '$5.00', '$5.00']);
  const rows = page.getByRole('table').filter({ hasText: 'Refunded' }).getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole('cell')).toHaveText([
    /./,
    'Tip',
    'Paid',
    '$5.55',
    '$0.55',
    '$0.00',
    '$5.00',
  ]);
  await expect(page.getByRole('figure')).toHaveAccessibleName(/\$5\.00 in all \(tips\)/);
  await expect(page.getByText(`Days are in your time zone (${TIME_ZONE}).`)).toBeVisible();
  if (SCREENSHOTS) await screenshot(page, 'earnings-one-tip');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(
    new RegExp(`^mesi-earnings-${creator.handle}-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const [header, ...records] = readCsv(await readFile((await download.path())!, 'utf8'));
  expect(header).toEqual([
    `Day (${TIME_ZONE})`,
    'Time (UTC)',
    'Payment',
    'Source',
    'Status',
    'Currency',
    'Amount',
    'Fee',
    'Refunded',
    'Net',
    'Item',
    'Fan',
  ]);
  expect(records).toHaveLength(1);
  const [day, time, ...rest] = records[0]!;
  expect(rest).toEqual([
    tip.paymentId,
    'tip',
    'succeeded',
    'USD',
    '5.55',
    '0.55',
    '0.00',
    '5.00',
    '',
    fan.id,
  ]);
  expect(day).toBe(calendarDayOf(time!, TIME_ZONE));
  await expect(page.getByText(/^Downloaded mesi-earnings-/)).toBeVisible();
});
