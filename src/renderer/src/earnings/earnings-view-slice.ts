import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { isCalendarDay } from '@shared/domain/calendar-day';
import type { Currency } from '@shared/domain/money/amount';
import type {
  EarningsEntry,
  EarningsFilter,
  EarningsPage,
  EarningsSummary,
  PaymentStatus,
} from '@shared/domain/money/earnings';
import type { PaymentSource } from '@shared/domain/money/ledger';

/** The filter bar as the creator set it ('' is "all"; days as the date fields give them, `YYYY-MM-DD`). */
export interface EarningsFilterForm {
  readonly source: PaymentSource | '';
  readonly status: PaymentStatus | '';
  readonly currency: Currency | '';
  readonly from: string;
  readonly to: string;
}

export const NO_FILTER: EarningsFilterForm = { source: '', status: '', currency: '', from: '', to: '' };

export type FilterCheck =
  | { readonly ok: true; readonly filter: EarningsFilter }
  | { readonly ok: false; readonly errors: { readonly from?: string; readonly to?: string } };

/** The filter the studio is asked for, or what to fix first (a half-typed date, an end before the start). */
export function checkFilter(form: EarningsFilterForm): FilterCheck {
  const errors: { from?: string; to?: string } = {};
  if (form.from !== '' && !isCalendarDay(form.from)) errors.from = 'Enter a whole date.';
  if (form.to !== '' && !isCalendarDay(form.to)) errors.to = 'Enter a whole date.';
  if (!errors.from && !errors.to && form.from !== '' && form.to !== '' && form.to < form.from) {
    errors.to = 'The last day must not be before the first.';
  }
  if (errors.from || errors.to) return { ok: false, errors };
  return {
    ok: true,
    filter: {
      ...(form.source === '' ? {} : { source: form.source }),
      ...(form.status === '' ? {} : { status: form.status }),
      ...(form.currency === '' ? {} : { currency: form.currency }),
      ...(form.from === '' ? {} : { from: form.from }),
      ...(form.to === '' ? {} : { to: form.to }),
    },
  };
}

/**
 * The Earnings screen's own state, held while the screen is shown (`useReducer`): nothing else in the studio
 * reads it. Every load carries a request number; an answer to an older one (the filter changed meanwhile,
 * another account was shown) is dropped.
 */
export interface EarningsViewState {
  readonly accountId: string | null;
  readonly form: EarningsFilterForm;
  readonly request: number;
  readonly loading: boolean;
  readonly error: string | null;
  readonly summary: EarningsSummary | null;
  readonly entries: readonly EarningsEntry[];
  readonly total: number;
  readonly nextOffset: number | null;
}

export const initialEarningsView: EarningsViewState = {
  accountId: null,
  form: NO_FILTER,
  request: 0,
  loading: false,
  error: null,
  summary: null,
  entries: [],
  total: 0,
  nextOffset: null,
};

export const earningsViewSlice = createSlice({
  name: 'earningsView',
  initialState: initialEarningsView,
  reducers: {
    filterEdited(draft, action: PayloadAction<Partial<EarningsFilterForm>>) {
      draft.form = { ...draft.form, ...action.payload };
    },
    filtersCleared(draft) {
      draft.form = NO_FILTER;
    },
    /** A load of `accountId`'s figures started; another account's are cleared at once. */
    loadStarted(draft, action: PayloadAction<{ accountId: string; request: number }>) {
      const { accountId, request } = action.payload;
      if (draft.accountId !== accountId) {
        return { ...initialEarningsView, form: draft.form, accountId, request, loading: true };
      }
      draft.request = request;
      draft.loading = true;
      draft.error = null;
    },
    loaded(draft, action: PayloadAction<{ request: number; summary: EarningsSummary; page: EarningsPage }>) {
      const { request, summary, page } = action.payload;
      if (request !== draft.request) return;
      return {
        ...draft,
        loading: false,
        error: null,
        summary,
        entries: page.entries,
        total: page.total,
        nextOffset: page.nextOffset,
      };
    },
    /** The next page of the list, for the same request (a newer load drops it). */
    moreLoaded(draft, action: PayloadAction<{ request: number; page: EarningsPage }>) {
      const { request, page } = action.payload;
      if (request !== draft.request) return;
      return {
        ...draft,
        entries: [...draft.entries, ...page.entries],
        total: page.total,
        nextOffset: page.nextOffset,
      };
    },
    loadFailed(draft, action: PayloadAction<{ request: number; error: string }>) {
      if (action.payload.request !== draft.request) return;
      draft.loading = false;
      draft.error = action.payload.error;
    },
  },
});

export const { filterEdited, filtersCleared, loadStarted, loaded, moreLoaded, loadFailed } =
  earningsViewSlice.actions;
