import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessRule } from '@shared/domain/access/rule';
import { newId } from '@shared/domain/ids';
import { ledgerAccount, PLATFORM_FEES } from '@shared/domain/money/ledger';
import { sandboxPaymentMethod, type SandboxRail } from '../adapters/payments/sandbox-rail';
import { draft } from '../test/post-drafts';
import { codeOf, signUp, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

const CARD_OK = sandboxPaymentMethod('4242424242424242');
const CARD_DECLINED = sandboxPaymentMethod('4000000000000002');
const CARD_DISPUTED = sandboxPaymentMethod('4000000000000259');

let server: TestServer;

const rail = () => server.services.payments.rail as SandboxRail;
const balance = (account: string) => server.services.ledger.balance(server.db, account, 'USD');
const count = async (table: 'ledger_operations' | 'payments' | 'purchases') =>
  Number(
    (
      await server.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
/** Every charge a fan's payments for one post made, as stored. */
const paymentsFor = (fanId: string, postId: string) =>
  server.db
    .selectFrom('payments')
    .select(['id', 'amount', 'status', 'source'])
    .where('fan_id', '=', fanId)
    .where('item_id', '=', postId)
    .execute();

interface Creator {
  readonly id: string;
  readonly handle: string;
  readonly client: ServerClient;
}
interface Fan {
  readonly id: string;
  readonly client: ServerClient;
}

async function newCreator(): Promise<Creator> {
  const c = await signUp(server, 'creator');
  return { id: c.account.id, handle: c.account.handle!, client: c.client };
}

async function newFan(): Promise<Fan> {
  const f = await signUp(server, 'fan');
  return { id: f.account.id, client: f.client };
}

const usd = (minor: string) => ({ currency: 'USD' as const, minor });

/** A published post of `creator`'s whose rule may name its own id, with a price in cents (or none). */
async function publish(
  creator: Creator,
  title: string,
  rule: (id: string) => AccessRule,
  price: string | null,
): Promise<string> {
  const id = newId();
  await creator.client.posts.create.mutate({
    id,
    draft: { ...draft(title, rule(id), `The body of ${title}`), price: price === null ? null : usd(price) },
  });
  await creator.client.posts.publish.mutate({ id });
  return id;
}

const buy = (fan: Fan, postId: string, extra: Record<string, unknown> = {}) =>
  fan.client.purchases.buy.mutate({ postId, paymentMethod: CARD_OK, idempotencyKey: newId(), ...extra });

async function entry(client: ServerClient, creator: Creator, postId: string) {
  const page = await client.creators.page.query({ handle: creator.handle, limit: 50 });
  const found = page.posts.find((p) => p.id === postId);
  if (!found) throw new Error(`post ${postId} is not on the page`);
  return found;
}

async function subscribe(fan: Fan, creator: Creator, tierId: string) {
  await fan.client.subscriptions.subscribe.mutate({
    handle: creator.handle,
    tierId,
    interval: 'month',
    paymentMethod: CARD_OK,
    idempotencyKey: newId(),
  });
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('who reads pay-per-view and subscriber posts', () => {
  it('gives the body to exactly the viewers the rule lets in: buyers and subscribers of the tier, never a refunded or disputed buyer', async () => {
    const creator = await newCreator();
    const gold = await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Gold', rank: 1, monthlyPrice: '1000' },
    });
    const platinum = await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Platinum', rank: 2, monthlyPrice: '3000' },
    });
    const posts = {
      // Pay-per-view, included in Platinum.
      ppv: await publish(
        creator,
        'PPV or Platinum',
        (id) => ({
          kind: 'any',
          rules: [
            { kind: 'subscriber', minTier: platinum.id },
            { kind: 'purchased', itemId: id },
          ],
        }),
        '500',
      ),
      // Buyers only: no subscription opens it.
      buyersOnly: await publish(creator, 'Buyers only', (id) => ({ kind: 'purchased', itemId: id }), '200'),
      // Subscribers of Gold or higher; not for sale.
      goldUp: await publish(creator, 'Gold and up', () => ({ kind: 'subscriber', minTier: gold.id }), null),
    };

    const follower = await newFan();
    await follower.client.creators.follow.mutate({ handle: creator.handle });
    const goldFan = await newFan();
    await subscribe(goldFan, creator, gold.id);
    const platinumFan = await newFan();
    await subscribe(platinumFan, creator, platinum.id);
    const buyer = await newFan();
    expect(await buy(buyer, posts.ppv)).toMatchObject({ status: 'succeeded', owned: true, amount: '500' });
    expect(await buy(buyer, posts.buyersOnly)).toMatchObject({ status: 'succeeded', owned: true });
    const otherCreator = await newCreator();
    const refunded = await newFan();
    const refundedPayment = await buy(refunded, posts.ppv);
    await server.services.payments.refund(refundedPayment.paymentId, { currency: 'USD', minor: 500n }, 'all');
    const disputed = await newFan();
    expect(await buy(disputed, posts.ppv, { paymentMethod: CARD_DISPUTED })).toMatchObject({
      status: 'succeeded',
      owned: true,
    });
    await rail().settled(); // the dispute arrives

    const viewers: [string, ServerClient][] = [
      ['anonymous', server.client()],
      ['follower', follower.client],
      ['subscriber of a lower tier', goldFan.client],
      ['subscriber of the tier', platinumFan.client],
      ['buyer', buyer.client],
      ['another creator', otherCreator.client],
      ['refunded buyer', refunded.client],
      ['disputed buyer', disputed.client],
      ['the creator', creator.client],
    ];
    const seen: Record<string, Record<keyof typeof posts, string>> = {};
    for (const [name, client] of viewers) {
      const shown = {} as Record<keyof typeof posts, string>;
      for (const [key, id] of Object.entries(posts) as [keyof typeof posts, string][]) {
        const e = await entry(client, creator, id);
        // A locked entry carries no body at all, not even an empty one.
        expect('body' in e, `${name} / ${key}`).toBe(e.access === 'open');
        shown[key] = e.access === 'open' ? e.body : 'locked';
      }
      seen[name] = shown;
    }
    const body = (title: string) => `The body of ${title}`;
    expect(seen).toEqual({
      anonymous: { ppv: 'locked', buyersOnly: 'locked', goldUp: 'locked' },
      follower: { ppv: 'locked', buyersOnly: 'locked', goldUp: 'locked' },
      'subscriber of a lower tier': { ppv: 'locked', buyersOnly: 'locked', goldUp: body('Gold and up') },
      'subscriber of the tier': {
        ppv: body('PPV or Platinum'),
        buyersOnly: 'locked',
        goldUp: body('Gold and up'),
      },
      buyer: { ppv: body('PPV or Platinum'), buyersOnly: body('Buyers only'), goldUp: 'locked' },
      'another creator': { ppv: 'locked', buyersOnly: 'locked', goldUp: 'locked' },
      'refunded buyer': { ppv: 'locked', buyersOnly: 'locked', goldUp: 'locked' },
      'disputed buyer': { ppv: 'locked', buyersOnly: 'locked', goldUp: 'locked' },
      'the creator': {
        ppv: body('PPV or Platinum'),
        buyersOnly: body('Buyers only'),
        goldUp: body('Gold and up'),
      },
    });

    // A locked post for sale says what buying it costs; a post buying would not open offers nothing to buy.
    expect(await entry(follower.client, creator, posts.ppv)).toMatchObject({
      access: 'locked',
      buyPrice: { currency: 'USD', amount: '500', fullAmount: '500', discountBps: 0 },
      unlockTier: { id: platinum.id },
    });
    expect(await entry(server.client(), creator, posts.buyersOnly)).toMatchObject({
      buyPrice: { amount: '200' },
    });
    expect(await entry(follower.client, creator, posts.goldUp)).toMatchObject({ buyPrice: null });
  });
});

describe('buying a post', () => {
  let creator: Creator;
  let gold: { id: string };
  beforeAll(async () => {
    creator = await newCreator();
    // Gold takes 25% off pay-per-view.
    gold = await creator.client.subscriptions.createTier.mutate({
      tier: { name: 'Gold', rank: 1, monthlyPrice: '1000', ppvDiscountBps: 2500 },
    });
  });
  const forSale = (title: string, price = '999') =>
    publish(creator, title, (id) => ({ kind: 'purchased', itemId: id }), price);

  it("charges the server's price less the subscriber's tier discount, rounded in the fan's favour", async () => {
    const postId = await forSale('Discounted', '999');
    const fan = await newFan();
    await subscribe(fan, creator, gold.id);
    // The page offers the price this fan will pay.
    expect(await entry(fan.client, creator, postId)).toMatchObject({
      buyPrice: { amount: '749', fullAmount: '999', discountBps: 2500 },
    });
    const before = {
      creator: await balance(ledgerAccount.creator(creator.id)),
      fees: await balance(PLATFORM_FEES),
    };
    // 999 × 75% = 749.25: the fan pays 749.
    expect(await buy(fan, postId)).toMatchObject({ amount: '749', currency: 'USD', owned: true });
    expect((await paymentsFor(fan.id, postId)).map((p) => [p.source, p.amount, p.status])).toEqual([
      ['ppv', '749', 'succeeded'],
    ]);
    expect(await balance(PLATFORM_FEES)).toBe(before.fees + 74n);
    expect(await balance(ledgerAccount.creator(creator.id))).toBe(before.creator + 675n);
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'open' });

    // Without a subscription, the full price; and a new price applies to the next sale.
    const stranger = await newFan();
    await creator.client.posts.update.mutate({
      id: postId,
      baseVersion: (await creator.client.posts.mine.query()).find((p) => p.id === postId)!.version,
      draft: { ...draft('Discounted', { kind: 'purchased', itemId: postId }), price: usd('1250') },
    });
    expect(await buy(stranger, postId)).toMatchObject({ amount: '1250' });
  });

  it('offers buying only where buying would open the post', async () => {
    // Followers who buy it: buying alone does not open it for a fan who does not follow.
    const postId = await publish(
      creator,
      'Followers who buy',
      (id) => ({ kind: 'all', rules: [{ kind: 'follower' }, { kind: 'purchased', itemId: id }] }),
      '300',
    );
    const fan = await newFan();
    expect(await entry(fan.client, creator, postId)).toMatchObject({
      access: 'locked',
      unlocksByFollowing: false,
      buyPrice: null,
    });
    await fan.client.creators.follow.mutate({ handle: creator.handle });
    expect(await entry(fan.client, creator, postId)).toMatchObject({ buyPrice: { amount: '300' } });
    await buy(fan, postId);
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'open' });
  });

  it('charges once when the fan buys a post they hold already, and answers their purchase', async () => {
    const postId = await forSale('Twice');
    const fan = await newFan();
    const first = await buy(fan, postId);
    const operations = await count('ledger_operations');
    const again = await buy(fan, postId); // another key: a second dialog, another tab
    expect(again).toMatchObject({ paymentId: first.paymentId, owned: true, status: 'succeeded' });
    expect(await paymentsFor(fan.id, postId)).toHaveLength(1);
    expect(await count('ledger_operations')).toBe(operations);
  });

  it('charges once when 50 buys with one key race, and when 20 with different keys race', async () => {
    const postId = await forSale('Raced');
    const fan = await newFan();
    const operations = await count('ledger_operations');
    const key = newId();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => buy(fan, postId, { idempotencyKey: key })),
    );
    expect(new Set(answers.map((a) => a.paymentId)).size).toBe(1);
    expect(await paymentsFor(fan.id, postId)).toHaveLength(1);
    expect(await count('ledger_operations')).toBe(operations + 1);
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'open' });

    const other = await newFan();
    const otherPost = await forSale('Raced with many keys');
    const many = await Promise.all(Array.from({ length: 20 }, () => buy(other, otherPost)));
    expect(new Set(many.map((a) => a.paymentId)).size).toBe(1);
    expect(await paymentsFor(other.id, otherPost)).toHaveLength(1);
    expect(await count('ledger_operations')).toBe(operations + 2);
  });

  it('refuses what cannot be bought with a clear 4xx, and charges nothing', async () => {
    const priced = await forSale('Priced');
    const free = await publish(creator, 'Free to followers', () => ({ kind: 'follower' }), null);
    const unpublished = newId();
    await creator.client.posts.create.mutate({
      id: unpublished,
      draft: { ...draft('Still a draft', { kind: 'purchased', itemId: unpublished }), price: usd('500') },
    });
    const deleted = await forSale('Deleted');
    await creator.client.posts.delete.mutate({ id: deleted });
    const fan = await newFan();
    const before = {
      operations: await count('ledger_operations'),
      payments: await count('payments'),
      purchases: await count('purchases'),
    };

    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => buy(fan, free), 'BAD_REQUEST', /postId: This post is not for sale/],
      [
        () =>
          creator.client.purchases.buy.mutate({
            postId: priced,
            paymentMethod: CARD_OK,
            idempotencyKey: newId(),
          }),
        'BAD_REQUEST',
        /postId: You cannot buy your own post/,
      ],
      // The price is the server's: one sent along is refused, never taken.
      [() => buy(fan, priced, { amount: '1' }), 'BAD_REQUEST', /Unrecognized key.*amount/s],
      [() => buy(fan, priced, { price: usd('1') }), 'BAD_REQUEST', /Unrecognized key.*price/s],
      [() => buy(fan, newId()), 'NOT_FOUND', /No such post/],
      [() => buy(fan, unpublished), 'NOT_FOUND', /No such post/],
      [() => buy(fan, deleted), 'NOT_FOUND', /No such post/],
      [() => buy(fan, 'not-a-uuid'), 'BAD_REQUEST', /postId/],
      [() => buy(fan, priced, { paymentMethod: '4242424242424242' }), 'BAD_REQUEST', /paymentMethod/],
      [() => buy(fan, priced, { idempotencyKey: 'again' }), 'BAD_REQUEST', /idempotencyKey/],
      [
        () =>
          server
            .client()
            .purchases.buy.mutate({ postId: priced, paymentMethod: CARD_OK, idempotencyKey: newId() }),
        'UNAUTHORIZED',
        /./,
      ],
    ];
    for (const [attempt, code, message] of cases) {
      const error = await attempt().then(
        () => new Error('bought'),
        (e: unknown) => e,
      );
      expect(codeOf(error), String(error)).toBe(code);
      expect(String(error)).toMatch(message);
    }
    expect({
      operations: await count('ledger_operations'),
      payments: await count('payments'),
      purchases: await count('purchases'),
    }).toEqual(before);
  });

  it('a declined card opens nothing and moves nothing; the fan can then buy with another card', async () => {
    const postId = await forSale('Declined first');
    const fan = await newFan();
    const operations = await count('ledger_operations');
    await expect(buy(fan, postId, { paymentMethod: CARD_DECLINED })).rejects.toThrow(
      /paymentMethod: Your card was declined/,
    );
    expect(await count('ledger_operations')).toBe(operations);
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'locked' });
    expect(await buy(fan, postId)).toMatchObject({ status: 'succeeded', owned: true });
  });

  it('a full refund or a dispute takes the post back; a part refund does not; the fan may buy it again', async () => {
    const postId = await forSale('Refunds', '1000');
    const fan = await newFan();
    const paid = await buy(fan, postId);
    const payments = server.services.payments;
    await payments.refund(paid.paymentId, { currency: 'USD', minor: 400n }, 'part');
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'open' });
    // A part-refunded purchase is still the fan's: buying again charges nothing.
    expect(await buy(fan, postId)).toMatchObject({ paymentId: paid.paymentId, owned: true });
    await payments.refund(paid.paymentId, { currency: 'USD', minor: 600n }, 'rest');
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'locked' });

    const again = await buy(fan, postId);
    expect(again).toMatchObject({ owned: true });
    expect(again.paymentId).not.toBe(paid.paymentId);
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'open' });
    // The first payment's late refund event changes nothing of the purchase the second one opened.
    await payments.applyRefundedTotal(paid.paymentId, { currency: 'USD', minor: 1000n });
    expect(await entry(fan.client, creator, postId)).toMatchObject({ access: 'open' });

    const disputer = await newFan();
    await buy(disputer, postId, { paymentMethod: CARD_DISPUTED });
    await rail().settled();
    expect(await entry(disputer.client, creator, postId)).toMatchObject({ access: 'locked' });
    expect(await server.services.ledger.audit(server.db)).toMatchObject({ balanced: true });
  });

  it("lists the fan's receipts: post, title, amount, date and status, and only theirs", async () => {
    const kept = await forSale('Kept', '300');
    const returned = await forSale('Returned', '400');
    const fan = await newFan();
    const first = await buy(fan, kept);
    const second = await buy(fan, returned);
    await server.services.payments.refund(second.paymentId, { currency: 'USD', minor: 400n }, 'all');
    await buy(fan, kept, { paymentMethod: CARD_DECLINED }).catch(() => undefined); // held already: no charge

    const receipts = await fan.client.purchases.mine.query();
    expect(receipts).toEqual([
      {
        paymentId: second.paymentId,
        postId: returned,
        title: 'Returned',
        currency: 'USD',
        amount: '400',
        refunded: '400',
        date: expect.any(String),
        status: 'refunded',
      },
      {
        paymentId: first.paymentId,
        postId: kept,
        title: 'Kept',
        currency: 'USD',
        amount: '300',
        refunded: '0',
        date: expect.any(String),
        status: 'paid',
      },
    ]);
    expect(Number.isNaN(Date.parse(receipts[0]!.date))).toBe(false);
    expect(await (await newFan()).client.purchases.mine.query()).toEqual([]);
  });
});
