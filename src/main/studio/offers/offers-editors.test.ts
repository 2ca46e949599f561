import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromoMutation } from '@shared/domain/subscriptions/promo';
import type { TierDraft, TierMutation, TierSnapshot } from '@shared/domain/subscriptions/tier';
import type { Mutation, MutationResult } from '@shared/domain/sync/protocol';
import type { TipSettingsMutation, TipSettingsSnapshot } from '@shared/domain/tips/tip-settings';
import { openDatabase, type StudioDatabase } from '../db/connection';
import { applyAnswers } from '../sync/apply-answers';
import { applyPage } from '../sync/apply-page';
import { Outbox } from '../sync/outbox';
import { StudioKinds } from '../sync/synced-kind';
import { tempDir } from '../test/temp-dir';
import { openOffers } from './offers-feature';

const ACCOUNT = {
  id: '018f0000-0000-7000-8000-0000000000cc',
  serverUrl: 'http://127.0.0.1:9',
  email: 'c@example.test',
  handle: 'c',
  displayName: 'Mara',
  role: 'creator' as const,
};
const gold = (change: Partial<TierDraft> = {}): TierDraft => ({
  name: 'Gold',
  description: '',
  perks: ['Monthly Q&A'],
  rank: 1,
  monthlyPrice: '900',
  annualPrice: null,
  trialDays: 0,
  ppvDiscountBps: 0,
  ...change,
});
const serverTier = (id: string, version: number, change: Partial<TierSnapshot> = {}): TierSnapshot => ({
  id,
  creatorId: ACCOUNT.id,
  ...gold(),
  currency: 'USD',
  archived: false,
  version,
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...change,
});

let dir: ReturnType<typeof tempDir>;
let db: StudioDatabase;
let outbox: Outbox;
let offers: ReturnType<typeof openOffers>;
let kinds: StudioKinds;
beforeEach(() => {
  dir = tempDir();
  db = openDatabase(join(dir.path, 'account.sqlite'));
  outbox = new Outbox(db);
  offers = openOffers({ db, outbox, account: ACCOUNT });
  kinds = new StudioKinds(offers.kinds);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const waiting = () => outbox.peek(100).map((entry) => entry.mutation);
const tierChanges = () => waiting().map((m) => (m as TierMutation).change);
/** The server's answer to the oldest waiting mutation. */
function answer(result: (mutation: Mutation) => MutationResult): void {
  const mutation = outbox.peek(1)[0]!.mutation;
  applyAnswers(db, outbox, kinds, [mutation], [result(mutation)]);
}
const applied = (version: number) => (m: Mutation) =>
  ({ id: m.id, status: 'applied', seq: version, version }) as const;
const pulled = (entity: string, id: string, data: unknown, seq = 1) =>
  applyPage(db, kinds, [{ seq, entity, op: 'upsert', id, data }], seq);

describe('tiers in the studio', () => {
  it('creates a tier with its own id, queues the create, then edits over the predicted version', () => {
    const tier = offers.tiers.create(gold());
    expect(tier).toMatchObject({ name: 'Gold', version: 1, syncState: 'pending', archived: false });
    offers.tiers.update(tier.id, gold({ monthlyPrice: '1200' }));
    expect(waiting().every((m) => m.entityId === tier.id)).toBe(true);
    expect(tierChanges()).toEqual([
      { type: 'create', draft: gold() },
      { type: 'update', baseVersion: 1, draft: gold({ monthlyPrice: '1200' }) },
    ]);
    expect(offers.tiers.list()).toEqual([expect.objectContaining({ monthlyPrice: '1200', version: 2 })]);
  });

  it('refuses what the server would refuse, naming the field, and queues nothing', () => {
    expect(() => offers.tiers.create(gold({ monthlyPrice: '99' }))).toThrow(
      'monthlyPrice: a monthly price is at least $1.00',
    );
    expect(() => offers.tiers.create(gold({ trialDays: 8 }))).toThrow(
      'trialDays: a free trial is 0 to 7 days',
    );
    expect(() => offers.tiers.create({ ...gold(), name: '  ' })).toThrow('name: a tier needs a name');
    expect(offers.tiers.list()).toEqual([]);
    expect(waiting()).toEqual([]);
  });

  it('bases a waiting edit on the version the server answered, which a web edit in between moved', () => {
    const tier = offers.tiers.create(gold());
    answer(applied(1));
    offers.tiers.update(tier.id, gold({ name: 'One' }));
    offers.tiers.update(tier.id, gold({ name: 'Two' }));
    // The first edit lands after a web edit: as version 3, not 2.
    answer(applied(3));
    expect(tierChanges()).toEqual([{ type: 'update', baseVersion: 3, draft: gold({ name: 'Two' }) }]);
    expect(offers.tiers.list()[0]).toMatchObject({ name: 'Two', version: 4, syncState: 'pending' });
  });

  it('keeps a conflict side by side and settles it either way', () => {
    const tier = offers.tiers.create(gold());
    answer(applied(1));
    pulled('tier', tier.id, serverTier(tier.id, 1));
    expect(offers.tiers.list()[0]).toMatchObject({ syncState: 'synced', version: 1 });

    offers.tiers.update(tier.id, gold({ name: 'Gold (studio)' }));
    const web = serverTier(tier.id, 2, { name: 'Gold (web)' });
    answer((m) => ({ id: m.id, status: 'conflict', current: web }));
    expect(waiting()).toEqual([]);
    expect(offers.tiers.list()[0]).toMatchObject({
      name: 'Gold (studio)',
      syncState: 'conflict',
      serverVersion: { name: 'Gold (web)', version: 2 },
    });
    // Edited again while in conflict: only the creator's side changes.
    offers.tiers.update(tier.id, gold({ name: 'Gold (studio, again)' }));
    expect(waiting()).toEqual([]);

    expect(offers.tiers.resolveConflict(tier.id, 'mine')).toMatchObject({
      name: 'Gold (studio, again)',
      version: 3,
      syncState: 'pending',
    });
    expect(tierChanges()).toEqual([
      { type: 'update', baseVersion: 2, draft: gold({ name: 'Gold (studio, again)' }) },
    ]);
    answer((m) => ({
      id: m.id,
      status: 'conflict',
      current: serverTier(tier.id, 3, { name: 'Gold (web 2)' }),
    }));
    expect(offers.tiers.resolveConflict(tier.id, 'server')).toMatchObject({
      name: 'Gold (web 2)',
      version: 3,
      syncState: 'synced',
    });
  });

  it('archives for good: a tier the server never had just goes; a synced one is no longer edited', () => {
    const draftOnly = offers.tiers.create(gold());
    answer((m) => ({ id: m.id, status: 'rejected', code: 'validation', message: 'no' }));
    expect(offers.tiers.list()[0]).toMatchObject({ syncState: 'rejected', syncError: 'no' });
    expect(offers.tiers.archive(draftOnly.id)).toBeNull();
    expect(offers.tiers.list()).toEqual([]);

    const tier = offers.tiers.create(gold());
    answer(applied(1));
    expect(offers.tiers.archive(tier.id)).toMatchObject({ archived: true, version: 2, syncState: 'pending' });
    expect(tierChanges()).toEqual([{ type: 'archive' }]);
    expect(() => offers.tiers.update(tier.id, gold({ name: 'Back' }))).toThrow(/archived/);
  });
});

describe('promo codes in the studio', () => {
  it('creates a code upper-case with its own id; refuses a code it holds, an archived tier and a past expiry', () => {
    const tier = offers.tiers.create(gold());
    const promo = offers.promos.create({ code: 'summer', percentOff: 20, tierId: tier.id });
    expect(promo).toMatchObject({ code: 'SUMMER', active: true, syncState: 'pending' });
    expect(() => offers.promos.create({ code: 'Summer', amountOff: '100' })).toThrow(
      'The code SUMMER exists already',
    );
    expect(() => offers.promos.create({ code: 'BOTH', percentOff: 5, amountOff: '100' })).toThrow(
      'percentOff: a promo takes either a percentage or an amount off',
    );
    expect(() =>
      offers.promos.create({ code: 'OLD', percentOff: 5, expiresAt: '2001-01-01T00:00:00Z' }),
    ).toThrow('a promo must expire in the future');
    answer(applied(1));
    answer(applied(1));
    offers.tiers.archive(tier.id);
    expect(() => offers.promos.create({ code: 'LATE', percentOff: 5, tierId: tier.id })).toThrow(
      'tierId: this tier is archived and takes no new subscribers',
    );
  });

  it('deactivates a synced code through the outbox, and drops one the server refused', () => {
    const kept = offers.promos.create({ code: 'KEPT', percentOff: 10 });
    const refused = offers.promos.create({ code: 'TAKEN', percentOff: 10 });
    answer(applied(1));
    answer((m) => ({
      id: m.id,
      status: 'rejected',
      code: 'conflict',
      message: 'The code TAKEN exists already',
    }));
    expect(offers.promos.byIds([refused.id]).promos[0]).toMatchObject({
      syncState: 'rejected',
      syncError: 'The code TAKEN exists already',
    });
    expect(offers.promos.deactivate(refused.id)).toBeNull();
    expect(offers.promos.deactivate(kept.id)).toMatchObject({ active: false, syncState: 'pending' });
    expect(waiting().map((m) => (m as PromoMutation).change)).toEqual([{ type: 'deactivate' }]);
    answer(applied(2));
    pulled('promo', kept.id, { ...offers.promos.list()[0], active: false, version: 2 }, 2);
    expect(offers.promos.list()).toEqual([
      expect.objectContaining({ code: 'KEPT', active: false, syncState: 'synced' }),
    ]);
  });
});

describe('tip settings in the studio', () => {
  const server = (version: number, minimum: string): TipSettingsSnapshot => ({
    creatorId: ACCOUNT.id,
    currency: 'USD',
    minimum,
    presets: ['500'],
    goal: null,
    version,
    updatedAt: '2026-12-01T00:00:00.000Z',
  });

  it('starts from the defaults, queues each save over the version before it, and names a refused field', () => {
    expect(offers.tipSettings.get()).toMatchObject({
      minimum: '100',
      presets: ['500', '1000', '2000'],
      version: 0,
    });
    offers.tipSettings.update({ minimum: '300', presets: ['1000', '500'], goal: null });
    offers.tipSettings.update({ minimum: '300', presets: ['500'], goal: { title: 'Lens', amount: '50000' } });
    expect(waiting().map((m) => (m as TipSettingsMutation).change.baseVersion)).toEqual([0, 1]);
    expect(offers.tipSettings.get()).toMatchObject({ presets: ['500'], version: 2, syncState: 'pending' });
    expect(() => offers.tipSettings.update({ minimum: '49', presets: [], goal: null })).toThrow(
      'minimum: the smallest tip can be no less than $0.50 (card fees)',
    );
  });

  it('meets settings changed on the web as a conflict, and keeps either side', () => {
    pulled('tip_settings', ACCOUNT.id, server(1, '200'));
    expect(offers.tipSettings.get()).toMatchObject({ minimum: '200', version: 1, syncState: 'synced' });
    offers.tipSettings.update({ minimum: '300', presets: ['500'], goal: null });
    answer((m) => ({ id: m.id, status: 'conflict', current: server(2, '400') }));
    expect(offers.tipSettings.get()).toMatchObject({
      minimum: '300',
      syncState: 'conflict',
      serverVersion: { minimum: '400', version: 2 },
    });
    expect(offers.tipSettings.resolveConflict('mine')).toMatchObject({ minimum: '300', version: 3 });
    expect(waiting().map((m) => (m as TipSettingsMutation).change.baseVersion)).toEqual([2]);
  });
});
