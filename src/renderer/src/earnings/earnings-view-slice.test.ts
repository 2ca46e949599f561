import { describe, expect, it } from 'vitest';
import type { EarningsPage, EarningsSummary } from '@shared/domain/money/earnings';
import {
  checkFilter,
  earningsViewSlice,
  filterEdited,
  filtersCleared,
  initialEarningsView,
  loaded,
  loadFailed,
  loadStarted,
  moreLoaded,
  NO_FILTER,
  type EarningsViewState,
} from './earnings-view-slice';

const reduce = (state: EarningsViewState, ...actions: Parameters<typeof earningsViewSlice.reducer>[1][]) =>
  actions.reduce(earningsViewSlice.reducer, state);

const summary = (net: string): EarningsSummary => ({
  paymentCount: 1,
  balances: [{ currency: 'USD', net }],
  matching: 1,
  totals: [],
  daily: [],
});
const page = (ids: string[], nextOffset: number | null = null): EarningsPage => ({
  entries: ids.map((id) => ({
    id,
    source: 'tip',
    status: 'succeeded',
    currency: 'USD',
    itemId: null,
    fanId: 'f',
    amount: '555',
    fee: '55',
    refunded: '0',
    net: '500',
    at: '2026-12-02T10:00:00.000Z',
    day: '2026-12-02',
  })),
  total: 3,
  nextOffset,
});

describe('the earnings filter bar', () => {
  it('asks for nothing it was not given: empty fields match everything', () => {
    expect(checkFilter(NO_FILTER)).toEqual({ ok: true, filter: {} });
    expect(
      checkFilter({
        source: 'tip',
        status: 'succeeded',
        currency: 'USD',
        from: '2026-12-01',
        to: '2026-12-01',
      }),
    ).toEqual({
      ok: true,
      filter: { source: 'tip', status: 'succeeded', currency: 'USD', from: '2026-12-01', to: '2026-12-01' },
    });
  });

  it('says what to fix instead of asking: a date that is not one, an end before the start', () => {
    expect(checkFilter({ ...NO_FILTER, from: '2026-02-30' })).toEqual({
      ok: false,
      errors: { from: 'Enter a whole date.' },
    });
    expect(checkFilter({ ...NO_FILTER, from: '2026-12-02', to: '2026-12-01' })).toEqual({
      ok: false,
      errors: { to: 'The last day must not be before the first.' },
    });
  });

  it('keeps the fields as edited until cleared', () => {
    const state = reduce(
      initialEarningsView,
      filterEdited({ source: 'ppv' }),
      filterEdited({ from: '2026-12-01' }),
    );
    expect(state.form).toEqual({ ...NO_FILTER, source: 'ppv', from: '2026-12-01' });
    expect(reduce(state, filtersCleared()).form).toEqual(NO_FILTER);
  });
});

describe('the earnings view’s loads', () => {
  it('drops an answer to an older request: the figures shown are those of the last filter asked for', () => {
    const state = reduce(
      initialEarningsView,
      loadStarted({ accountId: 'a1', request: 1 }),
      loadStarted({ accountId: 'a1', request: 2 }),
      loaded({ request: 2, summary: summary('200'), page: page(['new']) }),
      loaded({ request: 1, summary: summary('100'), page: page(['old']) }),
      loadFailed({ request: 1, error: 'too late' }),
    );
    expect(state.summary?.balances).toEqual([{ currency: 'USD', net: '200' }]);
    expect(state.entries.map((e) => e.id)).toEqual(['new']);
    expect(state).toMatchObject({ loading: false, error: null });
  });

  it('never shows one account’s earnings under another, and keeps the filter across accounts', () => {
    const a1 = reduce(
      initialEarningsView,
      filterEdited({ source: 'tip' }),
      loadStarted({ accountId: 'a1', request: 1 }),
      loaded({ request: 1, summary: summary('100'), page: page(['p1']) }),
    );
    const a2 = reduce(a1, loadStarted({ accountId: 'a2', request: 2 }));
    expect(a2).toMatchObject({ accountId: 'a2', summary: null, entries: [], loading: true });
    expect(a2.form.source).toBe('tip');
    // A refresh of the same account keeps what is shown until the answer comes.
    const refreshing = reduce(a1, loadStarted({ accountId: 'a1', request: 3 }));
    expect(refreshing.entries.map((e) => e.id)).toEqual(['p1']);
  });

  it('adds the next page to the list, unless a newer load started meanwhile', () => {
    const first = reduce(
      initialEarningsView,
      loadStarted({ accountId: 'a1', request: 1 }),
      loaded({ request: 1, summary: summary('100'), page: page(['p1', 'p2'], 2) }),
    );
    expect(reduce(first, moreLoaded({ request: 1, page: page(['p3']) })).entries.map((e) => e.id)).toEqual([
      'p1',
      'p2',
      'p3',
    ]);
    const newer = reduce(
      first,
      loadStarted({ accountId: 'a1', request: 2 }),
      moreLoaded({ request: 1, page: page(['p3']) }),
    );
    expect(newer.entries.map((e) => e.id)).toEqual(['p1', 'p2']);
  });

  it('says why a load failed, and clears it when the next one starts', () => {
    const failed = reduce(
      initialEarningsView,
      loadStarted({ accountId: 'a1', request: 1 }),
      loadFailed({ request: 1, error: 'The studio is not reachable.' }),
    );
    expect(failed).toMatchObject({ loading: false, error: 'The studio is not reachable.' });
    expect(reduce(failed, loadStarted({ accountId: 'a1', request: 2 })).error).toBeNull();
  });
});
