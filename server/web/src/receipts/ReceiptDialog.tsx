import { useId, type ReactNode } from 'react';
import { describeError } from '../api/error-message';
import { displayMinor } from '../format/money';
import { ModalDialog } from '../layout/ModalDialog';
import { ReceiptCreator } from './ReceiptCreator';
import { ReceiptStatusBadge } from './ReceiptStatusBadge';
import {
  formatReceiptMoment,
  lineText,
  netPaid,
  purchaseSummary,
  railName,
  subscriptionPeriod,
} from './receipt-text';
import type { Receipt, ReceiptDetail } from './receipt-types';
import { useReceipt } from './useReceipts';

interface ReceiptDialogProps {
  /** The receipt as the list has it: the dialog names it at once, then shows the rest once it arrives. */
  readonly receipt: Receipt;
  readonly onClosed: () => void;
}

/** One receipt in full: who was paid, for what, how much, through what, and every movement of the money. */
export function ReceiptDialog({ receipt, onClosed }: ReceiptDialogProps) {
  const detail = useReceipt(receipt.paymentId);
  return (
    <ModalDialog
      title="Receipt"
      subtitle={
        <span dir="auto">
          {purchaseSummary(receipt.purchase)} · {receipt.creator.displayName}
        </span>
      }
      ready={detail.data !== undefined || detail.isError}
      onClosed={onClosed}
    >
      {(close) => (
        <div className="receipt-detail">
          {detail.data ? (
            <ReceiptFacts receipt={detail.data} />
          ) : detail.isError ? (
            <div className="modal-dialog__status" role="alert">
              <p>{describeError(detail.error)}</p>
              <button
                type="button"
                className="button"
                disabled={detail.isFetching}
                onClick={() => void detail.refetch()}
              >
                Try again
              </button>
            </div>
          ) : (
            <p className="modal-dialog__status" role="status">
              Loading the receipt…
            </p>
          )}
          <div className="receipt-detail__actions">
            <button type="button" className="button" onClick={close}>
              Done
            </button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}

function ReceiptFacts({ receipt }: { readonly receipt: ReceiptDetail }) {
  const { purchase, currency } = receipt;
  const period = subscriptionPeriod(purchase);
  const net = netPaid(receipt);
  const historyId = useId();
  return (
    <>
      <dl className="receipt-facts">
        <Fact term="Paid to">
          <ReceiptCreator creator={receipt.creator} />
        </Fact>
        <Fact term="For">
          <span dir="auto">{purchaseSummary(purchase)}</span>
          {period ? <span className="receipt-facts__note">{period}</span> : null}
        </Fact>
        {purchase.kind === 'tip' && purchase.message ? (
          <Fact term="Your message">
            <span className="receipt-facts__message" dir="auto">
              {purchase.message}
            </span>
          </Fact>
        ) : null}
        <Fact term="Amount">{displayMinor(currency, receipt.amount)}</Fact>
        <Fact term="Status">
          <ReceiptStatusBadge receipt={receipt} />
        </Fact>
        {net ? <Fact term="Paid after refunds">{net}</Fact> : null}
        {receipt.failure ? <Fact term="Why it failed">{receipt.failure}</Fact> : null}
        <Fact term="Date">
          <time dateTime={receipt.createdAt}>{formatReceiptMoment(receipt.createdAt)}</time>
        </Fact>
        <Fact term="Paid with">{railName(receipt.rail)}</Fact>
        {receipt.railReference ? (
          <Fact term="Payment reference">
            <span className="receipt-facts__code">{receipt.railReference}</span>
          </Fact>
        ) : null}
        <Fact term="Receipt number">
          <span className="receipt-facts__code">{receipt.paymentId}</span>
        </Fact>
      </dl>
      <section className="receipt-history" aria-labelledby={historyId}>
        <h3 id={historyId} className="receipt-history__title">
          History
        </h3>
        {receipt.lines.length === 0 ? (
          <p className="receipt-history__empty">
            {receipt.status === 'failed'
              ? 'No money moved: the payment did not go through.'
              : 'Nothing has moved yet: the payment is still processing.'}
          </p>
        ) : (
          <ol className="receipt-history__lines">
            {receipt.lines.map((line, index) => (
              <li key={index} className="receipt-history__line">
                <span>{lineText(line, currency)}</span>
                <time dateTime={line.at} className="receipt-history__when">
                  {formatReceiptMoment(line.at)}
                </time>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function Fact({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <div className="receipt-facts__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
