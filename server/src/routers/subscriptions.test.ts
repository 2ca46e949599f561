import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { ledgerAccount, PLATFORM_FEES } from '@shared/domain/money/ledger';
import { nextPeriodEnd } from '@shared/domain/subscriptions/billing';
import { sandboxPaymentMethod, type SandboxRail } from '../adapters/payments/sandbox-rail';
import { Scheduler } from '../services/scheduler';
import { draft } from '../test/post-drafts';
import { signUp, startTestServer, type ServerClient, type TestServer } from '../test/test-server';

const CARD_OK = sandboxPaymentMethod('4242424242424242');
const CARD_DECLINED = sandboxPaymentMethod('4000000000000002');
const DAY = 86_400_000;

const clock = new ManualClock('2026-03-31T12:00:00.000Z');
let server: TestServer;
let creator: { id: string; handle: string; client: ServerClient };

beforeAll(async () => {
  server = await startTestServer({ clock });
  const c = await signUp(server, 'creator');
  creator = { id: c.account.id, handle: c.account.handle!, client: c.client };
});
afterAll(() => server.close());

/** Moves time and runs what came due, as the server's loop would (never by sleeping). */
async function advance(ms: number) {
  clock.advance(ms);
  await server.services.scheduler.runDue();
}

const paymentsOf = async (subscriptionId: string) =>
  server.db
    .selectFrom('payments')
    .select(['amount', 'status', 'details'])
    .where('item_id', '=', subscriptionId)
    .where('source', '=', 'subscription')
    .orderBy('created_at')
    .execute();

const tier = (name: string, rank: number, monthlyPrice: string, extra: Record<string, unknown> = {}) =>
  creator.client.subscriptions.createTier.mutate({ tier: { name, rank, monthlyPrice, ...extra } });

async function newFan() {
  const fan = await signUp(server, 'fan');
  return fan.client;
}

const subscribe = (fan: ServerClient, tierId: string, extra: Record<string, unknown> = {}) =>
  fan.subscriptions.subscribe.mutate({
    handle: creator.handle,
    tierId,
    interval: 'month',
    paymentMethod: CARD_OK,
    idempotencyKey: newId(),
    ...extra,
  });

let gold: { id: string };
let platinum: { id: string };
beforeEach(async () => {
  gold ??= await tier('Gold', 1, '1000', { trialDays: 7 });
  platinum ??= await tier('Platinum', 2, '3000');
});

describe('subscription lifecycle (sandbox rail, moving clock)', () => {
  it('trial → first charge → renewal → failed renewal → grace with retries → lapse', async () => {
    const fan = await newFan();
    const started = clock.now();
    const sub = await subscribe(fan, gold.id);
    expect(sub).toMatchObject({ status: 'trialing', price: '1000' });
    expect(new Date(sub.currentPeriodEnd).getTime()).toBe(started.getTime() + 7 * DAY);
    expect(await paymentsOf(sub.id)).toHaveLength(0);

    // A second trial with this creator is not given: the fan was on one.
    await advance(7 * DAY);
    const [afterTrial] = await fan.subscriptions.mine.query();
    expect(afterTrial).toMatchObject({ status: 'active' });
    const trialEnd = new Date(started.getTime() + 7 * DAY);
    expect(afterTrial!.currentPeriodEnd).toBe(nextPeriodEnd(trialEnd, 1, 'month').toISOString());
    expect((await paymentsOf(sub.id)).map((p) => p.amount)).toEqual(['1000']);

    // Running due work again, or a second server's scheduler racing this one, charges nothing more.
    const other = new Scheduler({
      db: server.db,
      clock,
      handlers: server.services.subscriptions.jobHandlers(),
    });
    await Promise.all([server.services.scheduler.runDue(), other.runDue()]);
    expect(await paymentsOf(sub.id)).toHaveLength(1);

    await advance(new Date(afterTrial!.currentPeriodEnd).getTime() - clock.now().getTime());
    expect((await paymentsOf(sub.id)).map((p) => p.status)).toEqual(['succeeded', 'succeeded']);

    // The card stops working: the next renewal is declined, the fan keeps access for 3 days of grace.
    await fan.subscriptions.updatePaymentMethod.mutate({
      subscriptionId: sub.id,
      paymentMethod: CARD_DECLINED,
    });
    const [renewed] = await fan.subscriptions.mine.query();
    await advance(new Date(renewed!.currentPeriodEnd).getTime() - clock.now().getTime());
    const [pastDue] = await fan.subscriptions.mine.query();
    expect(pastDue).toMatchObject({ status: 'past_due' });
    expect(new Date(pastDue!.graceUntil!).getTime()).toBe(
      new Date(renewed!.currentPeriodEnd).getTime() + 3 * DAY,
    );
    await advance(DAY); // retry 1
    await advance(DAY); // retry 2
    expect((await paymentsOf(sub.id)).map((p) => p.status)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
      'failed',
      'failed',
    ]);
    expect((await fan.subscriptions.mine.query())[0]).toMatchObject({ status: 'past_due' });
    await advance(DAY); // grace ends
    expect((await fan.subscriptions.mine.query())[0]).toMatchObject({ status: 'lapsed' });
  });

  it('a fan who fixes their card during grace is renewed by the next retry', async () => {
    const fan = await newFan();
    const sub = await subscribe(fan, platinum.id, { paymentMethod: CARD_OK });
    expect(sub.status).toBe('active');
    await fan.subscriptions.updatePaymentMethod.mutate({
      subscriptionId: sub.id,
      paymentMethod: CARD_DECLINED,
    });
    await advance(new Date(sub.currentPeriodEnd).getTime() - clock.now().getTime());
    expect((await fan.subscriptions.mine.query())[0]).toMatchObject({ status: 'past_due' });
    await fan.subscriptions.updatePaymentMethod.mutate({ subscriptionId: sub.id, paymentMethod: CARD_OK });
    await advance(DAY);
    const [back] = await fan.subscriptions.mine.query();
    expect(back).toMatchObject({ status: 'active', graceUntil: null });
    expect((await paymentsOf(sub.id)).map((p) => p.status)).toEqual(['succeeded', 'failed', 'succeeded']);
    await advance(3 * DAY); // the lapse that was scheduled finds the fan paid up
    expect((await fan.subscriptions.mine.query())[0]).toMatchObject({ status: 'active' });
  });

  it('cancel takes effect at the period end with no charge; resume takes it back', async () => {
    const fan = await newFan();
    const sub = await subscribe(fan, platinum.id);
    await expect(fan.subscriptions.cancel.mutate({ subscriptionId: sub.id })).resolves.toMatchObject({
      cancelAtPeriodEnd: true,
      status: 'active',
    });
    await expect(fan.subscriptions.resume.mutate({ subscriptionId: sub.id })).resolves.toMatchObject({
      cancelAtPeriodEnd: false,
    });
    await fan.subscriptions.cancel.mutate({ subscriptionId: sub.id });
    await advance(new Date(sub.currentPeriodEnd).getTime() - clock.now().getTime());
    expect((await fan.subscriptions.mine.query())[0]).toMatchObject({ status: 'canceled' });
    expect(await paymentsOf(sub.id)).toHaveLength(1);
    await expect(fan.subscriptions.resume.mutate({ subscriptionId: sub.id })).rejects.toThrow(
      /still running/,
    );
  });

  it('an upgrade charges the difference for the time left; a downgrade credits it on the next renewal', async () => {
    const fan = await newFan();
    // No trial: this fan's first subscription is to a tier without one.
    const sub = await subscribe(fan, platinum.id);
    const periodMs = new Date(sub.currentPeriodEnd).getTime() - clock.now().getTime();
    clock.advance(Math.floor(periodMs / 2));
    const down = await fan.subscriptions.changeTier.mutate({
      subscriptionId: sub.id,
      tierId: gold.id,
      idempotencyKey: newId(),
    });
    expect(down).toMatchObject({ tierId: gold.id, price: '1000' });
    const upKey = newId();
    const up = await fan.subscriptions.changeTier.mutate({
      subscriptionId: sub.id,
      tierId: platinum.id,
      idempotencyKey: upKey,
    });
    expect(up).toMatchObject({ tierId: platinum.id, price: '3000' });
    const charges = (await paymentsOf(sub.id)).map((p) => BigInt(p.amount));
    // 3000 first; then about half of the 2000 difference, once (the credit of the downgrade stays for renewal).
    expect(charges[0]).toBe(3000n);
    expect(charges).toHaveLength(2);
    expect(charges[1]! > 900n && charges[1]! < 1100n).toBe(true);
    // Down again: two half-period credits of 1000 now wait, more than the next Gold renewal (1000) costs.
    await fan.subscriptions.changeTier.mutate({
      subscriptionId: sub.id,
      tierId: gold.id,
      idempotencyKey: newId(),
    });
    const creditOf = async () =>
      BigInt(
        (
          await server.db
            .selectFrom('subscriptions')
            .select('credit')
            .where('id', '=', sub.id)
            .executeTakeFirstOrThrow()
        ).credit,
      );
    const credit = await creditOf();
    expect(credit > 1900n && credit <= 2000n).toBe(true);
    const [now] = await fan.subscriptions.mine.query();
    await advance(new Date(now!.currentPeriodEnd).getTime() - clock.now().getTime());
    // The renewal is paid from the credit: no charge, the period moves on, the rest of the credit stays.
    expect(await paymentsOf(sub.id)).toHaveLength(2);
    const [renewed] = await fan.subscriptions.mine.query();
    expect(renewed).toMatchObject({ status: 'active', price: '1000' });
    expect(renewed!.currentPeriodEnd > now!.currentPeriodEnd).toBe(true);
    expect(await creditOf()).toBe(credit - 1000n);
    // The next renewal uses up the rest and charges the difference.
    await advance(new Date(renewed!.currentPeriodEnd).getTime() - clock.now().getTime());
    // Two Gold periods cost 2000: the credit paid for what it could, the card for the rest, nothing twice.
    const renewalCharges = (await paymentsOf(sub.id)).slice(2).reduce((sum, p) => sum + BigInt(p.amount), 0n);
    expect(renewalCharges).toBe(2000n - credit);
    expect(await creditOf()).toBe(0n);
  });

  it('a promo code takes its discount off the first charge only, and is refused when used up or expired', async () => {
    const fan = await newFan();
    const code = `HALF${Date.now() % 100000}`;
    await creator.client.subscriptions.createPromo.mutate({ promo: { code, percentOff: 50, maxUses: 1 } });
    const key = newId();
    const sub = await subscribe(fan, platinum.id, { promoCode: code.toLowerCase(), idempotencyKey: key });
    // The same request again (its answer was lost) finds its subscription, though the code is used up now.
    await expect(
      subscribe(fan, platinum.id, { promoCode: code, idempotencyKey: key }),
    ).resolves.toMatchObject({ id: sub.id });
    expect((await paymentsOf(sub.id)).map((p) => p.amount)).toEqual(['1500']);
    await advance(new Date(sub.currentPeriodEnd).getTime() - clock.now().getTime());
    expect((await paymentsOf(sub.id)).map((p) => p.amount)).toEqual(['1500', '3000']);
    await expect(subscribe(await newFan(), platinum.id, { promoCode: code })).rejects.toThrow(
      /promoCode: this promo code is used up/,
    );
    await creator.client.subscriptions.createPromo.mutate({
      promo: {
        code: `${code}X`,
        percentOff: 10,
        expiresAt: new Date(clock.now().getTime() + DAY).toISOString(),
      },
    });
    clock.advance(2 * DAY);
    await expect(subscribe(await newFan(), platinum.id, { promoCode: `${code}X` })).rejects.toThrow(
      /promoCode: this promo code has expired/,
    );
  });

  it('refuses bad input with a clear 4xx and charges nothing', async () => {
    const fan = await newFan();
    const before = await server.db.selectFrom('payments').select('id').execute();
    await expect(subscribe(fan, newId())).rejects.toThrow(/No such tier/);
    await expect(subscribe(fan, platinum.id, { interval: 'year' })).rejects.toThrow(
      /interval: this tier has no annual price/,
    );
    await expect(subscribe(fan, platinum.id, { price: '1' } as never)).rejects.toThrow(/price|Unrecognized/i);
    await expect(subscribe(fan, platinum.id, { promoCode: 'NOPE' })).rejects.toThrow(
      /promoCode: this promo code does not exist/,
    );
    await expect(subscribe(fan, platinum.id, { paymentMethod: CARD_DECLINED })).rejects.toThrow(
      /paymentMethod: Your card was declined/,
    );
    // A subscription whose first payment failed never existed for the fan.
    expect(await fan.subscriptions.mine.query()).toEqual([]);
    const archived = await tier('Old', 0, '500');
    await creator.client.subscriptions.archiveTier.mutate({ tierId: archived.id });
    await expect(subscribe(fan, archived.id)).rejects.toThrow(/No such tier/);
    await expect(tier('Cheap', 0, '50')).rejects.toThrow(/monthlyPrice/);
    await expect(tier('Long trial', 0, '500', { trialDays: 8 })).rejects.toThrow(/trialDays/);
    const after = await server.db.selectFrom('payments').select(['id', 'status']).execute();
    // The declined card made one failed payment; nothing else was attempted.
    expect(after.length - before.length).toBe(1);
    // The fan can still subscribe afterwards (the declined attempt left no live subscription).
    await expect(subscribe(fan, platinum.id)).resolves.toMatchObject({ status: 'active' });
  });

  it('opens a subscriber post to subscribers only, and offers the tier that opens it to others', async () => {
    const post = await creator.client.posts.create.mutate({
      draft: { ...draft('For Platinum'), accessRule: { kind: 'subscriber', minTier: platinum.id } },
    });
    await creator.client.posts.publish.mutate({ id: post.id });
    const entry = async (client: ServerClient) =>
      (await client.creators.page.query({ handle: creator.handle })).posts.find((p) => p.id === post.id);
    const outsider = await newFan();
    expect(await entry(outsider)).toMatchObject({
      access: 'locked',
      unlockHint: 'Subscribers (Platinum tier or higher)',
      unlockTier: { id: platinum.id, name: 'Platinum', monthlyPrice: '3000' },
    });
    const goldFan = await newFan();
    await subscribe(goldFan, gold.id);
    expect(await entry(goldFan)).toMatchObject({ access: 'locked', unlockTier: { id: platinum.id } });
    const subscriber = await newFan();
    await subscribe(subscriber, platinum.id);
    expect(await entry(subscriber)).toMatchObject({ access: 'open' });
    expect(await entry(server.client())).toMatchObject({ access: 'locked' });
  });

  it('a renewal run of many due at once charges each exactly once, also run twice or by two servers at once', async () => {
    const fans = await Promise.all(Array.from({ length: 12 }, () => newFan()));
    const subs: { fan: ServerClient; sub: Awaited<ReturnType<typeof subscribe>> }[] = [];
    for (const fan of fans) subs.push({ fan, sub: await subscribe(fan, platinum.id) });
    // Some cancel, some cards stop working; all come due at the same moment.
    await subs[0]!.fan.subscriptions.cancel.mutate({ subscriptionId: subs[0]!.sub.id });
    await subs[1]!.fan.subscriptions.updatePaymentMethod.mutate({
      subscriptionId: subs[1]!.sub.id,
      paymentMethod: CARD_DECLINED,
    });
    const due = Math.max(...subs.map(({ sub }) => new Date(sub.currentPeriodEnd).getTime()));
    clock.advanceTo(new Date(due));
    // Two servers' schedulers race over the run; then the same jobs are handed over again, as after a crash.
    const jobs = server.services.subscriptions.batchJobHandlers();
    const other = new Scheduler({
      db: server.db,
      clock,
      handlers: {},
      batchHandlers: jobs,
      batchClaimSize: 5,
    });
    await Promise.all([server.services.scheduler.runDue(), other.runDue()]);
    // The jobs of that moment, as a claim after a crash would hand them over again.
    const dueRows = await server.db
      .selectFrom('scheduled_jobs')
      .selectAll()
      .where('kind', '=', 'subscription.renew')
      .where('run_at', '=', new Date(due))
      .execute();
    const claimedAgain = dueRows
      .filter((row) =>
        subs.some(({ sub }) => (row.payload as { subscriptionId: string }).subscriptionId === sub.id),
      )
      .map((row) => ({
        id: row.id,
        kind: row.kind,
        key: row.key,
        payload: row.payload,
        attempts: row.attempts,
      }));
    expect(claimedAgain).toHaveLength(subs.length);
    await jobs['subscription.renew']!(claimedAgain as never, clock.now());
    for (const [i, { sub }] of subs.entries()) {
      const charges = (await paymentsOf(sub.id)).map((p) => p.status);
      if (i === 0) expect(charges, 'cancelled').toEqual(['succeeded']);
      else if (i === 1) expect(charges, 'declined').toEqual(['succeeded', 'failed']);
      else expect(charges, `subscriber ${i}`).toEqual(['succeeded', 'succeeded']);
    }
    const states = await Promise.all(subs.map(({ fan }) => fan.subscriptions.mine.query()));
    expect(states[0]![0]!.status).toBe('canceled');
    expect(states[1]![0]!.status).toBe('past_due');
    expect(states.slice(2).every(([s]) => s!.status === 'active')).toBe(true);
  });

  it('names the creator and the tier in my subscriptions; a first payment that fails later leaves nothing behind', async () => {
    const fan = await newFan();
    const pending = await subscribe(fan, platinum.id, {
      paymentMethod: sandboxPaymentMethod('4000000000000119'),
    });
    expect(pending.status).toBe('incomplete');
    await (server.services.payments.rail as SandboxRail).settled();
    expect(await fan.subscriptions.mine.query()).toEqual([]);
    const sub = await subscribe(fan, platinum.id);
    expect(await fan.subscriptions.mine.query()).toEqual([
      expect.objectContaining({
        id: sub.id,
        tierName: 'Platinum',
        creator: { handle: creator.handle, displayName: expect.any(String) },
      }),
    ]);
  });

  it('the ledger stays balanced through all of it', async () => {
    expect(await server.services.ledger.audit(server.db)).toMatchObject({ balanced: true });
    expect(await server.services.ledger.balance(server.db, PLATFORM_FEES, 'USD')).toBeGreaterThan(0n);
    expect(
      await server.services.ledger.balance(server.db, ledgerAccount.creator(creator.id), 'USD'),
    ).toBeGreaterThan(0n);
  });
});
