import { randomUUID } from 'node:crypto';
import {
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test';
import { newAccount, type NewAccount } from './new-account';
import { serverCall } from './server-api';

/**
 * What the fan money specs (tips, purchases, subscriptions, receipts, earnings) share: accounts signed in through
 * the API, a creator with the offers a spec needs (tip settings, tiers, posts for sale), payments made through the
 * API with the sandbox's card that succeeds, and the card form of the fan web's payment dialogs.
 */
export const serverUrl = () => process.env.E2E_SERVER_URL ?? '';
export const PASSWORD = 'correct horse battery';

/** The sandbox rail's test cards, as a fan types them (Stripe's test numbers, see the README). */
export const SUCCEEDS = '4242 4242 4242 4242';
export const DECLINED = '4000 0000 0000 0002';
export const FAILS_LATER = '4000 0000 0000 0119';
/** The card that succeeds, as the API takes it. */
export const API_CARD = 'sandbox_card_4242424242424242';

/** Calls a tRPC mutation as the context's signed-in account (if any), from the site's own origin. */
export async function call<T = unknown>(
  context: BrowserContext,
  procedure: string,
  input: unknown,
): Promise<T> {
  const response = await context.request.post(`${serverUrl()}/trpc/${procedure}`, {
    headers: { Origin: serverUrl() },
    data: input,
  });
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** Asks a tRPC query as the context's signed-in account (no `input`: a query without one). */
export async function ask<T = unknown>(
  context: BrowserContext,
  procedure: string,
  input?: unknown,
): Promise<T> {
  const query =
    input === undefined ? '' : `?${new URLSearchParams({ input: JSON.stringify(input) }).toString()}`;
  const response = await context.request.get(`${serverUrl()}/trpc/${procedure}${query}`);
  expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
  return ((await response.json()) as { result: { data: T } }).result.data;
}

/** Who pays through the API: a browser context signed in (its session cookie), or an account's API token. */
export type Payer = BrowserContext | { readonly token: string };

function callAs<T>(payer: Payer, procedure: string, input: unknown): Promise<T> {
  return 'token' in payer
    ? serverCall<T>(serverUrl(), procedure, input, payer.token)
    : call<T>(payer, procedure, input);
}

/** A browser context signed in as a new account (`look`: its locale, time zone, scheme…). */
export async function signedUp(
  browser: Browser,
  who: NewAccount,
  look: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(look);
  await call(context, 'accounts.signUp', {
    email: who.email,
    password: PASSWORD,
    displayName: who.displayName,
    role: who.handle ? 'creator' : 'fan',
    ...(who.handle ? { handle: who.handle } : {}),
  });
  return context;
}

/** A browser context signed in to an existing account. */
export async function signedIn(browser: Browser, who: NewAccount): Promise<BrowserContext> {
  const context = await browser.newContext();
  await call(context, 'accounts.signIn', { email: who.email, password: PASSWORD });
  return context;
}

/** Who may read a post, as `posts.create` takes it, or made from the post's own id and the tiers' ids. */
export type PostAccess<TierKey extends string> =
  | Readonly<Record<string, unknown>>
  | ((ids: { readonly self: string; readonly tiers: Readonly<Record<TierKey, string>> }) => unknown);

/** A post for sale to anyone: what opens it is buying it. */
export const forSale = ({ self }: { readonly self: string }) => ({ kind: 'purchased', itemId: self });

/** What a creator offers fans, made through the API in this order: profile, tiers, posts, tip settings. */
export interface Offers<TierKey extends string> {
  /** The profile's bio and accent colour (the display name is the account's). */
  readonly profile?: { readonly bio: string; readonly accentColor: string };
  /** `subscriptions.createTier`'s tiers, each under the key the spec knows it by (`gold`). */
  readonly tiers?: Readonly<Record<TierKey, Readonly<Record<string, unknown>>>>;
  /** Published posts; `price` in US cents, as digits. */
  readonly posts?: readonly {
    readonly title: string;
    readonly body: string;
    readonly access: PostAccess<TierKey>;
    readonly price?: string;
  }[];
  /** `tips.updateSettings`: amounts in cents, as digits. */
  readonly tips?: {
    readonly minimum: string;
    readonly presets: readonly string[];
    readonly goal: { readonly title: string; readonly amount: string } | null;
  };
  /** Anything else the creator does while signed in, last (a promo code that is to expire). */
  readonly then?: (call: (procedure: string, input: unknown) => Promise<unknown>) => Promise<void>;
}

export interface Creator<TierKey extends string = never> extends NewAccount {
  readonly handle: string;
  /** Its tiers' ids, by the spec's keys. */
  readonly tiers: Readonly<Record<TierKey, string>>;
  /** Its posts' ids, by title. */
  readonly posts: Readonly<Record<string, string>>;
}

/**
 * A creator of a test's own (so what their page shows depends on that test alone), signed up as `who` (a new
 * account named so when a name), with `offers` made through the API; signed out again once made.
 */
export async function creatorWithOffers<TierKey extends string = never>(
  browser: Browser,
  who: string | NewAccount,
  offers: Offers<TierKey>,
): Promise<Creator<TierKey>> {
  const account = typeof who === 'string' ? newAccount(who, true) : who;
  const context = await signedUp(browser, account);
  if (offers.profile) {
    await call(context, 'profiles.update', {
      baseVersion: 0,
      draft: { displayName: account.displayName, links: [], ...offers.profile },
    });
  }
  const tiers = {} as Record<TierKey, string>;
  for (const [key, tier] of Object.entries(offers.tiers ?? {})) {
    tiers[key as TierKey] = (await call<{ id: string }>(context, 'subscriptions.createTier', { tier })).id;
  }
  const posts: Record<string, string> = {};
  for (const { title, body, access, price } of offers.posts ?? []) {
    const id = randomUUID();
    const accessRule = typeof access === 'function' ? access({ self: id, tiers }) : access;
    await call(context, 'posts.create', {
      id,
      draft: { title, body, accessRule, ...(price ? { price: { currency: 'USD', minor: price } } : {}) },
    });
    await call(context, 'posts.publish', { id });
    posts[title] = id;
  }
  if (offers.tips) await call(context, 'tips.updateSettings', offers.tips);
  await offers.then?.((procedure, input) => call(context, procedure, input));
  await context.close();
  return { ...account, handle: account.handle ?? '', tiers, posts };
}

/** A new fan, signed in, on the creator's page. */
export async function fanOn(
  browser: Browser,
  creator: Pick<Creator, 'handle' | 'displayName'>,
  look: BrowserContextOptions = {},
): Promise<Page> {
  const context = await signedUp(browser, newAccount('Fay', false), look);
  const page = await context.newPage();
  await page.goto(`${serverUrl()}/c/${creator.handle}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(creator.displayName);
  return page;
}

/** A monthly subscription paid through the API with the card that succeeds. */
export function subscribeThroughApi(
  fan: Payer,
  handle: string,
  tierId: string,
): Promise<{ id: string; status: string }> {
  return callAs(fan, 'subscriptions.subscribe', {
    handle,
    tierId,
    interval: 'month',
    paymentMethod: API_CARD,
    idempotencyKey: randomUUID(),
  });
}

/** Every call to `procedure` the page makes, with what it sent (calls made together share one batched request). */
export function callsTo<T>(page: Page, procedure: string): T[] {
  const calls: T[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (request.method() !== 'POST' || !pathname.startsWith('/trpc/')) return;
    const body = request.postDataJSON() as Record<string, T>;
    pathname
      .slice('/trpc/'.length)
      .split(',')
      .forEach((called, index) => {
        if (called === procedure) calls.push(body[String(index)]!);
      });
  });
  return calls;
}

/** The card number field of a payment dialog (the sandbox's card form). */
export const cardField = (dialog: Locator) => dialog.getByLabel('Card number');

/** Enters `card` in the dialog's card form and presses its pay button, named `pay`. */
export async function payInDialog(dialog: Locator, card: string, pay: string): Promise<void> {
  await cardField(dialog).fill(card);
  await dialog.getByRole('button', { name: pay }).click();
}

/**
 * Opens a payment dialog with `opener`, pays with the card that succeeds, waits for the confirmation (its heading,
 * `done`) and closes it with Done.
 */
export async function payAndClose(
  page: Page,
  opener: Locator,
  dialog: { readonly name: string; readonly pay: string; readonly done: string },
): Promise<void> {
  await opener.click();
  const opened = page.getByRole('dialog', { name: dialog.name });
  await payInDialog(opened, SUCCEEDS, dialog.pay);
  await expect(opened.getByRole('heading', { name: dialog.done })).toBeVisible();
  await opened.getByRole('button', { name: 'Done' }).click();
  await expect(opened).toBeHidden();
}
