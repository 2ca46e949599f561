import { Fragment, useMemo, type Dispatch } from 'react';
import type { UnknownAction } from '@reduxjs/toolkit';
import { calendarDayOf } from '@shared/domain/calendar-day';
import type { Currency } from '@shared/domain/money/amount';
import {
  PAYMENT_SOURCES,
  PAYMENT_STATUSES,
  type EarningsEntry,
  type EarningsSummary,
  type PaymentStatus,
} from '@shared/domain/money/earnings';
import type { PaymentSource } from '@shared/domain/money/ledger';
import type { AccountSummary } from '@shared/domain/sync/status';
import { downloadTextFile } from '../files/download';
import { Field } from '../forms/Field';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useAppSelector } from '../store/hooks';
import { activeAccount } from '../store/studio-slice';
import { useStudioClient } from '../transport/client-context';
import { EarningsChart } from './EarningsChart';
import {
  dayLabel,
  localTimeZone,
  money,
  SOURCE_LABEL_ONE,
  SOURCE_LABELS,
  STATUS_LABELS,
  timeLabel,
} from './earnings-format';
import {
  filterEdited,
  filtersCleared,
  NO_FILTER,
  type EarningsFilterForm,
  type EarningsViewState,
  type FilterCheck,
} from './earnings-view-slice';
import { useEarnings } from './use-earnings';
import './earnings.css';

export const EMPTY_EARNINGS =
  'No earnings yet — tips, subscriptions and pay-per-view appear here after sync.';

/** Earnings: what fans paid and what the creator keeps, read from the studio's own copy (offline too). */
export function EarningsScreen() {
  const account = useAppSelector((state) => activeAccount(state.studio));
  if (!account) {
    return (
      <section className="earnings">
        <h1 id="screen-title">Earnings</h1>
        <p className="muted">Sign in with a creator account (under Accounts) to see your earnings.</p>
      </section>
    );
  }
  return <AccountEarnings key={account.id} account={account} />;
}

function AccountEarnings({ account }: { account: AccountSummary }) {
  const timeZone = useMemo(localTimeZone, []);
  const { state, dispatch, checked, loadMore } = useEarnings(account.id, timeZone);
  const { summary, error } = state;
  const empty = summary !== null && summary.paymentCount === 0;
  return (
    <section className="earnings">
      <header className="screen-header">
        <h1 id="screen-title">Earnings</h1>
        {summary !== null && !empty && (
          <DownloadCsv account={account} timeZone={timeZone} checked={checked} />
        )}
      </header>
      <p className="earnings-payouts">
        <span className="badge">Payouts: not set up yet</span>
      </p>
      {error !== null && (
        <p className="form-error" role="alert">
          The earnings could not be read: {error}
        </p>
      )}
      {summary === null ? (
        error === null && (
          <p className="muted" role="status">
            Loading your earnings…
          </p>
        )
      ) : empty ? (
        <p className="muted empty">{EMPTY_EARNINGS}</p>
      ) : (
        <>
          <Balances summary={summary} />
          <Filters state={state} dispatch={dispatch} checked={checked} currencies={summary.balances} />
          <Totals summary={summary} />
          <section className="earnings-section" aria-labelledby="earnings-days-title">
            <h2 id="earnings-days-title">Per day</h2>
            <p className="muted small">Days are in your time zone ({timeZone}).</p>
            {summary.daily.length === 0 ? (
              <p className="muted">Nothing earned on these days.</p>
            ) : (
              summary.daily.map((series) => <EarningsChart key={series.currency} series={series} />)
            )}
          </section>
          <Transactions state={state} timeZone={timeZone} onMore={() => void loadMore()} />
        </>
      )}
    </section>
  );
}

function Balances({ summary }: { summary: EarningsSummary }) {
  return (
    <section className="earnings-section" aria-labelledby="earnings-balance-title">
      <h2 id="earnings-balance-title">Balance</h2>
      <ul className="earnings-cards">
        {summary.balances.map((b) => (
          <li key={b.currency} className="card earnings-card">
            <span className="earnings-card__label">{b.currency}</span>
            <span className="earnings-card__figure">{money(b.currency, b.net)}</span>
          </li>
        ))}
      </ul>
      <p className="muted small">What you earned, after the platform fee and refunds, in all.</p>
    </section>
  );
}

function Filters({
  state,
  dispatch,
  checked,
  currencies,
}: {
  state: EarningsViewState;
  dispatch: Dispatch<UnknownAction>;
  checked: FilterCheck;
  currencies: EarningsSummary['balances'];
}) {
  const { form } = state;
  const edit = (change: Partial<EarningsFilterForm>) => dispatch(filterEdited(change));
  const errors = checked.ok ? {} : checked.errors;
  const filtered = JSON.stringify(form) !== JSON.stringify(NO_FILTER);
  return (
    <form
      className="earnings-filters"
      aria-label="Filter earnings"
      role="search"
      onSubmit={(event) => event.preventDefault()}
    >
      <Field label="Source">
        {(id, errorLink) => (
          <select
            id={id}
            value={form.source}
            onChange={(event) => edit({ source: event.target.value as PaymentSource | '' })}
            {...errorLink}
          >
            <option value="">All sources</option>
            {PAYMENT_SOURCES.map((source) => (
              <option key={source} value={source}>
                {SOURCE_LABELS[source]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Status">
        {(id, errorLink) => (
          <select
            id={id}
            value={form.status}
            onChange={(event) => edit({ status: event.target.value as PaymentStatus | '' })}
            {...errorLink}
          >
            <option value="">All statuses</option>
            {PAYMENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        )}
      </Field>
      {currencies.length > 1 && (
        <Field label="Currency">
          {(id, errorLink) => (
            <select
              id={id}
              value={form.currency}
              onChange={(event) => edit({ currency: event.target.value as Currency | '' })}
              {...errorLink}
            >
              <option value="">All currencies</option>
              {currencies.map((c) => (
                <option key={c.currency} value={c.currency}>
                  {c.currency}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field label="From" error={errors.from}>
        {(id, errorLink) => (
          <input
            id={id}
            type="date"
            value={form.from}
            max={form.to || undefined}
            onChange={(event) => edit({ from: event.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <Field label="To" error={errors.to}>
        {(id, errorLink) => (
          <input
            id={id}
            type="date"
            value={form.to}
            min={form.from || undefined}
            onChange={(event) => edit({ to: event.target.value })}
            {...errorLink}
          />
        )}
      </Field>
      <button
        type="button"
        className="button button--quiet"
        disabled={!filtered}
        onClick={() => dispatch(filtersCleared())}
      >
        Clear filters
      </button>
    </form>
  );
}

function Totals({ summary }: { summary: EarningsSummary }) {
  return (
    <section className="earnings-section" aria-labelledby="earnings-sources-title">
      <h2 id="earnings-sources-title">By source</h2>
      {summary.totals.length === 0 ? (
        <p className="muted">No payments match these filters.</p>
      ) : (
        summary.totals.map((t) => (
          <Fragment key={t.currency}>
            {summary.totals.length > 1 && <h3>{t.currency}</h3>}
            <dl className="earnings-sources">
              {PAYMENT_SOURCES.map((source) => (
                <div key={source} className="card earnings-source">
                  <dt>{SOURCE_LABELS[source]}</dt>
                  <dd>{money(t.currency, t.bySource[source])}</dd>
                </div>
              ))}
              <div className="card earnings-source earnings-source--net">
                <dt>Net</dt>
                <dd>{money(t.currency, t.net)}</dd>
              </div>
            </dl>
          </Fragment>
        ))
      )}
    </section>
  );
}

const STATUS_BADGE: Readonly<Record<PaymentStatus, string>> = {
  succeeded: 'badge--synced',
  pending: 'badge--pending',
  failed: 'badge--rejected',
  disputed: 'badge--conflict',
};

function Transactions({
  state,
  timeZone,
  onMore,
}: {
  state: EarningsViewState;
  timeZone: string;
  onMore: () => void;
}) {
  const { entries, total, nextOffset } = state;
  return (
    <section className="earnings-section" aria-labelledby="earnings-list-title">
      <h2 id="earnings-list-title">Transactions</h2>
      {entries.length === 0 ? (
        <p className="muted">No payments match these filters.</p>
      ) : (
        <>
          <div className="earnings-table-wrap">
            <table className="earnings-table">
              <caption className="sr-only">
                Payments, newest first: {entries.length} of {total} shown
              </caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Source</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col" className="num">
                    Fee
                  </th>
                  <th scope="col" className="num">
                    Refunded
                  </th>
                  <th scope="col" className="num">
                    Net
                  </th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => (
                  <TransactionRow key={entry.id} entry={entry} timeZone={timeZone} />
                ))}
              </tbody>
            </table>
          </div>
          <p className="earnings-more">
            <span className="muted small">
              {entries.length} of {total} {total === 1 ? 'payment' : 'payments'}
            </span>
            {nextOffset !== null && (
              <button type="button" className="button" onClick={onMore}>
                Show more
              </button>
            )}
          </p>
        </>
      )}
    </section>
  );
}

function TransactionRow({ entry, timeZone }: { entry: EarningsEntry; timeZone: string }) {
  const refunded = entry.refunded !== '0';
  return (
    <tr>
      <td>
        {entry.day === null ? 'Unknown' : dayLabel(entry.day)}{' '}
        <span className="muted small">{timeLabel(entry.at, timeZone)}</span>
      </td>
      <td>{SOURCE_LABEL_ONE[entry.source]}</td>
      <td>
        <span className={`badge ${STATUS_BADGE[entry.status]}`}>{STATUS_LABELS[entry.status]}</span>
        {refunded && (
          <span className="badge earnings-refund-badge">
            {entry.refunded === entry.amount ? 'Refunded' : 'Partly refunded'}
          </span>
        )}
      </td>
      <td className="num">{money(entry.currency, entry.amount)}</td>
      <td className="num">{money(entry.currency, entry.fee)}</td>
      <td className="num">{money(entry.currency, entry.refunded)}</td>
      <td className="num earnings-net">{money(entry.currency, entry.net)}</td>
    </tr>
  );
}

function DownloadCsv({
  account,
  timeZone,
  checked,
}: {
  account: AccountSummary;
  timeZone: string;
  checked: FilterCheck;
}) {
  const client = useStudioClient();
  const call = useStudioCall<'download'>();
  const download = async () => {
    if (!checked.ok) {
      call.fail('Fix the dates of the filter first.');
      return;
    }
    const today = calendarDayOf(new Date().toISOString(), timeZone) ?? 'today';
    const fileName = `mesi-earnings-${account.handle ?? account.id}-${today}.csv`;
    await call.run(
      'download',
      async () => {
        const csv = await client.earnings.exportCsv.query({
          accountId: account.id,
          filter: checked.filter,
          timeZone,
        });
        downloadTextFile(fileName, csv, 'text/csv;charset=utf-8');
      },
      `Downloaded ${fileName}.`,
    );
  };
  return (
    <div className="earnings-download">
      <button
        type="button"
        className="button button--primary"
        disabled={call.busy !== null}
        onClick={() => void download()}
      >
        Download CSV
      </button>
      <CallOutcome failure={call.failure} notice={call.notice} />
    </div>
  );
}
