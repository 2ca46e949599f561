import { Fragment, useMemo } from 'react';
import { calendarDayOf } from '@shared/domain/calendar-day';
import { PAYMENT_SOURCES, type EarningsSummary } from '@shared/domain/money/earnings';
import type { AccountSummary } from '@shared/domain/sync/status';
import { downloadTextFile } from '../files/download';
import { CallOutcome, useStudioCall } from '../forms/use-studio-call';
import { useAppSelector } from '../store/hooks';
import { activeAccount } from '../store/studio-slice';
import { useStudioClient } from '../transport/client-context';
import { EarningsChart } from './EarningsChart';
import { EarningsFilters } from './EarningsFilters';
import { localTimeZone, money, SOURCE_LABELS } from './earnings-format';
import type { FilterCheck } from './earnings-view-slice';
import { TransactionTable } from './TransactionTable';
import { useEarnings } from './use-earnings';
import './earnings.css';

export const EMPTY_EARNINGS =
  'No earnings yet — tips, subscriptions, pay-per-view and live tickets appear here after sync.';

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
          <EarningsFilters
            state={state}
            dispatch={dispatch}
            checked={checked}
            currencies={summary.balances}
          />
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
          <TransactionTable state={state} timeZone={timeZone} onMore={() => void loadMore()} />
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
