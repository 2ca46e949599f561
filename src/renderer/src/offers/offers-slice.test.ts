import { describe, expect, it } from 'vitest';
import type { LocalPromo, LocalTier } from '@shared/domain/subscriptions/local-offers';
import {
  listLoaded,
  offersLoading,
  offersNeedingAttention,
  offersSlice,
  promosStored,
  tiersStored,
  type OffersSliceState,
} from './offers-slice';

const tier = (id: string, rank: number, change: Partial<LocalTier> = {}) =>
  ({ id, name: id, rank, archived: false, syncState: 'synced', ...change }) as LocalTier;
const promo = (id: string, createdAt: string, change: Partial<LocalPromo> = {}) =>
  ({ id, createdAt, active: true, syncState: 'synced', ...change }) as LocalPromo;
const reduce = (
  state: OffersSliceState | undefined,
  ...actions: Parameters<typeof offersSlice.reducer>[1][]
) => actions.reduce((s, action) => offersSlice.reducer(s, action), state ?? offersSlice.getInitialState());

describe('the offers slice', () => {
  it('keeps tiers on sale first by rank, and replaces or drops them by id', () => {
    const state = reduce(
      undefined,
      offersLoading({ accountId: 'a' }),
      listLoaded({
        accountId: 'a',
        list: 'tiers',
        records: [tier('gold', 2), tier('old', 0, { archived: true }), tier('silver', 1)],
      }),
      tiersStored({ accountId: 'a', tiers: [tier('gold', 0, { name: 'Bronze' })], gone: ['silver'] }),
    );
    expect(state.tiers?.map((t) => t.name)).toEqual(['Bronze', 'old']);
  });

  it('never stores another account’s offers, and counts what waits for the creator', () => {
    const state = reduce(
      undefined,
      offersLoading({ accountId: 'a' }),
      promosStored({ accountId: 'b', promos: [promo('elsewhere', '2026-01-01')] }),
      promosStored({
        accountId: 'a',
        promos: [
          promo('old', '2026-01-01', { active: false }),
          promo('new', '2026-02-01', { syncState: 'rejected' }),
        ],
      }),
      tiersStored({ accountId: 'a', tiers: [tier('gold', 1, { syncState: 'conflict' })] }),
    );
    expect(state.promos?.map((p) => p.id)).toEqual(['new', 'old']);
    expect(offersNeedingAttention(state)).toBe(2);
    expect(reduce(state, offersLoading({ accountId: 'b' })).tiers).toBeNull();
  });
});
