import type { EarningsEntry, PaymentStatus } from '@shared/domain/money/earnings';
import { dayLabel, money, SOURCE_LABEL_ONE, STATUS_LABELS, timeLabel } from './earnings-format';
import type { EarningsViewState } from './earnings-view-slice';

const STATUS_BADGE: Readonly<Record<PaymentStatus, string>> = {
  succeeded: 'badge--synced',
  pending: 'badge--pending',
  failed: 'badge--rejected',
  disputed: 'badge--conflict',
};

/** The filter's payments, newest first, with what each one earned; more on request. */
export function TransactionTable({
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
