import { describe, expect, it } from 'vitest';
import type { TierDraft } from '@shared/domain/subscriptions/tier';
import { decodePullPage } from '@shared/domain/sync/protocol';
import { realServerSuite } from '../test/real-server-suite';
import { signUpOnServer } from '../test/server-accounts';
import { boundToAccount, waitFor, type TestStudio } from '../test/studio-harness';

const { server, openSignedIn } = realServerSuite();

const gold = (change: Partial<TierDraft> = {}): TierDraft => ({
  name: 'Gold',
  description: 'Studio notes every week',
  perks: ['Monthly Q&A'],
  rank: 1,
  monthlyPrice: '900',
  annualPrice: '9000',
  trialDays: 7,
  ppvDiscountBps: 0,
  ...change,
});

/** `offers.*` of the studio's active account. */
const offersOf = (t: TestStudio) => boundToAccount(t.api.offers, () => t.studio.state().activeAccountId!);

describe('offers with the real server', () => {
  it('delivers a tier, a promo code and tip settings made offline exactly once when the server is back', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator);
    const offers = offersOf(t);
    await waitFor('online', () => t.studio.state().sync.state === 'online');

    await server.kill();
    const tier = await offers.createTier({ draft: gold() });
    const promo = await offers.createPromo({ draft: { code: 'launch', percentOff: 30, tierId: tier.id } });
    await offers.updateTipSettings({
      draft: { minimum: '300', presets: ['500', '1500'], goal: { title: 'New lens', amount: '80000' } },
    });
    await waitFor('offline', () => t.studio.state().sync.state === 'offline');
    expect(t.studio.state().sync.pending).toBe(3);
    expect(await offers.tiers()).toEqual([expect.objectContaining({ id: tier.id, syncState: 'pending' })]);

    await server.start();
    await waitFor('all synced', async () => {
      const [tiers, promos, settings] = await Promise.all([
        offers.tiers(),
        offers.promos(),
        offers.tipSettings(),
      ]);
      return [...tiers, ...promos, settings].every((record) => record.syncState === 'synced');
    });
    expect(t.studio.state().sync.pending).toBe(0);

    const fans = creator.api;
    expect(await fans.subscriptions.tiers.query({ handle: creator.handle })).toEqual([
      expect.objectContaining({
        id: tier.id,
        name: 'Gold',
        monthlyPrice: '900',
        annualPrice: '9000',
        trialDays: 7,
      }),
    ]);
    expect(await fans.tips.settings.query({ handle: creator.handle })).toMatchObject({
      minimum: '300',
      presets: ['500', '1500'],
      goal: { title: 'New lens', amount: '80000', raised: '0' },
    });
    const feed = decodePullPage(await creator.api.sync.pull.query({ after: 0 })).changes;
    expect(feed.map((c) => [c.entity, c.id])).toEqual([
      ['tier', tier.id],
      ['promo', promo.id],
      ['tip_settings', creator.id],
    ]);
    expect(await offers.promos()).toEqual([
      expect.objectContaining({ id: promo.id, code: 'LAUNCH', version: 1, syncState: 'synced' }),
    ]);
    expect(await offers.tipSettings()).toMatchObject({
      version: 1,
      goal: { title: 'New lens', startedAt: expect.stringMatching(/^\d{4}-/) },
    });
  });

  it('surfaces a tier edited on the web and in the studio as a conflict, and keeps the side chosen', async () => {
    const creator = await signUpOnServer(server.url);
    const t = await openSignedIn(creator, { sync: { live: false } });
    const offers = offersOf(t);
    const tier = await offers.createTier({ draft: gold() });
    await waitFor('synced', async () => (await offers.tiers())[0]?.syncState === 'synced');

    await creator.api.subscriptions.updateTier.mutate({
      tierId: tier.id,
      tier: gold({ monthlyPrice: '1100' }),
    });
    await offers.updateTier({ id: tier.id, draft: gold({ monthlyPrice: '1000', name: 'Gold+' }) });
    await waitFor('the conflict', async () => (await offers.tiers())[0]?.syncState === 'conflict');
    expect((await offers.tiers())[0]).toMatchObject({
      name: 'Gold+',
      monthlyPrice: '1000',
      serverVersion: { name: 'Gold', monthlyPrice: '1100', version: 2 },
    });
    expect(t.studio.state().sync.pending).toBe(0);

    await offers.resolveTierConflict({ id: tier.id, keep: 'mine' });
    await t.syncNow();
    await waitFor('synced', async () => (await offers.tiers())[0]?.syncState === 'synced');
    expect(await creator.api.subscriptions.tiers.query({ handle: creator.handle })).toEqual([
      expect.objectContaining({ id: tier.id, name: 'Gold+', monthlyPrice: '1000' }),
    ]);
    expect((await offers.tiers())[0]).toMatchObject({ name: 'Gold+', version: 3 });

    // Archived on the web: the studio hears of it and edits are refused there too.
    await creator.api.subscriptions.archiveTier.mutate({ tierId: tier.id });
    await t.syncNow();
    await waitFor('archived', async () => (await offers.tiers())[0]?.archived === true);
    await expect(offers.updateTier({ id: tier.id, draft: gold() })).rejects.toThrow(/archived/);
  });
});
