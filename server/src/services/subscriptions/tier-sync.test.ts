import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@shared/domain/ids';
import { decodePullPage, type Change, type Mutation } from '@shared/domain/sync/protocol';
import {
  TIER_KIND,
  type TierChange,
  type TierDraft,
  type TierSnapshot,
} from '@shared/domain/subscriptions/tier';
import { sandboxPaymentMethod } from '../../adapters/payments/sandbox-rail';
import { pushAsManager } from '../../test/scoped-manager';
import { codeOf, signUp, startTestServer, type ServerClient, type TestServer } from '../../test/test-server';
import { SyncedKinds } from '../sync/synced-kind';
import { tierSyncedKind } from './tier-sync';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const gold = (change: Partial<TierDraft> = {}): TierDraft => ({
  name: 'Gold',
  description: 'Behind the scenes',
  perks: ['Monthly Q&A', 'All streams'],
  rank: 1,
  monthlyPrice: '900',
  annualPrice: '9000',
  trialDays: 7,
  ppvDiscountBps: 1000,
  ...change,
});
const tierMutation = (tierId: string, change: TierChange): Mutation => ({
  id: newId(),
  entity: TIER_KIND.entity,
  entityId: tierId,
  change,
});
const push = async (client: ServerClient, ...mutations: Mutation[]) =>
  (await client.sync.push.mutate({ mutations })).results;

async function feedOf(client: ServerClient): Promise<readonly Change[]> {
  return decodePullPage(await client.sync.pull.query({ after: 0, limit: 1000 })).changes;
}
const tiersRow = (id: string) =>
  server.db
    .selectFrom('tiers')
    .select(['name', 'monthly_price', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();

describe('tiers through sync.push', () => {
  it('creates a tier with the id the studio made, exactly once, and fans see it', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    const create = tierMutation(id, { type: 'create', draft: gold() });
    const answers = [...(await push(creator.client, create)), ...(await push(creator.client, create))];
    expect(answers.map((a) => a.status)).toEqual(['applied', 'duplicate']);
    expect(answers[0]).toMatchObject({ version: 1, seq: 1 });

    const [change] = await feedOf(creator.client);
    expect(change).toMatchObject({ entity: 'tier', op: 'upsert', id });
    expect(change!.data).toEqual({
      id,
      creatorId: creator.account.id,
      ...gold(),
      currency: 'USD',
      archived: false,
      version: 1,
      updatedAt: expect.any(String),
    } satisfies TierSnapshot);
    const page = await server.client().subscriptions.tiers.query({ handle: creator.account.handle! });
    expect(page).toEqual([expect.objectContaining({ id, name: 'Gold', monthlyPrice: '900', trialDays: 7 })]);
  });

  it('applies a new price to new subscribers only: a subscriber keeps the price they took', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    await push(creator.client, tierMutation(id, { type: 'create', draft: gold({ trialDays: 0 }) }));
    const fan = await signUp(server, 'fan');
    const subscription = await fan.client.subscriptions.subscribe.mutate({
      handle: creator.account.handle!,
      tierId: id,
      interval: 'month',
      paymentMethod: sandboxPaymentMethod('4242424242424242'),
      idempotencyKey: newId(),
    });
    expect(subscription).toMatchObject({ price: '900' });

    const [raised] = await push(
      creator.client,
      tierMutation(id, { type: 'update', baseVersion: 1, draft: gold({ monthlyPrice: '1200' }) }),
    );
    expect(raised).toMatchObject({ status: 'applied', version: 2 });
    expect(await fan.client.subscriptions.mine.query()).toEqual([
      expect.objectContaining({ id: subscription.id, price: '900' }),
    ]);
    const page = await server.client().subscriptions.tiers.query({ handle: creator.account.handle! });
    expect(page[0]).toMatchObject({ monthlyPrice: '1200' });
  });

  it('answers an edit based on an old version with a conflict carrying the web edit', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    await push(creator.client, tierMutation(id, { type: 'create', draft: gold() }));
    // On the web: the same tier renamed. It reaches the studio through the feed too.
    await creator.client.subscriptions.updateTier.mutate({ tierId: id, tier: gold({ name: 'Gold (web)' }) });
    expect((await feedOf(creator.client)).map((c) => (c.data as TierSnapshot).version)).toEqual([1, 2]);

    const [answer] = await push(
      creator.client,
      tierMutation(id, { type: 'update', baseVersion: 1, draft: gold({ name: 'Gold (studio)' }) }),
    );
    expect(answer).toMatchObject({ status: 'conflict', current: { name: 'Gold (web)', version: 2 } });
    expect(await tiersRow(id)).toMatchObject({ name: 'Gold (web)', version: 2 });
  });

  it('archives a tier once, and refuses to edit it afterwards', async () => {
    const creator = await signUp(server, 'creator');
    const id = newId();
    await push(creator.client, tierMutation(id, { type: 'create', draft: gold() }));
    const [archived, again] = await push(
      creator.client,
      tierMutation(id, { type: 'archive' }),
      tierMutation(id, { type: 'archive' }),
    );
    expect(archived).toMatchObject({ status: 'applied', version: 2 });
    expect(again).toMatchObject({ status: 'applied', version: 2, seq: null });
    expect(await server.client().subscriptions.tiers.query({ handle: creator.account.handle! })).toEqual([]);

    const [edit] = await push(
      creator.client,
      tierMutation(id, { type: 'update', baseVersion: 2, draft: gold({ name: 'Revived' }) }),
    );
    expect(edit).toMatchObject({ status: 'rejected', code: 'invalid_state', message: /archived/ });
    await expect(
      creator.client.subscriptions.updateTier.mutate({ tierId: id, tier: gold({ name: 'Revived' }) }),
    ).rejects.toThrow(/archived/);
    expect(await tiersRow(id)).toMatchObject({ name: 'Gold', version: 2 });
  });

  it('refuses a price under $1.00 and a trial over 7 days, naming the field, and writes nothing', async () => {
    const creator = await signUp(server, 'creator');
    const cheap = tierMutation(newId(), { type: 'create', draft: gold({ monthlyPrice: '99' }) });
    const longTrial = tierMutation(newId(), { type: 'create', draft: gold({ trialDays: 8 }) });
    const badAnnual = tierMutation(newId(), { type: 'create', draft: gold({ annualPrice: '12.00' }) });
    const answers = await push(creator.client, cheap, longTrial, badAnnual);
    expect(answers.map((a) => a.status === 'rejected' && a.message)).toEqual([
      'The server refused it: draft.monthlyPrice: a monthly price is at least $1.00',
      'The server refused it: draft.trialDays: a free trial is 0 to 7 days',
      'The server refused it: draft.annualPrice: must be a whole number of minor units (cents), as digits',
    ]);
    expect(await feedOf(creator.client)).toEqual([]);
    expect(
      await server.db.selectFrom('tiers').where('creator_id', '=', creator.account.id).selectAll().execute(),
    ).toEqual([]);
  });

  it("refuses another creator's tier and a manager without the finance scope, and writes nothing", async () => {
    const owner = await signUp(server, 'creator');
    const other = await signUp(server, 'creator');
    const id = newId();
    await push(owner.client, tierMutation(id, { type: 'create', draft: gold() }));

    // Another creator names the tier in their own push: not theirs.
    const [foreign, foreignArchive] = await push(
      other.client,
      tierMutation(id, { type: 'update', baseVersion: 1, draft: gold({ monthlyPrice: '100' }) }),
      tierMutation(id, { type: 'archive' }),
    );
    expect(foreign).toMatchObject({ status: 'rejected', code: 'permission_denied' });
    expect(foreignArchive).toMatchObject({ status: 'rejected', code: 'SKIPPED' });
    // …or claims to act for the owner: refused outright.
    await expect(
      other.client.sync.push
        .mutate({ creatorId: owner.account.id, mutations: [tierMutation(id, { type: 'archive' })] })
        .catch(codeOf),
    ).resolves.toBe('FORBIDDEN');

    const manager = await signUp(server, 'manager');
    const kinds = new SyncedKinds([tierSyncedKind(server.services.tiers)]);
    const contentOnly = pushAsManager(server, kinds, {
      manager: manager.account,
      creatorId: owner.account.id,
      scopes: ['content', 'settings'],
    });
    const { results } = await contentOnly([
      tierMutation(newId(), { type: 'create', draft: gold({ name: 'By the manager' }) }),
      tierMutation(id, { type: 'archive' }),
    ]);
    expect(results).toEqual([
      expect.objectContaining({
        status: 'rejected',
        code: 'permission_denied',
        message: 'Acting for this creator does not cover finance',
      }),
      expect.objectContaining({
        status: 'rejected',
        code: 'permission_denied',
        message: 'Acting for this creator does not cover finance',
      }),
    ]);
    expect(await tiersRow(id)).toMatchObject({ name: 'Gold', monthly_price: '900', version: 1 });
    expect(await feedOf(owner.client)).toHaveLength(1);

    // The finance scope is what it takes.
    const withFinance = pushAsManager(server, kinds, {
      manager: manager.account,
      creatorId: owner.account.id,
      scopes: ['finance'],
    });
    const granted = await withFinance([tierMutation(id, { type: 'archive' })]);
    expect(granted.results[0]).toMatchObject({ status: 'applied', version: 2 });
  });
});
