import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { errorMessage } from '../errors/error-message';
import { useStudioClient } from '../transport/client-context';
import {
  checkFilter,
  earningsViewSlice,
  initialEarningsView,
  loaded,
  loadFailed,
  loadStarted,
  moreLoaded,
} from './earnings-view-slice';

/** Rows the transaction list loads at a time. */
export const EARNINGS_PAGE = 50;
/** The most rows one call may ask for (the router's limit). */
const PAGE_MAX = 200;

/**
 * The Earnings screen's figures for the shown account: loaded when the account, the filter or the time zone
 * changes, and again whenever sync brings that account's payments (`sync.onChanged` of the `payment` kind).
 * Everything is read from the account's local copy, so it works offline.
 */
export function useEarnings(accountId: string | null, timeZone: string) {
  const client = useStudioClient();
  const [state, dispatch] = useReducer(earningsViewSlice.reducer, initialEarningsView);
  const checked = useMemo(() => checkFilter(state.form), [state.form]);
  const filter = checked.ok ? checked.filter : null;
  const requests = useRef(0);
  const shown = useRef(state.entries.length);
  useEffect(() => {
    shown.current = state.entries.length;
  }, [state.entries.length]);

  const load = useCallback(async () => {
    if (accountId === null || filter === null) return;
    const request = (requests.current += 1);
    dispatch(loadStarted({ accountId, request }));
    // A refresh keeps as many rows as were shown ("Show more" is not undone by a sync).
    const limit = Math.min(PAGE_MAX, Math.max(EARNINGS_PAGE, shown.current));
    try {
      const [summary, page] = await Promise.all([
        client.earnings.summary.query({ accountId, filter, timeZone }),
        client.earnings.list.query({ accountId, filter, timeZone, offset: 0, limit }),
      ]);
      dispatch(loaded({ request, summary, page }));
    } catch (error) {
      dispatch(loadFailed({ request, error: errorMessage(error) }));
    }
  }, [client, accountId, filter, timeZone]);

  useEffect(() => {
    void load();
  }, [load]);

  // The latest `load`, for the change feed below, which stays subscribed while the filter changes.
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  }, [load]);
  useEffect(() => {
    if (accountId === null) return;
    const subscription = client.sync.onChanged.subscribe(undefined, {
      onData: (changed) => {
        if (changed.accountId === accountId && changed.entity === 'payment') void latestLoad.current();
      },
      // The status bar already says when the studio is out of reach; the figures stay as they were.
      onError: () => undefined,
    });
    return () => subscription.unsubscribe();
  }, [client, accountId]);

  const loadMore = useCallback(async () => {
    if (accountId === null || filter === null || state.nextOffset === null) return;
    const request = state.request;
    try {
      const page = await client.earnings.list.query({
        accountId,
        filter,
        timeZone,
        offset: state.nextOffset,
        limit: EARNINGS_PAGE,
      });
      dispatch(moreLoaded({ request, page }));
    } catch (error) {
      dispatch(loadFailed({ request, error: errorMessage(error) }));
    }
  }, [client, accountId, filter, timeZone, state.nextOffset, state.request]);

  return { state, dispatch, checked, filter, loadMore };
}
