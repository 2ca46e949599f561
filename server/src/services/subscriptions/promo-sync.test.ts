import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@shared/domain/clock';
import { newId } from '@shared/domain/ids';
import { decodePullPage, type Mutation } from '@shared/domain/sync/protocol';
import { PROMO_KIND, type PromoChange, type PromoSnapshot } from '@shared/domain/subscriptions/promo';
import { TIER_KIND } from '@shared/domain/subscriptions/tier';
import { sandboxPaymentMethod } from '../../adapters/payments/sandbox-rail';
import { pushAsManager } from '../../test/scoped-manager';
import { signUp, startTestServer, type ServerClient, type TestServer } from '../../test/test-server';
import { SyncedKinds } from '../sync/synced-kind';
import { promoSyncedKind } from './promo-sync';

const clock = new ManualClock('2026-06-01T12:00:00.000Z');
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

const promoMutation = (promoId: string, change: PromoChange): Mutation => ({
  id: newId(),
  entity: PROMO_KIND.entity,
  entityId: promoId,
  change,
});
const create = (promoId: string, draft: Record<string, unknown>) =>
  promoMutation(promoId, { type: 'create', draft } as PromoChange);
const push = async (client: ServerClient, ...mutations: Mutation[]) =>
  (await client.sync.push.mutate({ mutations })).results;
const promosOf = (creatorId: string) =>
  server.db
    .selectFrom('promo_codes')
    .select(['code', 'version'])
    .where('creator_id', '=', creatorId)
    .execute();

async function creatorWithTier() {
  const creator = await signUp(server, 'creator');
  const tierId = newId();
  const draft = { name: 'Gold', rank: 1, monthlyPrice: '1000' };
  await push(creator.client, {
    id: newId(),
    entity: TIER_KIND.entity,
    entityId: tierId,
    change: { type: 'create', draft },
  });
  return { ...creator, tierId };
}

describe('promo codes through sync.push', () => {
  it('creates a code with the studio id, which takes its discount; deactivated, fans can no longer use it', async () => {
    const creator = await creatorWithTier();
    const id = newId();
    const [created] = await push(
      creator.client,
      create(id, { code: 'summer-25', percentOff: 25, tierId: creator.tierId }),
    );
    expect(created).toMatchObject({ status: 'applied', version: 1 });
    const subscribe = async (promoCode: string) => {
      const fan = await signUp(server, 'fan');
      return fan.client.subscriptions.subscribe.mutate({
        handle: creator.account.handle!,
        tierId: creator.tierId,
        interval: 'month',
        promoCode,
        paymentMethod: sandboxPaymentMethod('4242424242424242'),
        idempotencyKey: newId(),
      });
    };
    const discounted = await subscribe('Summer-25');
    const firstCharge = await server.db
      .selectFrom('payments')
      .select('amount')
      .where('item_id', '=', discounted.id)
      .executeTakeFirstOrThrow();
    expect(firstCharge.amount).toBe('750');

    const [deactivated, again] = await push(
      creator.client,
      promoMutation(id, { type: 'deactivate' }),
      promoMutation(id, { type: 'deactivate' }),
    );
    expect(deactivated).toMatchObject({ status: 'applied', version: 2 });
    expect(again).toMatchObject({ status: 'applied', version: 2, seq: null });
    await expect(subscribe('SUMMER-25')).rejects.toThrow(/promoCode: this promo code does not exist/);

    const feed = decodePullPage(await creator.client.sync.pull.query({ after: 0 })).changes;
    const promos = feed.filter((c) => c.entity === 'promo').map((c) => c.data as PromoSnapshot);
    expect(promos).toEqual([
      {
        id,
        creatorId: creator.account.id,
        code: 'SUMMER-25',
        percentOff: 25,
        amountOff: null,
        currency: 'USD',
        tierId: creator.tierId,
        maxUses: null,
        expiresAt: null,
        active: true,
        version: 1,
        createdAt: clock.now().toISOString(),
      },
      expect.objectContaining({ id, active: false, version: 2 }),
    ]);
  });

  it('sees a code created on the web in the feed', async () => {
    const creator = await signUp(server, 'creator');
    await creator.client.subscriptions.createPromo.mutate({ promo: { code: 'web10', amountOff: '100' } });
    const feed = decodePullPage(await creator.client.sync.pull.query({ after: 0 })).changes;
    expect(feed).toEqual([
      expect.objectContaining({
        entity: 'promo',
        data: expect.objectContaining({ code: 'WEB10', amountOff: '100', active: true }),
      }),
    ]);
  });

  it('refuses a code it cannot take, naming why, and writes nothing for it', async () => {
    const creator = await creatorWithTier();
    const other = await creatorWithTier();
    await push(creator.client, create(newId(), { code: 'TAKEN', percentOff: 10 }));
    const answers = await push(
      creator.client,
      create(newId(), { code: 'taken', percentOff: 20 }),
      create(newId(), { code: 'BOTH', percentOff: 20, amountOff: '100' }),
      create(newId(), { code: 'NEITHER' }),
      create(newId(), {
        code: 'STALE',
        percentOff: 5,
        expiresAt: new Date(clock.now().getTime() - 1).toISOString(),
      }),
      create(newId(), { code: 'NOTMINE', percentOff: 5, tierId: other.tierId }),
      create(newId(), { code: 'no spaces', percentOff: 5 }),
    );
    expect(answers.map((a) => (a.status === 'rejected' ? [a.code, a.message] : a.status))).toEqual([
      ['conflict', 'The code TAKEN exists already'],
      [
        'BAD_REQUEST',
        'The server refused it: draft.percentOff: a promo takes either a percentage or an amount off',
      ],
      [
        'BAD_REQUEST',
        'The server refused it: draft.percentOff: a promo takes either a percentage or an amount off',
      ],
      ['validation', 'a promo must expire in the future'],
      ['permission_denied', 'No such tier of yours'],
      ['BAD_REQUEST', 'The server refused it: draft.code: a code is 3 to 30 letters, digits, - or _'],
    ]);
    expect(await promosOf(creator.account.id)).toEqual([{ code: 'TAKEN', version: 1 }]);
  });

  it("refuses another creator's code and a manager without the finance scope", async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const id = newId();
    await push(owner.client, create(id, { code: 'OWNER', percentOff: 10 }));
    const [foreign] = await push(other.client, promoMutation(id, { type: 'deactivate' }));
    expect(foreign).toMatchObject({ status: 'rejected', code: 'permission_denied' });

    const manager = await signUp(server, 'manager');
    const asManager = pushAsManager(server, new SyncedKinds([promoSyncedKind(server.services.promos)]), {
      manager: manager.account,
      creatorId: owner.account.id,
      scopes: ['content', 'messages', 'live', 'calendar', 'settings'],
    });
    const { results } = await asManager([
      promoMutation(id, { type: 'deactivate' }),
      create(newId(), { code: 'MANAGER', percentOff: 50 }),
    ]);
    expect(results.map((r) => r.status === 'rejected' && r.code)).toEqual([
      'permission_denied',
      'permission_denied',
    ]);
    expect(await promosOf(owner.account.id)).toEqual([{ code: 'OWNER', version: 1 }]);
  });
});
