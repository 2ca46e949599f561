import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { LocalPromo, LocalTier } from '@shared/domain/subscriptions/local-offers';
import type { LocalTipSettings } from '@shared/domain/tips/local-tip-settings';

/** The shown account's offers as the studio holds them: tiers, promo codes and tip settings. */
export interface OffersSliceState {
  /** Which account these belong to: another account's offers are never stored here. */
  readonly accountId: string | null;
  /** null: not loaded yet. */
  readonly tiers: readonly LocalTier[] | null;
  readonly promos: readonly LocalPromo[] | null;
  readonly tipSettings: LocalTipSettings | null;
  readonly error: string | null;
}

const initialState: OffersSliceState = {
  accountId: null,
  tiers: null,
  promos: null,
  tipSettings: null,
  error: null,
};

type ForAccount<T> = PayloadAction<{ readonly accountId: string } & T>;
type Listed = 'tiers' | 'promos';

// The studio's own orders: tiers on sale first by rank; codes in use first, newest first.
const byTierOrder = (a: LocalTier, b: LocalTier) =>
  Number(a.archived) - Number(b.archived) || a.rank - b.rank || a.name.localeCompare(b.name);
const byPromoOrder = (a: LocalPromo, b: LocalPromo) =>
  Number(b.active) - Number(a.active) || b.createdAt.localeCompare(a.createdAt);

/** `list` with `stored` put in place of the records of the same id (or added) and `gone` taken out. */
function merged<T extends { readonly id: string }>(
  list: readonly T[] | null,
  stored: readonly T[],
  gone: readonly string[],
  order: (a: T, b: T) => number,
): T[] {
  const replaced = new Set([...stored.map((record) => record.id), ...gone]);
  return [...(list ?? []).filter((record) => !replaced.has(record.id)), ...stored].sort(order);
}

export const offersSlice = createSlice({
  name: 'offers',
  initialState,
  reducers: {
    /** A load of `accountId`'s offers started: another account's offers are cleared at once. */
    offersLoading(draft, action: PayloadAction<{ readonly accountId: string | null }>) {
      if (draft.accountId === action.payload.accountId) return;
      return { ...initialState, accountId: action.payload.accountId };
    },
    tiersStored(draft, action: ForAccount<{ tiers: readonly LocalTier[]; gone?: readonly string[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      draft.tiers = merged(draft.tiers, action.payload.tiers, action.payload.gone ?? [], byTierOrder);
    },
    promosStored(draft, action: ForAccount<{ promos: readonly LocalPromo[]; gone?: readonly string[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      draft.promos = merged(draft.promos, action.payload.promos, action.payload.gone ?? [], byPromoOrder);
    },
    /** A whole list as the studio returned it. */
    listLoaded(draft, action: ForAccount<{ list: Listed; records: readonly (LocalTier | LocalPromo)[] }>) {
      if (draft.accountId !== action.payload.accountId) return;
      if (action.payload.list === 'tiers') {
        draft.tiers = [...(action.payload.records as LocalTier[])].sort(byTierOrder);
      } else {
        draft.promos = [...(action.payload.records as LocalPromo[])].sort(byPromoOrder);
      }
    },
    tipSettingsStored(draft, action: ForAccount<{ tipSettings: LocalTipSettings }>) {
      if (draft.accountId !== action.payload.accountId) return;
      return { ...draft, tipSettings: action.payload.tipSettings };
    },
    offersFailed(draft, action: PayloadAction<string>) {
      draft.error = action.payload;
    },
  },
});

export const { offersLoading, tiersStored, promosStored, listLoaded, tipSettingsStored, offersFailed } =
  offersSlice.actions;

const needsCreator = (record: { readonly syncState: string } | null) =>
  record?.syncState === 'conflict' || record?.syncState === 'rejected';

/** How many offers wait for the creator: conflicts to settle and changes the server refused. */
export function offersNeedingAttention(slice: OffersSliceState): number {
  const records = [...(slice.tiers ?? []), ...(slice.promos ?? []), slice.tipSettings];
  return records.filter(needsCreator).length;
}
